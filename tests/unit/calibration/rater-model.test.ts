// The rater model against lme4 (reference values written by tests/fixtures/rater-model/make-reference.R
// from the committed CSV designs; R is never run here).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { buildRatingTable } from "../../../app/domain/calibration/rating-table";
import { fitDimensionModel } from "../../../app/domain/calibration/rater-model";
import type { Rating } from "../../../app/domain/calibration/types";

const folder = fileURLToPath(new URL("../../fixtures/rater-model/", import.meta.url));

interface Reference {
  reml_criterion: number;
  converged: boolean;
  variance: { candidate: number; interviewer: number; scorecard: number; residual: number };
  dimension_means: Record<string, number>;
  interviewers: { interviewer: string; effect: number; se: number }[];
  candidates: { candidate: string; effect: number; se: number }[];
}

function readDesign(name: string): { ratings: Rating[]; reference: Reference } {
  const lines = readFileSync(`${folder}${name}.csv`, "utf8").trim().split("\n").slice(1);
  const ratings = lines.map((line) => {
    const [candidate, interviewer, dimension, score] = line.split(",");
    return { candidate, interviewer, dimension, score: Number(score) };
  });
  return { ratings, reference: JSON.parse(readFileSync(`${folder}${name}.json`, "utf8")) as Reference };
}

/** The tolerance for a variance component: 2% relative or 0.003 absolute. */
const closeVariance = (ours: number, theirs: number) =>
  Math.abs(ours - theirs) <= Math.max(0.003, 0.02 * Math.abs(theirs));

describe.each(["complete", "rotating", "continuous", "chain", "single", "demo-like"])(
  "rater model on the %s design",
  (name) => {
    const { ratings, reference } = readDesign(name);
    const table = buildRatingTable(ratings);
    const { fit } = fitDimensionModel(table);

    it("converges to lme4's REML optimum", () => {
      expect(fit.converged).toBe(true);
      expect(reference.converged).toBe(true);
      // Ours may be a hair lower (a tighter optimum), never meaningfully higher.
      expect(fit.remlCriterion).toBeLessThan(reference.reml_criterion + 1e-4);
      expect(fit.remlCriterion).toBeGreaterThan(reference.reml_criterion - 1e-2);
    });

    it("matches the four variance components within 2% (or 0.003)", () => {
      for (const key of ["candidate", "interviewer", "scorecard", "residual"] as const) {
        expect({
          key,
          ok: closeVariance(fit.variance[key], reference.variance[key]),
          ours: fit.variance[key],
          lme4: reference.variance[key],
        }).toMatchObject({ ok: true });
      }
    });

    it("matches the fixed dimension means", () => {
      table.dimensions.forEach((dimension, d) =>
        expect(fit.cellMeans[d]).toBeCloseTo(reference.dimension_means[dimension], 3),
      );
    });

    it("matches each interviewer's conditional mode within 0.02 and its conditional SE within 15%", () => {
      for (const { interviewer, effect, se } of reference.interviewers) {
        const i = table.interviewers.indexOf(interviewer);
        expect(Math.abs(fit.interviewerEffect[i] - effect)).toBeLessThanOrEqual(0.02);
        expect(Math.abs(fit.interviewerSe[i] - se)).toBeLessThanOrEqual(0.15 * se + 1e-9);
      }
    });

    it("matches each candidate's conditional mode and SE", () => {
      for (const { candidate, effect, se } of reference.candidates) {
        const c = table.candidates.indexOf(candidate);
        expect(Math.abs(fit.candidateEffect[c] - effect)).toBeLessThanOrEqual(0.02);
        expect(Math.abs(fit.candidateSe[c] - se)).toBeLessThanOrEqual(0.15 * se + 1e-9);
      }
    });
  },
);

describe("rater model on degenerate designs", () => {
  const everyNumberFinite = (fit: ReturnType<typeof fitDimensionModel>["fit"]) =>
    [
      ...Object.values(fit.variance),
      ...fit.interviewerEffect,
      ...fit.interviewerSe,
      ...fit.candidateEffect,
      ...fit.candidateSe,
      ...fit.adjustedSe,
      ...fit.cellMeans,
    ].every(Number.isFinite);

  it("all ratings equal: every variance 0, every effect 0, no NaN", () => {
    const ratings: Rating[] = [];
    for (let c = 0; c < 20; c++)
      for (const i of ["a", "b", "c", "d"])
        for (const d of ["x", "y"]) ratings.push({ candidate: `c${c}`, interviewer: i, dimension: d, score: 3 });
    const { fit } = fitDimensionModel(buildRatingTable(ratings));
    expect(fit.variance).toEqual({ candidate: 0, interviewer: 0, scorecard: 0, residual: 0 });
    expect(everyNumberFinite(fit)).toBe(true);
    expect([...fit.interviewerEffect].every((x) => x === 0)).toBe(true);
    expect([...fit.cellMeans]).toEqual([3, 3]);
  });

  it("one rating per scorecard: scorecard variance is not separable from the residual and stays 0", () => {
    const { ratings } = readDesign("rotating");
    const firstDimension = ratings.filter((r) => r.dimension === "ownership");
    const { fit } = fitDimensionModel(buildRatingTable(firstDimension));
    expect(fit.estimated.scorecard).toBe(false);
    expect(fit.variance.scorecard).toBe(0);
    expect(fit.converged).toBe(true);
    expect(everyNumberFinite(fit)).toBe(true);
  });

  it("a single rating: nothing to estimate, nothing NaN", () => {
    const { fit } = fitDimensionModel(
      buildRatingTable([{ candidate: "c", interviewer: "i", dimension: "d", score: 2 }]),
    );
    expect(everyNumberFinite(fit)).toBe(true);
    expect(fit.cellMeans[0]).toBe(2);
  });
});
