import { and, eq, sql } from "drizzle-orm";
import { getDb, preparedOnce, writeTransaction } from "../../db/client";
import * as t from "../../db/schema";
import type { Rubric } from "~/domain/rubric/types";
import type { InterviewTimer, ScorecardContent } from "~/domain/scorecard-content";
import { diffScorecards } from "~/domain/scorecard-diff";
import { computeWeightedScore } from "~/domain/scoring";
import type { ScorecardDraft } from "~/schemas/scorecard-schema";

export interface ScorecardState extends ScorecardContent {
  id: number;
  status: "draft" | "submitted";
  revision: number;
  rubricVersionId: number;
  variantKey: string;
  timer: InterviewTimer;
  weightedScore: number | null;
  updatedAt: string;
  submittedAt: string | null;
}

const p = sql.placeholder;

// The autosave path runs these on every keystroke burst: each is prepared once per connection.
const q = {
  card: preparedOnce((db) =>
    db
      .select()
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
  ),
  ratings: preparedOnce((db) => db.select().from(t.ratings).where(eq(t.ratings.scorecardId, p("id"))).prepare()),
  flags: preparedOnce((db) => db.select().from(t.raisedRedFlags).where(eq(t.raisedRedFlags.scorecardId, p("id"))).prepare()),
  star: preparedOnce((db) => db.select().from(t.starTicks).where(eq(t.starTicks.scorecardId, p("id"))).prepare()),
  notes: preparedOnce((db) =>
    db.select().from(t.evidenceNotes).where(eq(t.evidenceNotes.scorecardId, p("id"))).orderBy(t.evidenceNotes.elapsedSeconds, t.evidenceNotes.id).prepare(),
  ),
  submittedForInterview: preparedOnce((db) =>
    db
      .select()
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.status, "submitted")))
      .orderBy(t.scorecards.submittedAt)
      .prepare(),
  ),
  insertCard: preparedOnce((db) =>
    db
      .insert(t.scorecards)
      .values({ interviewId: p("interviewId"), interviewerId: p("userId"), rubricVersionId: p("rubricVersionId"), variantKey: p("variantKey") })
      .returning()
      .prepare(),
  ),
  updateCard: preparedOnce((db) =>
    db
      .update(t.scorecards)
      .set({
        revision: sql`${t.scorecards.revision} + 1`,
        recommendation: sql`${p("recommendation")}`,
        recommendationJustification: sql`${p("recommendationJustification")}`,
        timerElapsedMs: sql`${p("timerElapsedMs")}`,
        timerRunningSince: sql`${p("timerRunningSince")}`,
        status: sql`${p("status")}`,
        weightedScore: sql`${p("weightedScore")}`,
        submittedAt: sql`${p("submittedAt")}`,
        updatedAt: sql`${p("now")}`,
      })
      .where(eq(t.scorecards.id, p("id")))
      .returning()
      .prepare(),
  ),
  deleteRatings: preparedOnce((db) => db.delete(t.ratings).where(eq(t.ratings.scorecardId, p("id"))).prepare()),
  insertRating: preparedOnce((db) =>
    db.insert(t.ratings).values({ scorecardId: p("id"), dimensionKey: p("dimension"), score: p("score"), capJustification: p("justification") }).prepare(),
  ),
  deleteFlags: preparedOnce((db) => db.delete(t.raisedRedFlags).where(eq(t.raisedRedFlags.scorecardId, p("id"))).prepare()),
  insertFlag: preparedOnce((db) => db.insert(t.raisedRedFlags).values({ scorecardId: p("id"), flagKey: p("key") }).prepare()),
  deleteStar: preparedOnce((db) => db.delete(t.starTicks).where(eq(t.starTicks.scorecardId, p("id"))).prepare()),
  insertStar: preparedOnce((db) => db.insert(t.starTicks).values({ scorecardId: p("id"), starKey: p("key") }).prepare()),
  deleteNotesExcept: preparedOnce((db) =>
    db
      .delete(t.evidenceNotes)
      .where(and(eq(t.evidenceNotes.scorecardId, p("id")), sql`${t.evidenceNotes.clientId} not in (select value from json_each(${p("keep")}))`))
      .prepare(),
  ),
  upsertNote: preparedOnce((db) =>
    db
      .insert(t.evidenceNotes)
      .values({ scorecardId: p("id"), clientId: p("clientId"), dimensionKey: p("dimension"), elapsedSeconds: p("elapsed"), text: p("text") })
      .onConflictDoUpdate({
        target: [t.evidenceNotes.scorecardId, t.evidenceNotes.clientId],
        set: { dimensionKey: sql`excluded.dimension_key`, elapsedSeconds: sql`excluded.elapsed_seconds`, text: sql`excluded.text` },
      })
      .prepare(),
  ),
};

type CardRow = typeof t.scorecards.$inferSelect;

function toState(card: CardRow): ScorecardState {
  const ratings: Record<string, number> = {};
  const capJustifications: Record<string, string> = {};
  for (const r of q.ratings().all({ id: card.id })) {
    ratings[r.dimensionKey] = r.score;
    if (r.capJustification) capJustifications[r.dimensionKey] = r.capJustification;
  }
  return {
    id: card.id,
    status: card.status,
    revision: card.revision,
    rubricVersionId: card.rubricVersionId,
    variantKey: card.variantKey,
    ratings,
    capJustifications,
    redFlags: q.flags().all({ id: card.id }).map((f) => f.flagKey),
    star: q.star().all({ id: card.id }).map((s) => s.starKey),
    recommendation: card.recommendation,
    recommendationJustification: card.recommendationJustification,
    notes: q.notes().all({ id: card.id }).map((n) => ({ id: n.clientId, dimension: n.dimensionKey, elapsedSeconds: n.elapsedSeconds, text: n.text })),
    timer: { elapsedMs: card.timerElapsedMs, runningSince: card.timerRunningSince },
    weightedScore: card.weightedScore,
    updatedAt: card.updatedAt,
    submittedAt: card.submittedAt,
  };
}

/** Replaces what the scorecard holds with the draft's content (notes only when the draft has them). */
function writeContent(id: number, draft: ScorecardDraft) {
  q.deleteRatings().run({ id });
  for (const [dimension, score] of Object.entries(draft.ratings)) {
    if (score == null) continue;
    q.insertRating().run({ id, dimension, score, justification: draft.capJustifications[dimension] ?? "" });
  }
  q.deleteFlags().run({ id });
  for (const key of new Set(draft.redFlags)) q.insertFlag().run({ id, key });
  q.deleteStar().run({ id });
  for (const key of new Set(draft.star)) q.insertStar().run({ id, key });
  if (draft.notes) {
    q.deleteNotesExcept().run({ id, keep: JSON.stringify(draft.notes.map((n) => n.id)) });
    for (const n of draft.notes) q.upsertNote().run({ id, clientId: n.id, dimension: n.dimension, elapsed: n.elapsedSeconds, text: n.text });
  }
}

/** Which rubric version and variant the user's scorecard was started with, if it was: one row. */
export function getScorecardBasis(interviewId: number, userId: number): { rubricVersionId: number; variantKey: string } | null {
  const card = q.card().get({ interviewId, userId });
  return card ? { rubricVersionId: card.rubricVersionId, variantKey: card.variantKey } : null;
}

export function getOwnScorecard(interviewId: number, userId: number): ScorecardState | null {
  const card = q.card().get({ interviewId, userId });
  return card ? toState(card) : null;
}

export type SaveResult =
  | { kind: "saved"; revision: number; updatedAt: string }
  | { kind: "stale"; state: ScorecardState | null }
  | { kind: "already_submitted"; state: ScorecardState };

/**
 * Writes the whole draft in one immediate transaction, if it was based on the stored revision.
 * With `submit`, the scorecard also becomes read-only, with its weighted score computed here.
 */
export function saveScorecard(opts: {
  interviewId: number;
  userId: number;
  rubricVersionId: number;
  rubric: Rubric;
  variantKey: string;
  draft: ScorecardDraft;
  submit: boolean;
}): SaveResult {
  const { interviewId, userId, rubric, draft } = opts;
  return writeTransaction((db) => {
    let card = q.card().get({ interviewId, userId });
    if (!card) {
      // Nothing stored yet: only a save based on "nothing" (revision 0) may start the scorecard.
      if (draft.baseRevision !== 0) return { kind: "stale", state: null };
      card = q.insertCard().get({ interviewId, userId, rubricVersionId: opts.rubricVersionId, variantKey: opts.variantKey })!;
    }
    if (card.status === "submitted") return { kind: "already_submitted", state: toState(card) };
    if (card.revision !== draft.baseRevision) return { kind: "stale", state: toState(card) };

    const now = new Date().toISOString();
    const weighted = computeWeightedScore(rubric, card.variantKey, draft.ratings);
    const timer = draft.timer ?? { elapsedMs: card.timerElapsedMs, runningSince: card.timerRunningSince };
    const updated = q.updateCard().get({
      id: card.id,
      recommendation: draft.recommendation,
      recommendationJustification: draft.recommendationJustification,
      timerElapsedMs: timer.elapsedMs,
      timerRunningSince: opts.submit ? null : timer.runningSince,
      status: opts.submit ? "submitted" : "draft",
      weightedScore: opts.submit ? weighted.score : null,
      submittedAt: opts.submit ? now : null,
      now,
    })!;

    writeContent(card.id, draft);
    // An autosave answers with its revision only; reading the whole scorecard back is for the snapshot.
    if (opts.submit) {
      const state = toState(updated);
      db.insert(t.scorecardRevisions).values({ scorecardId: card.id, revision: state.revision, snapshot: state, createdBy: userId }).run();
      db.insert(t.auditLog)
        .values({ actorId: userId, action: "scorecard.submitted", entity: "scorecard", entityId: card.id, detail: { weightedScore: weighted.score, revision: state.revision } })
        .run();
    }
    return { kind: "saved", revision: updated.revision, updatedAt: updated.updatedAt };
  });
}

/** The interview's submitted scorecards, each with its author. */
export function listSubmittedScorecards(interviewId: number): (ScorecardState & { interviewerId: number })[] {
  return q
    .submittedForInterview()
    .all({ interviewId })
    .map((card) => ({ ...toState(card), interviewerId: card.interviewerId }));
}

/** Other panellists' scorecards were shown to this interviewer (the debrief logs it). */
export function hasSeenOthers(interviewId: number, userId: number): boolean {
  return !!getDb()
    .select({ id: t.auditLog.id })
    .from(t.auditLog)
    .where(and(eq(t.auditLog.action, "debrief.viewed"), eq(t.auditLog.entityId, interviewId), eq(t.auditLog.actorId, userId)))
    .get();
}

export function recordDebriefView(interviewId: number, userId: number): void {
  writeTransaction((db) => {
    if (hasSeenOthers(interviewId, userId)) return;
    db.insert(t.auditLog).values({ actorId: userId, action: "debrief.viewed", entity: "interview", entityId: interviewId }).run();
  });
}

export type AmendResult =
  | { kind: "amended"; state: ScorecardState; afterSeeingOthers: boolean }
  | { kind: "not_submitted" }
  | { kind: "stale"; state: ScorecardState }
  | { kind: "unchanged" };

/**
 * A submitted scorecard changes only by amendment: a new revision with the author's reason, the
 * previous one kept, and an audit entry of who, when, why and what changed.
 */
export function amendScorecard(opts: { interviewId: number; userId: number; rubric: Rubric; draft: ScorecardDraft; reason: string }): AmendResult {
  const { interviewId, userId, rubric, draft } = opts;
  try {
    return amendInTransaction(interviewId, userId, rubric, draft, opts.reason);
  } catch (error) {
    if (error instanceof UnchangedAmendment) return { kind: "unchanged" };
    throw error;
  }
}

function amendInTransaction(interviewId: number, userId: number, rubric: Rubric, draft: ScorecardDraft, reason: string): AmendResult {
  return writeTransaction((db) => {
    const card = q.card().get({ interviewId, userId });
    if (!card || card.status !== "submitted") return { kind: "not_submitted" };
    if (card.revision !== draft.baseRevision) return { kind: "stale", state: toState(card) };
    const before = toState(card);
    const updated = q.updateCard().get({
      id: card.id,
      recommendation: draft.recommendation,
      recommendationJustification: draft.recommendationJustification,
      timerElapsedMs: card.timerElapsedMs,
      timerRunningSince: null,
      status: "submitted",
      weightedScore: computeWeightedScore(rubric, card.variantKey, draft.ratings).score,
      submittedAt: card.submittedAt,
      now: new Date().toISOString(),
    })!;
    writeContent(card.id, draft);
    // Compared with the whole stored result, recommendation included (it lives on the card row).
    const state = toState(updated);
    const changes = diffScorecards(before, state);
    if (changes.length === 0) throw new UnchangedAmendment();
    const afterSeeingOthers = hasSeenOthers(interviewId, userId);
    db.insert(t.scorecardRevisions)
      .values({ scorecardId: card.id, revision: state.revision, snapshot: state, reason, afterSeeingOthers, createdBy: userId })
      .run();
    db.insert(t.auditLog)
      .values({ actorId: userId, action: "scorecard.amended", entity: "scorecard", entityId: card.id, detail: { reason, afterSeeingOthers, changes } })
      .run();
    return { kind: "amended", state, afterSeeingOthers };
  });
}

/** Thrown inside the transaction so that rewriting identical content is rolled back. */
class UnchangedAmendment extends Error {}

export interface RevisionEntry {
  revision: number;
  reason: string | null;
  afterSeeingOthers: boolean;
  createdAt: string;
}

/** The submission and every amendment of a scorecard, oldest first. */
export function listRevisions(scorecardId: number): RevisionEntry[] {
  return getDb()
    .select({
      revision: t.scorecardRevisions.revision,
      reason: t.scorecardRevisions.reason,
      afterSeeingOthers: t.scorecardRevisions.afterSeeingOthers,
      createdAt: t.scorecardRevisions.createdAt,
    })
    .from(t.scorecardRevisions)
    .where(eq(t.scorecardRevisions.scorecardId, scorecardId))
    .orderBy(t.scorecardRevisions.revision)
    .all();
}
