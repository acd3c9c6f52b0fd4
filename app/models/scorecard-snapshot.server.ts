import { and, eq, lt } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import type { DraftContent } from "~/domain/scorecard-content";

// The content of recent draft revisions: the base a save from another tab or an offline device
// is merged against. Only the newest few are needed (a tab rarely falls more than a few saves
// behind); an older base merges against an empty card, which shows every differing field as a
// conflict rather than guessing.

const KEEP = 50;

export function readDraftSnapshot(scorecardId: number, revision: number): DraftContent | null {
  const row = getDb()
    .select({ content: t.scorecardDraftSnapshots.content })
    .from(t.scorecardDraftSnapshots)
    .where(
      and(eq(t.scorecardDraftSnapshots.scorecardId, scorecardId), eq(t.scorecardDraftSnapshots.revision, revision)),
    )
    .get();
  return (row?.content as DraftContent | undefined) ?? null;
}

/** Called inside the save's transaction. */
export function writeDraftSnapshot(scorecardId: number, revision: number, content: DraftContent): void {
  const db = getDb();
  db.insert(t.scorecardDraftSnapshots)
    .values({ scorecardId, revision, content })
    .onConflictDoUpdate({
      target: [t.scorecardDraftSnapshots.scorecardId, t.scorecardDraftSnapshots.revision],
      set: { content },
    })
    .run();
  db.delete(t.scorecardDraftSnapshots)
    .where(
      and(
        eq(t.scorecardDraftSnapshots.scorecardId, scorecardId),
        lt(t.scorecardDraftSnapshots.revision, revision - KEEP),
      ),
    )
    .run();
}
