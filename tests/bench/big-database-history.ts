// The large database's interviews: two years of past ones, every panellist submitted (what the
// dashboard reads), then later ones with drafts in progress. Submitted scorecards get what the app
// stores on submit: ratings (cap justifications where a red flag caps a rating), raised red flags,
// recommendation (and a justification where it conflicts with the weighted score), the weighted
// score, submitted_at, and a "scorecard.submitted" audit row. Left out for the submitted ones, as no
// dashboard figure reads them: STAR ticks, evidence notes, scorecard_revisions snapshots. Drafts get
// STAR ticks and notes.
// The order of the random draws is the database: reordering them changes every figure's data.
import type { Random } from "~/domain/random";
import { LEVELS, type Rubric } from "~/domain/rubric/types";
import {
  CAP_JUSTIFICATION,
  RECOMMENDATION_JUSTIFICATION,
  simulateScorecard,
  type RaterStyle,
} from "~/seed/simulated-scorecard";
import { DAY, iso, type BigRows } from "./big-database-rows";

/** The newest past interview is the day before; past interviews span the 730 days before it. */
export const ANCHOR = Date.UTC(2026, 5, 1);
export const HOUR = 3_600_000;

const DRAFT_NOTES = [
  "Named the decision in first person: skipped the design review.",
  "Told their manager the same day; root cause stated plainly.",
  "Rolled back within the hour, then paired with the affected team.",
  "Now messages downstream consumers on every contract change.",
];

export interface BigInterviewer {
  id: number;
  email: string;
  style: RaterStyle;
  severity: number;
}

export interface HistoryCounts {
  submitted: number;
  drafts: number;
  ratings: number;
  submittedRatings: number;
  redFlags: number;
  auditRows: number;
}

interface HistoryPlan {
  rows: BigRows;
  random: Random;
  rubric: Rubric;
  interviewers: readonly BigInterviewer[];
  name: () => string;
  size: { scorecards: number; candidates: number; draftInterviews: number };
  counts: HistoryCounts;
}

/** Writes the past interviews and then the draft ones, in that order (ids and draws depend on it). */
export function writeHistory(plan: HistoryPlan): void {
  const { random, interviewers, size } = plan;
  // Panel sizes 2–4 adding up to the scorecards, as tests/unit/calibration/simulate-panels.ts draws them.
  const panelSizes = new Array<number>(size.candidates).fill(2);
  for (let extra = size.scorecards - 2 * size.candidates; extra > 0;) {
    const j = Math.floor(random.next() * size.candidates);
    if (panelSizes[j] < 4) {
      panelSizes[j] += 1;
      extra -= 1;
    }
  }
  const drawPanel = (panelSize: number) => {
    const panel = new Set<BigInterviewer>();
    while (panel.size < panelSize) panel.add(interviewers[Math.floor(random.next() * interviewers.length)]);
    return [...panel];
  };
  writePastInterviews(plan, panelSizes, drawPanel);
  writeDraftInterviews(plan, drawPanel);
}

/** Past interviews, oldest first, over two years at office hours; every panellist submitted. */
function writePastInterviews(
  { rows, random, rubric, name, size, counts }: HistoryPlan,
  panelSizes: readonly number[],
  drawPanel: (size: number) => BigInterviewer[],
): void {
  const { s } = rows;
  const dimensions = rubric.dimensions.map((d) => d.key);
  const variantKeys = rubric.variants.map((v) => v.key);
  for (let j = 0; j < size.candidates; j++) {
    const scheduled =
      ANCHOR -
      DAY -
      Math.floor(((size.candidates - 1 - j) / size.candidates) * 730) * DAY +
      (9 + random.int(0, 8)) * HOUR;
    // The default variant is the most common; each company variant a share of the rest.
    const variantKey = random.chance(0.4) ? "default" : random.pick(variantKeys);
    const interview = rows.newInterview(scheduled, variantKey, random.pick(LEVELS), name());
    const ability = random.normal(2.6, 0.7);
    for (const person of drawPanel(panelSizes[j])) {
      s.panel.run(interview, person.id);
      const card = simulateScorecard(random, rubric, {
        rater: person,
        ability,
        variantKey,
        scheduledAtMs: scheduled,
      });
      const id = rows.newScorecard(
        { interview, interviewer: person.id, variantKey, status: "submitted" },
        {
          revision: card.revision,
          timerElapsedMs: card.timerElapsedMs,
          recommendation: card.recommendation,
          justification: card.recommendationConflict ? RECOMMENDATION_JUSTIFICATION : "",
          weightedScore: card.weightedScore,
          createdAt: iso(scheduled),
          updatedAt: card.submittedAt,
          submittedAt: card.submittedAt,
        },
      );
      for (const d of dimensions)
        s.rating.run(id, d, card.ratings[d], card.cappedDimensions.has(d) ? CAP_JUSTIFICATION : "");
      const { redFlags, submittedAt, weightedScore: weighted } = card;
      for (const key of redFlags) s.flag.run(id, key);
      s.audit.run(
        submittedAt,
        person.id,
        "scorecard.submitted",
        "scorecard",
        id,
        JSON.stringify({ weightedScore: weighted, revision: 1 }),
      );
      counts.submitted += 1;
      counts.submittedRatings += dimensions.length;
      counts.redFlags += redFlags.length;
      counts.auditRows += 1;
    }
  }
}

/** Later interviews with drafts in progress: some panellists started, with 0–4 ratings, STAR ticks and notes. */
function writeDraftInterviews(
  { rows, random, rubric, name, size, counts }: HistoryPlan,
  drawPanel: (size: number) => BigInterviewer[],
): void {
  const { s } = rows;
  const { min, max } = rubric.scale;
  const dimensions = rubric.dimensions.map((d) => d.key);
  const variantKeys = rubric.variants.map((v) => v.key);
  const starKeys = rubric.star.map((star) => star.key);
  for (let j = 0; j < size.draftInterviews; j++) {
    const scheduled = ANCHOR + Math.floor((j / size.draftInterviews) * 14) * DAY + (9 + random.int(0, 8)) * HOUR;
    const variantKey = random.chance(0.4) ? "default" : random.pick(variantKeys);
    const interview = rows.newInterview(scheduled, variantKey, random.pick(LEVELS), name());
    for (const person of drawPanel(random.int(2, 3))) {
      s.panel.run(interview, person.id);
      if (!random.chance(0.6)) continue;
      const rated = dimensions.slice(0, random.int(0, dimensions.length));
      const id = rows.newScorecard(
        { interview, interviewer: person.id, variantKey, status: "draft" },
        {
          revision: random.int(1, 30),
          timerElapsedMs: random.int(0, 40) * 60_000,
          createdAt: iso(scheduled),
          updatedAt: iso(scheduled + HOUR),
        },
      );
      for (const d of rated) s.rating.run(id, d, random.int(min, max), "");
      counts.ratings += rated.length;
      for (const key of starKeys) if (random.chance(0.7)) s.star.run(id, key);
      const notes = random.int(1, 3);
      for (let n = 0; n < notes; n++)
        s.note.run(
          id,
          `draft-${id}-${n}`,
          random.pick(dimensions),
          120 * (n + 1),
          random.pick(DRAFT_NOTES),
          iso(scheduled),
        );
      counts.drafts += 1;
    }
  }
}
