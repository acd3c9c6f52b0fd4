// #16 restructured several statistics for speed (integer keys and typed arrays instead of objects
// and string maps, counts shared between statistics). Each must give exactly what it gave before,
// to the last bit: the implementations before the change are kept here as references and both are
// run on messy random data (ratings in random order, partial scorecards, a scorecard whose ratings
// fall in two months, ratings without a date, variants and recommendations on some only).
import { describe, expect, it } from "vitest";
import { bootstrapAlphaInterval } from "~/domain/calibration/alpha-bootstrap";
import { packCandidates, candidateRow } from "~/domain/calibration/candidate-table";
import { buildCandidateView } from "~/domain/calibration/dashboard-comparisons";
import type { DashboardContext } from "~/domain/calibration/dashboard";
import { computeDimensionAgreement } from "~/domain/calibration/dimension-agreement";
import { fleissKappa } from "~/domain/calibration/fleiss-kappa";
import { alphaFromCoincidences, type CoincidenceMatrix } from "~/domain/calibration/krippendorff-alpha";
import { computeLeniency } from "~/domain/calibration/leniency";
import { findDisagreements, isSplitPanel } from "~/domain/calibration/panel-disagreement";
import { comparePeers } from "~/domain/calibration/rater-flags";
import { buildRaterDesign } from "~/domain/calibration/rater-model";
import { groupCandidates } from "~/domain/calibration/rater-model/candidate-groups";
import { buildRatingTable, type RatingTable } from "~/domain/calibration/rating-table";
import { computeCalibrationReport } from "~/domain/calibration";
import { RECOMMENDATIONS, scaleCategories, type Rating } from "~/domain/calibration/types";
import { createRandom } from "~/domain/random";
import * as before from "./statistics-before";

const SCALE = { min: 1, max: 5 };

/** Messy ratings: `candidates` panels of 1–5 from 12 interviewers, 4 dimensions, each rating kept with p 0.85. */
function messyRatings(seed: number, candidates: number): Rating[] {
  const random = createRandom(seed);
  const interviewers = Array.from({ length: 12 }, (_, i) => `int-${String.fromCharCode(108 - i)}${i}`);
  const ratings: Rating[] = [];
  for (let c = 0; c < candidates; c++) {
    const ability = random.normal(3, 1);
    const variant = random.chance(0.9) ? random.pick(["generic", "amazon", "meta"]) : undefined;
    for (const interviewer of random.sample(interviewers, random.int(1, 5))) {
      const month = random.int(1, 6);
      const recommendation = random.chance(0.85) ? random.pick(RECOMMENDATIONS) : undefined;
      for (const dimension of ["ownership", "impact", "learning", "communication"]) {
        if (!random.chance(0.85)) continue;
        const score = Math.min(5, Math.max(1, Math.round(ability + random.normal(0, 0.8))));
        const day = random.chance(0.1)
          ? undefined
          : `2025-0${random.chance(0.05) ? month + 1 : month}-1${random.int(0, 9)}`;
        ratings.push({
          candidate: `cand ${c}`,
          candidateId: c,
          interviewer,
          dimension,
          score,
          ...(variant && { variant }),
          ...(day && { date: day }),
          ...(recommendation && { recommendation }),
        });
      }
    }
  }
  // Shuffled in blocks, so scorecards are mostly but not always contiguous.
  for (let i = ratings.length - 1; i > 0; i -= 7) {
    const j = random.int(0, i);
    [ratings[i], ratings[j]] = [ratings[j], ratings[i]];
  }
  return ratings;
}

const cases = [11, 12, 13].map((seed) => ({ seed, ratings: messyRatings(seed, 120 + seed * 10) }));

describe("restructured statistics equal their former implementations exactly", () => {
  it.each(cases)("leniency overall and by month (seed $seed)", ({ ratings }) => {
    const table = buildRatingTable(ratings);
    expect(computeLeniency(table, ratings)).toEqual(before.computeLeniency(table, ratings));
  });

  it.each(cases)("co-panellist comparisons behind halo and central tendency (seed $seed)", ({ ratings }) => {
    const table = buildRatingTable(ratings);
    expect(comparePeers(table)).toEqual(before.comparePeers(table));
  });

  it.each(cases)("each dimension's alpha, bootstrap interval, Fleiss and pair kappas (seed $seed)", ({ ratings }) => {
    const table = buildRatingTable(ratings);
    const categories = scaleCategories(SCALE);
    table.dimensions.forEach((_, d) => {
      const agreement = computeDimensionAgreement(table, d, categories);
      const units = before.unitScoresOfDimension(table, d);
      const matrix: CoincidenceMatrix = before.buildCoincidenceMatrix(units);
      expect(agreement.alpha.ordinal).toEqual(alphaFromCoincidences(matrix, "ordinal"));
      expect(agreement.alpha.ratio).toEqual(alphaFromCoincidences(matrix, "ratio"));
      expect(agreement.alphaInterval).toEqual(bootstrapAlphaInterval(units, "ordinal"));
      expect(agreement.fleissKappa).toEqual(fleissKappa(units, categories));
      expect(agreement.pairs).toEqual(before.pairAgreementsOf(table, d, categories));
      expect(agreement.pairs.length).toBeGreaterThan(0);
    });
  });

  it.each(cases)("the disagreement queue and the recommendation kappa (seed $seed)", ({ ratings }) => {
    const table = buildRatingTable(ratings);
    const found = findDisagreements(table, ratings);
    const recommendations = before.recommendationsByCandidate(table, ratings);
    expect(found.recommendationKappa).toEqual(fleissKappa(recommendations, RECOMMENDATIONS));
    expect(found.recommendationCandidates).toBe(recommendations.filter((r) => r.length >= 2).length);
    for (const d of found.queue) {
      const mine = recommendations[table.candidates.indexOf(d.candidate)];
      expect(d.split).toBe(isSplitPanel(mine));
      expect(Object.values(d.recommendations).reduce((s, n) => s + n, 0)).toBe(mine.length);
    }
    expect(found.queue.some((d) => d.split)).toBe(true);
  });

  it.each(cases)("the candidate columns, in the order of the former row objects (seed $seed)", ({ ratings }) => {
    const report = computeCalibrationReport(ratings, { scale: SCALE, variantReliability: [] });
    const ctx: DashboardContext = { report, ratings, interviewerNames: {}, dimensionNames: {}, variantNames: {} };
    const rows = report.adjusted.candidates.map((c) => candidateRow(c, SCALE));
    rows.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
    const view = buildCandidateView(ctx);
    expect(view.table).toEqual(packCandidates(rows, SCALE));
    expect(view.total).toBe(rows.length);
  });

  it("the model's candidate groups with many cells (only each candidate's own cells summed)", () => {
    const random = createRandom(7);
    // 600 candidates, 3 scorecards of 4 ratings each, from 6 interviewers, over 12 cells (3 per candidate).
    const candidateOf: number[] = [];
    const interviewerOf: number[] = [];
    const cellOf: number[] = [];
    const scoreOf: number[] = [];
    for (let c = 0; c < 600; c++) {
      const cells = random.sample([...Array(12).keys()], 3);
      for (const i of random.sample([0, 1, 2, 3, 4, 5], 3)) {
        for (let k = 0; k < 4; k++) {
          candidateOf.push(c);
          interviewerOf.push(i);
          cellOf.push(cells[k % 3]);
          scoreOf.push(random.int(1, 5));
        }
      }
    }
    const table: RatingTable = buildRatingTable(
      candidateOf.map((c, r) => ({
        candidate: `c${c}`,
        interviewer: `i${interviewerOf[r]}`,
        dimension: `d${r % 4}`,
        score: scoreOf[r],
      })),
    );
    const design = buildRaterDesign({
      candidateOf: Int32Array.from(candidateOf),
      interviewerOf: Int32Array.from(interviewerOf),
      cellOf: Int32Array.from(cellOf),
      scoreOf: Float64Array.from(scoreOf),
      candidates: 600,
      interviewers: 6,
      cells: 12,
      scorecards: table.scorecards,
    });
    const groups = groupCandidates(design);
    expect(groups).toEqual(before.groupCandidates(design));
    expect(groups.groups.length).toBeGreaterThan(0);
  });
});
