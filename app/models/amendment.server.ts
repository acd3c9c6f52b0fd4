import { and, count, eq, inArray } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { paramsOf, scorecardConditions, shapeOf, type RatingFilter } from "./rating-export.server";
import type { ScorecardState } from "./scorecard.server";

// Amendments made after the author had seen other panellists' scorecards (the debrief logs the
// view; amendScorecard marks the revision). Shown on the debrief beside the scores they replaced,
// and counted per interviewer on the calibration dashboard: an interviewer who submits a
// placeholder and then amends to match the panel is no independent rater.

export interface AmendedAfterSeeing {
  /** Amendments made after seeing the panel. */
  count: number;
  lastAmendedAt: string;
  lastReason: string | null;
  /** The scorecard as it stood before its author saw the panel (null if submitted after seeing it). */
  original: { ratings: Record<string, number>; recommendation: string | null; weightedScore: number | null } | null;
}

/** For each of these scorecards amended after seeing the panel: the marker's facts. */
export function listAmendedAfterSeeing(scorecardIds: number[]): Map<number, AmendedAfterSeeing> {
  const result = new Map<number, AmendedAfterSeeing>();
  if (scorecardIds.length === 0) return result;
  const revisions = getDb()
    .select({
      scorecardId: t.scorecardRevisions.scorecardId,
      snapshot: t.scorecardRevisions.snapshot,
      reason: t.scorecardRevisions.reason,
      afterSeeingOthers: t.scorecardRevisions.afterSeeingOthers,
      createdAt: t.scorecardRevisions.createdAt,
    })
    .from(t.scorecardRevisions)
    .where(inArray(t.scorecardRevisions.scorecardId, scorecardIds))
    .orderBy(t.scorecardRevisions.scorecardId, t.scorecardRevisions.revision)
    .all();
  const before = new Map<number, ScorecardState>();
  for (const revision of revisions) {
    const snapshot = revision.snapshot as ScorecardState;
    const seen = result.get(revision.scorecardId);
    if (!revision.afterSeeingOthers) {
      // Only revisions before the first one made after seeing the panel are "the original".
      if (!seen) before.set(revision.scorecardId, snapshot);
      continue;
    }
    const prior = before.get(revision.scorecardId);
    result.set(revision.scorecardId, {
      count: (seen?.count ?? 0) + 1,
      lastAmendedAt: revision.createdAt,
      lastReason: revision.reason,
      original: seen
        ? seen.original
        : prior
          ? { ratings: prior.ratings, recommendation: prior.recommendation, weightedScore: prior.weightedScore }
          : null,
    });
  }
  return result;
}

/** Amendments after seeing the panel per interviewer (email, as in the export), for the scorecards the filter admits. */
export function countAmendedAfterSeeing(filter: RatingFilter = {}): Record<string, number> {
  const shape = shapeOf(filter);
  const rows = getDb()
    .select({ interviewer: t.users.email, n: count() })
    .from(t.scorecardRevisions)
    .innerJoin(t.scorecards, eq(t.scorecards.id, t.scorecardRevisions.scorecardId))
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .innerJoin(t.users, eq(t.users.id, t.scorecards.interviewerId))
    .where(and(eq(t.scorecardRevisions.afterSeeingOthers, true), ...scorecardConditions(shape)))
    .groupBy(t.users.email)
    .prepare()
    .all(paramsOf(filter));
  return Object.fromEntries(rows.map((r) => [r.interviewer, r.n]));
}
