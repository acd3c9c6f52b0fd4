import { and, eq, sql } from "drizzle-orm";
import { getDb, preparedOnce, writeTransaction } from "~db/client";
import * as t from "~db/schema";
import type { Rubric } from "~/domain/rubric/types";
import { mergeDraft, type MergeConflict } from "~/domain/scorecard/merge-draft";
import {
  EMPTY_DRAFT,
  type DraftContent,
  type InterviewTimer,
  type ScorecardContent,
  type ScorecardTiming,
} from "~/domain/scorecard-content";
import { computeWeightedScore, dropStaleJustifications } from "~/domain/scoring";
import type { ScorecardDraft } from "~/schemas/scorecard-schema";
import { writeContent } from "./scorecard-content-write.server";
import { draftContent } from "./scorecard-draft.server";
import { readDraftSnapshot, writeDraftSnapshot } from "./scorecard-snapshot.server";

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

// The autosave path runs these on every keystroke burst: each is prepared once per connection.
const q = {
  card: preparedOnce((db) =>
    db
      .select()
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
  ),
  ratings: preparedOnce((db) =>
    db
      .select()
      .from(t.ratings)
      .where(eq(t.ratings.scorecardId, p("id")))
      .prepare(),
  ),
  flags: preparedOnce((db) =>
    db
      .select()
      .from(t.raisedRedFlags)
      .where(eq(t.raisedRedFlags.scorecardId, p("id")))
      .prepare(),
  ),
  star: preparedOnce((db) =>
    db
      .select()
      .from(t.starTicks)
      .where(eq(t.starTicks.scorecardId, p("id")))
      .prepare(),
  ),
  notes: preparedOnce((db) =>
    db
      .select()
      .from(t.evidenceNotes)
      .where(eq(t.evidenceNotes.scorecardId, p("id")))
      .orderBy(t.evidenceNotes.elapsedSeconds, t.evidenceNotes.id)
      .prepare(),
  ),
  basis: preparedOnce((db) =>
    db
      .select({ rubricVersionId: t.scorecards.rubricVersionId, variantKey: t.scorecards.variantKey })
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
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
      .values({
        interviewId: p("interviewId"),
        interviewerId: p("userId"),
        rubricVersionId: p("rubricVersionId"),
        variantKey: p("variantKey"),
      })
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

/** The mergeable content of a stored scorecard. */
export function contentOf(state: ScorecardState): DraftContent {
  const {
    ratings,
    capJustifications,
    redFlags,
    star,
    recommendation,
    recommendationJustification,
    notes,
    timer,
    timing,
    coachDismissed,
  } = state;
  return {
    ratings,
    capJustifications,
    redFlags,
    star,
    recommendation,
    recommendationJustification,
    notes,
    timer,
    timing,
    coachDismissed,
  };
}

/** Which rubric version and variant the user's scorecard was started with, if it was: one row. */
export function getScorecardBasis(
  interviewId: number,
  userId: number,
): { rubricVersionId: number; variantKey: string } | null {
  return q.basis().get({ interviewId, userId }) ?? null;
}

export function getOwnScorecard(interviewId: number, userId: number): ScorecardState | null {
  const card = q.card().get({ interviewId, userId });
  return card ? toState(card) : null;
}

export type SaveResult =
  | {
      kind: "saved";
      revision: number;
      updatedAt: string;
      submitted: boolean;
      merged: DraftContent | null;
      conflicts: MergeConflict[];
    }
  | { kind: "stale"; state: ScorecardState | null }
  | { kind: "already_submitted"; state: ScorecardState };

/**
 * Writes the draft in one immediate transaction. A draft based on an older revision (another tab,
 * another device, an offline spell) is merged field by field with what is stored, against the
 * revision it started from; fields changed on both sides keep the stored value and come back as
 * conflicts, and a submit with conflicts is saved as a draft instead. With `submit`, the scorecard
 * also becomes read-only, with its weighted score computed here.
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
      card = q
        .insertCard()
        .get({ interviewId, userId, rubricVersionId: opts.rubricVersionId, variantKey: opts.variantKey })!;
    }
    if (card.status === "submitted") return { kind: "already_submitted", state: toState(card) };
    if (draft.baseRevision > card.revision) return { kind: "stale", state: toState(card) };

    const nowMs = Date.now();
    // The stored lists are read only when needed (a merge, or a plain HTML post that keeps the
    // notes): the common autosave stays one row read, as the bench measures it.
    const needsStored = draft.baseRevision !== card.revision || !draft.notes;
    const stored = needsStored
      ? contentOf(toState(card))
      : { ...EMPTY_DRAFT, timer: timerOf(card), timing: timingOf(card), coachDismissed: card.coachDismissed };
    let content = draftContent(draft, stored, nowMs);
    let merged: DraftContent | null = null;
    let conflicts: MergeConflict[] = [];
    if (draft.baseRevision !== card.revision) {
      const base =
        draft.baseRevision === 0 ? EMPTY_DRAFT : (readDraftSnapshot(card.id, draft.baseRevision) ?? EMPTY_DRAFT);
      ({ merged, conflicts } = mergeDraft(base, content, stored));
      content = merged;
    }
    // The clock starts once: a later "first start" from another device never moves it.
    const clockStartedAt = [stored.timing.clockStartedAt, content.timing.clockStartedAt].filter(
      (v): v is number => v != null,
    );
    content.timing = { ...content.timing, clockStartedAt: clockStartedAt.length ? Math.min(...clockStartedAt) : null };
    content = dropStaleJustifications(rubric, card.variantKey, content);
    const submit = opts.submit && conflicts.length === 0;

    const now = new Date(nowMs).toISOString();
    const weighted = computeWeightedScore(rubric, card.variantKey, content.ratings);
    const timer = content.timer;
    // Submitting stops the clock: the elapsed time is what ran until now, not what ran until the last pause.
    const elapsedMs =
      submit && timer.runningSince ? timer.elapsedMs + Math.max(0, nowMs - timer.runningSince) : timer.elapsedMs;
    const updated = q.updateCard().get({
      id: card.id,
      recommendation: content.recommendation,
      recommendationJustification: content.recommendationJustification,
      coachDismissed: JSON.stringify(content.coachDismissed),
      timerElapsedMs: Math.min(elapsedMs, 86_400_000),
      timerRunningSince: submit ? null : timer.runningSince,
      clockStartedAt: content.timing.clockStartedAt,
      answerStartSeconds: content.timing.answerStartSeconds,
      answerEndSeconds: content.timing.answerEndSeconds,
      status: submit ? "submitted" : "draft",
      weightedScore: submit ? weighted.score : null,
      submittedAt: submit ? now : null,
      now,
    })!;

    writeContent(card.id, content);
    writeDraftSnapshot(card.id, updated.revision, content);
    // An autosave answers with its revision only; reading the whole scorecard back is for the snapshot.
    if (submit) {
      const state = toState(updated);
      db.insert(t.scorecardRevisions)
        .values({ scorecardId: card.id, revision: state.revision, snapshot: state, createdBy: userId })
        .run();
      db.insert(t.auditLog)
        .values({
          actorId: userId,
          action: "scorecard.submitted",
          entity: "scorecard",
          entityId: card.id,
          detail: { weightedScore: weighted.score, revision: state.revision },
        })
        .run();
    }
    return {
      kind: "saved",
      revision: updated.revision,
      updatedAt: updated.updatedAt,
      submitted: submit,
      merged: merged && content,
      conflicts,
    };
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
