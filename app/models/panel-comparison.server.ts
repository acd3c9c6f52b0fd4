import { computePanelSpread } from "~/domain/debrief";
import { answerLength } from "~/domain/scorecard/answer-guide";
import { listAmendedAfterSeeing } from "./amendment.server";
import type { PanelMember } from "./interview.server";
import { requireRubricVersion } from "./rubric.server";
import type { listSubmittedScorecards } from "./scorecard.server";

type SubmittedScorecard = ReturnType<typeof listSubmittedScorecards>[number];

/**
 * The panel side by side, as PanelComparison (app/components/debrief/panel-comparison.tsx) shows
 * it: the rubric the scorecards were scored with, the spread per dimension, and each scorecard
 * with its author's name. Shared by the debrief and the calibration review; which scorecards a
 * viewer may see (independence) is the caller's decision, made before this is called.
 */
export function buildPanelComparison(
  interview: { rubricVersionId: number },
  panel: PanelMember[],
  scorecards: SubmittedScorecard[],
) {
  const rubric = requireRubricVersion(scorecards[0]?.rubricVersionId ?? interview.rubricVersionId).rubric;
  const names = new Map(panel.map((m) => [m.interviewerId, m.name]));
  const amended = listAmendedAfterSeeing(scorecards.map((card) => card.id));
  return {
    spread: computePanelSpread(rubric.dimensions, scorecards),
    rubric: {
      dimensions: rubric.dimensions,
      redFlags: rubric.redFlags,
      recommendations: rubric.recommendations,
      scale: rubric.scale,
      answerGuide: rubric.answerGuide,
    },
    scorecards: scorecards.map((card) => ({
      interviewerId: card.interviewerId,
      name: names.get(card.interviewerId) ?? "Former panellist",
      ratings: card.ratings,
      capJustifications: card.capJustifications,
      redFlags: card.redFlags,
      recommendation: card.recommendation,
      recommendationJustification: card.recommendationJustification,
      weightedScore: card.weightedScore,
      notes: card.notes,
      // Only an answer whose end was marked has a length worth comparing with the guide.
      answerSeconds: card.timing.answerEndSeconds == null ? null : answerLength(card.timing, null),
      submittedAt: card.submittedAt,
      amendedAfterSeeing: amended.get(card.id) ?? null,
    })),
  };
}
