import { and, eq, lt, sql } from "drizzle-orm";
import { preparedOnce } from "~db/client";
import * as t from "~db/schema";
import type { DraftContent } from "~/domain/scorecard-content";

// The content of recent draft revisions: the base a save from another tab or an offline device
// is merged against. Only the newest few are needed (a tab rarely falls more than a few saves
// behind); an older base merges against an empty card, which shows every differing field as a
// conflict rather than guessing.

const KEEP = 50;
/** Older snapshots are pruned on every PRUNE_EVERY-th revision (one delete of several rows, not one per save). */
const PRUNE_EVERY = 10;

const p = sql.placeholder;
// Written on every autosave: prepared once per connection (drizzle's per-call query building cost more than the write).
const q = {
  read: preparedOnce((db) =>
    db
      .select({ content: t.scorecardDraftSnapshots.content })
      .from(t.scorecardDraftSnapshots)
      .where(
        and(eq(t.scorecardDraftSnapshots.scorecardId, p("id")), eq(t.scorecardDraftSnapshots.revision, p("revision"))),
      )
      .prepare(),
  ),
  write: preparedOnce((db) =>
    db
      .insert(t.scorecardDraftSnapshots)
      // The JSON text itself (what the column's json mode would store), so the placeholder is bound as it is.
      .values({ scorecardId: p("id"), revision: p("revision"), content: sql`${p("content")}` })
      .onConflictDoUpdate({
        target: [t.scorecardDraftSnapshots.scorecardId, t.scorecardDraftSnapshots.revision],
        set: { content: sql`excluded.content` },
      })
      .prepare(),
  ),
  prune: preparedOnce((db) =>
    db
      .delete(t.scorecardDraftSnapshots)
      .where(
        and(eq(t.scorecardDraftSnapshots.scorecardId, p("id")), lt(t.scorecardDraftSnapshots.revision, p("before"))),
      )
      .prepare(),
  ),
};

export function readDraftSnapshot(scorecardId: number, revision: number): DraftContent | null {
  const row = q.read().get({ id: scorecardId, revision });
  return (row?.content as DraftContent | undefined) ?? null;
}

/** Called inside the save's transaction. Keeps at least the newest KEEP revisions. */
export function writeDraftSnapshot(scorecardId: number, revision: number, content: DraftContent): void {
  q.write().run({ id: scorecardId, revision, content: JSON.stringify(content) });
  if (revision % PRUNE_EVERY === 0) q.prune().run({ id: scorecardId, before: revision - KEEP });
}
