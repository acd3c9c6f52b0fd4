import { preparedOnce } from "~db/client";
import type { DraftContent } from "~/domain/scorecard-content";

// The content of recent draft revisions: the base a save from another tab or an offline device
// is merged against. Only the newest few are needed (a tab rarely falls more than a few saves
// behind); an older base merges against an empty card, which shows every differing field as a
// conflict rather than guessing.

const KEEP = 50;
/** Older snapshots are pruned on every PRUNE_EVERY-th revision (one delete of several rows, not one per save). */
const PRUNE_EVERY = 10;

// Written on every autosave: plain SQL prepared once per connection.
const q = {
  read: preparedOnce((db) =>
    db.$client.prepare("select content from scorecard_draft_snapshots where scorecard_id = ? and revision = ?").pluck(),
  ),
  write: preparedOnce((db) =>
    db.$client.prepare(
      `insert into scorecard_draft_snapshots (scorecard_id, revision, content) values (?, ?, ?)
       on conflict (scorecard_id, revision) do update set content = excluded.content`,
    ),
  ),
  prune: preparedOnce((db) =>
    db.$client.prepare("delete from scorecard_draft_snapshots where scorecard_id = ? and revision < ?"),
  ),
};

export function readDraftSnapshot(scorecardId: number, revision: number): DraftContent | null {
  const content = q.read().get(scorecardId, revision) as string | undefined;
  return content === undefined ? null : (JSON.parse(content) as DraftContent);
}

/** Called inside the save's transaction. Keeps at least the newest KEEP revisions. */
export function writeDraftSnapshot(scorecardId: number, revision: number, content: DraftContent): void {
  q.write().run(scorecardId, revision, JSON.stringify(content));
  if (revision % PRUNE_EVERY === 0) q.prune().run(scorecardId, revision - KEEP);
}
