import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, preparedOnce, writeTransaction } from "~db/client";
import * as t from "~db/schema";
import type { DraftContent, InterviewTimer, ScorecardContent, ScorecardTiming } from "~/domain/scorecard-content";
import { EMPTY_DRAFT } from "~/domain/scorecard/merge-draft";
import { writeContent } from "./scorecard-content-write.server";

export interface ScorecardState extends ScorecardContent {
  id: number;
  status: "draft" | "submitted";
  revision: number;
  rubricVersionId: number;
  variantKey: string;
  timer: InterviewTimer;
  timing: ScorecardTiming;
  /** Evidence-coach suggestions dismissed on this card (see DraftContent). */
  coachDismissed: string[];
  weightedScore: number | null;
  updatedAt: string;
  submittedAt: string | null;
}

const p = sql.placeholder;

type ChildTable = typeof t.ratings | typeof t.raisedRedFlags | typeof t.starTicks | typeof t.evidenceNotes;

/**
 * One scorecard's rows of a table that hangs off it (placeholder `id`), in the given order. The
 * return type names the rows: drizzle cannot infer them through a generic table.
 */
function childRows<T extends ChildTable>(
  table: T,
  ...orderBy: SQLiteColumn[]
): () => { all(values: { id: number }): T["$inferSelect"][] } {
  return preparedOnce((db) =>
    db
      .select()
      .from(table as ChildTable)
      .where(eq(table.scorecardId, p("id")))
      .orderBy(...orderBy)
      .prepare(),
  );
}

// The autosave path runs these on every keystroke burst: each is prepared once per connection.
const q = {
  card: preparedOnce((db) =>
    db
      .select()
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
  ),
  ratings: childRows(t.ratings),
  flags: childRows(t.raisedRedFlags),
  star: childRows(t.starTicks),
  notes: childRows(t.evidenceNotes, t.evidenceNotes.elapsedSeconds, t.evidenceNotes.id),
  // On every autosave: plain SQL, the row as it comes (no drizzle row mapping).
  basis: preparedOnce((db) =>
    db.$client.prepare(
      `select rubric_version_id as rubricVersionId, variant_key as variantKey from scorecards
       where interview_id = ? and interviewer_id = ?`,
    ),
  ),
  submittedForInterview: preparedOnce((db) =>
    db
      .select()
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.status, "submitted")))
      .orderBy(t.scorecards.submittedAt)
      .prepare(),
  ),
  updateCard: preparedOnce((db) =>
    db
      .update(t.scorecards)
      .set({
        revision: sql`${t.scorecards.revision} + 1`,
        recommendation: sql`${p("recommendation")}`,
        recommendationJustification: sql`${p("recommendationJustification")}`,
        coachDismissed: sql`${p("coachDismissed")}`,
        timerElapsedMs: sql`${p("timerElapsedMs")}`,
        timerRunningSince: sql`${p("timerRunningSince")}`,
        clockStartedAt: sql`${p("clockStartedAt")}`,
        answerStartSeconds: sql`${p("answerStartSeconds")}`,
        answerEndSeconds: sql`${p("answerEndSeconds")}`,
        status: sql`${p("status")}`,
        weightedScore: sql`${p("weightedScore")}`,
        submittedAt: sql`${p("submittedAt")}`,
        updatedAt: sql`${p("now")}`,
      })
      .where(eq(t.scorecards.id, p("id")))
      .returning()
      .prepare(),
  ),
};

type CardRow = typeof t.scorecards.$inferSelect;

const timerOf = (card: CardRow): InterviewTimer => ({
  elapsedMs: card.timerElapsedMs,
  runningSince: card.timerRunningSince,
});
const timingOf = (card: CardRow): ScorecardTiming => ({
  clockStartedAt: card.clockStartedAt,
  answerStartSeconds: card.answerStartSeconds,
  answerEndSeconds: card.answerEndSeconds,
});

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
    redFlags: q
      .flags()
      .all({ id: card.id })
      .map((f) => f.flagKey),
    star: q
      .star()
      .all({ id: card.id })
      .map((s) => s.starKey),
    recommendation: card.recommendation,
    recommendationJustification: card.recommendationJustification,
    notes: q
      .notes()
      .all({ id: card.id })
      .map((n) => ({ id: n.clientId, dimension: n.dimensionKey, elapsedSeconds: n.elapsedSeconds, text: n.text })),
    timer: timerOf(card),
    timing: timingOf(card),
    coachDismissed: card.coachDismissed,
    weightedScore: card.weightedScore,
    updatedAt: card.updatedAt,
    submittedAt: card.submittedAt,
  };
}

/** The mergeable content of a stored scorecard: the fields of a draft (EMPTY_DRAFT names each once). */
export function contentOf(state: ScorecardState): DraftContent {
  return Object.fromEntries(
    Object.keys(EMPTY_DRAFT).map((field) => [field, state[field as keyof DraftContent]]),
  ) as unknown as DraftContent;
}

/** Which rubric version and variant the user's scorecard was started with, if it was: one row. */
export function getScorecardBasis(
  interviewId: number,
  userId: number,
): { rubricVersionId: number; variantKey: string } | null {
  return (q.basis().get(interviewId, userId) as { rubricVersionId: number; variantKey: string } | undefined) ?? null;
}

export function getOwnScorecard(interviewId: number, userId: number): ScorecardState | null {
  const card = q.card().get({ interviewId, userId });
  return card ? toState(card) : null;
}

/**
 * A submit's record, inside the save's transaction: the submitted revision kept whole (what an
 * amendment is compared with) and an audit entry.
 */
export function recordSubmission(state: ScorecardState, userId: number, weightedScore: number | null): void {
  const db = getDb();
  db.insert(t.scorecardRevisions)
    .values({ scorecardId: state.id, revision: state.revision, snapshot: state, createdBy: userId })
    .run();
  db.insert(t.auditLog)
    .values({
      actorId: userId,
      action: "scorecard.submitted",
      entity: "scorecard",
      entityId: state.id,
      detail: { weightedScore, revision: state.revision },
    })
    .run();
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
    .where(
      and(
        eq(t.auditLog.action, "debrief.viewed"),
        eq(t.auditLog.entityId, interviewId),
        eq(t.auditLog.actorId, userId),
      ),
    )
    .get();
}

export function recordDebriefView(interviewId: number, userId: number): void {
  writeTransaction((db) => {
    if (hasSeenOthers(interviewId, userId)) return;
    db.insert(t.auditLog)
      .values({ actorId: userId, action: "debrief.viewed", entity: "interview", entityId: interviewId })
      .run();
  });
}

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

/** For the amendment module: the statements and row mapping it shares with saving. */
export const scorecardStore = { q, toState, writeContent };
