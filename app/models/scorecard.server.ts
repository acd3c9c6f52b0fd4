import { and, eq, sql } from "drizzle-orm";
import { preparedOnce, writeTransaction } from "../../db/client";
import * as t from "../../db/schema";
import type { Rubric } from "~/domain/rubric/types";
import type { InterviewTimer, ScorecardContent } from "~/domain/scorecard-content";
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

export function getOwnScorecard(interviewId: number, userId: number): ScorecardState | null {
  const card = q.card().get({ interviewId, userId });
  return card ? toState(card) : null;
}

export type SaveResult =
  | { kind: "saved"; state: ScorecardState }
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

    q.deleteRatings().run({ id: card.id });
    for (const [dimension, score] of Object.entries(draft.ratings)) {
      if (score == null) continue;
      q.insertRating().run({ id: card.id, dimension, score, justification: draft.capJustifications[dimension] ?? "" });
    }
    q.deleteFlags().run({ id: card.id });
    for (const key of new Set(draft.redFlags)) q.insertFlag().run({ id: card.id, key });
    q.deleteStar().run({ id: card.id });
    for (const key of new Set(draft.star)) q.insertStar().run({ id: card.id, key });
    if (draft.notes) {
      q.deleteNotesExcept().run({ id: card.id, keep: JSON.stringify(draft.notes.map((n) => n.id)) });
      for (const n of draft.notes) q.upsertNote().run({ id: card.id, clientId: n.id, dimension: n.dimension, elapsed: n.elapsedSeconds, text: n.text });
    }

    const state = toState(updated);
    if (opts.submit) {
      db.insert(t.scorecardRevisions).values({ scorecardId: card.id, revision: state.revision, snapshot: state, createdBy: userId }).run();
      db.insert(t.auditLog)
        .values({ actorId: userId, action: "scorecard.submitted", entity: "scorecard", entityId: card.id, detail: { weightedScore: weighted.score, revision: state.revision } })
        .run();
    }
    return { kind: "saved", state };
  });
}
