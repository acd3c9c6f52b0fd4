import { writeTransaction } from "~db/client";
import * as t from "~db/schema";
import type { Rubric } from "~/domain/rubric/types";
import { keepDismissals } from "~/domain/coach/dismissals";
import { diffScorecards } from "~/domain/scorecard-diff";
import { computeWeightedScore, dropStaleJustifications } from "~/domain/scoring";
import type { ScorecardDraft } from "~/schemas/scorecard-schema";
import { hasSeenOthers, scorecardStore, type ScorecardState } from "./scorecard.server";

const { q, toState, writeContent } = scorecardStore;

export type AmendResult =
  | { kind: "amended"; state: ScorecardState; afterSeeingOthers: boolean }
  | { kind: "not_submitted" }
  | { kind: "stale"; state: ScorecardState }
  | { kind: "unchanged" };

/**
 * A submitted scorecard changes only by amendment: a new revision with the author's reason, the
 * previous one kept, and an audit entry of who, when, why and what changed.
 */
export function amendScorecard(opts: {
  interviewId: number;
  userId: number;
  rubric: Rubric;
  draft: ScorecardDraft;
  reason: string;
}): AmendResult {
  try {
    return amendInTransaction(opts.interviewId, opts.userId, opts.rubric, opts.draft, opts.reason);
  } catch (error) {
    if (error instanceof UnchangedAmendment) return { kind: "unchanged" };
    throw error;
  }
}

function amendInTransaction(
  interviewId: number,
  userId: number,
  rubric: Rubric,
  draft: ScorecardDraft,
  reason: string,
): AmendResult {
  return writeTransaction((db) => {
    const card = q.card().get({ interviewId, userId });
    if (!card || card.status !== "submitted") return { kind: "not_submitted" };
    if (card.revision !== draft.baseRevision) return { kind: "stale", state: toState(card) };
    const before = toState(card);
    const ratings = Object.fromEntries(
      Object.entries(draft.ratings).filter((e): e is [string, number] => e[1] != null),
    );
    const content = dropStaleJustifications(rubric, card.variantKey, {
      ratings,
      capJustifications: Object.fromEntries(
        Object.entries(draft.capJustifications).filter((e): e is [string, string] => !!e[1]),
      ),
      redFlags: draft.redFlags,
      star: draft.star,
      recommendation: draft.recommendation,
      recommendationJustification: draft.recommendationJustification,
      notes: draft.notes ?? before.notes,
    });
    // The timing of a submitted interview is history: an amendment changes the scores, not the clock.
    const updated = q.updateCard().get({
      id: card.id,
      recommendation: content.recommendation,
      recommendationJustification: content.recommendationJustification,
      // An amendment may dismiss suggestions too; those of removed notes go with them.
      coachDismissed: JSON.stringify(keepDismissals(draft.coachDismissed ?? before.coachDismissed, content.notes)),
      timerElapsedMs: card.timerElapsedMs,
      timerRunningSince: null,
      clockStartedAt: card.clockStartedAt,
      answerStartSeconds: card.answerStartSeconds,
      answerEndSeconds: card.answerEndSeconds,
      status: "submitted",
      weightedScore: computeWeightedScore(rubric, card.variantKey, content.ratings).score,
      submittedAt: card.submittedAt,
      now: new Date().toISOString(),
    })!;
    writeContent(card.id, content);
    // Compared with the whole stored result, recommendation included (it lives on the card row).
    const state = toState(updated);
    const changes = diffScorecards(before, state);
    if (changes.length === 0) throw new UnchangedAmendment();
    const afterSeeingOthers = hasSeenOthers(interviewId, userId);
    db.insert(t.scorecardRevisions)
      .values({
        scorecardId: card.id,
        revision: state.revision,
        snapshot: state,
        reason,
        afterSeeingOthers,
        createdBy: userId,
      })
      .run();
    db.insert(t.auditLog)
      .values({
        actorId: userId,
        action: "scorecard.amended",
        entity: "scorecard",
        entityId: card.id,
        detail: { reason, afterSeeingOthers, changes },
      })
      .run();
    return { kind: "amended", state, afterSeeingOthers };
  });
}

/** Thrown inside the transaction so that rewriting identical content is rolled back. */
class UnchangedAmendment extends Error {}
