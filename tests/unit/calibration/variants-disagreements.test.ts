import { describe, expect, it } from "vitest";

import { computeCalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating } from "../../../app/domain/calibration/types";
import { scorecard } from "./rating-builders";

const SCALE = { min: 1, max: 4 };

function variantRatings(variant: string, scores: number[], dimension = "ownership"): Rating[] {
  return scores.map((score, k) => ({ candidate: `${variant}-${k}`, interviewer: "ann", dimension, score, variant }));
}

describe("variants", () => {
  it("summarises each variant and dimension, with a Welch interval against the rest (hand-computed)", () => {
    // Means 3.5 and 1.5, variances 0.3 each, n = 6: SE = √0.1, Welch df = 10, t(.975, 10) = 2.228139.
    const ratings = [...variantRatings("amazon", [3, 4, 3, 4, 3, 4]), ...variantRatings("meta", [1, 2, 1, 2, 1, 2])];
    const [amazon, meta] = computeCalibrationReport(ratings, { scale: SCALE }).variants;
    expect(amazon).toMatchObject({ variant: "amazon", dimension: "ownership", n: 6, mean: 3.5 });
    expect(amazon.sd).toBeCloseTo(Math.sqrt(0.3), 12);
    expect(amazon.distribution.map((d) => d.count)).toEqual([0, 0, 3, 3]);
    const halfWidth = 2.228139 * Math.sqrt(0.1);
    expect(amazon.versusRest?.difference).toBeCloseTo(2, 12);
    expect(amazon.versusRest?.ciLow).toBeCloseTo(2 - halfWidth, 5);
    expect(amazon.versusRest?.ciHigh).toBeCloseTo(2 + halfWidth, 5);
    expect(amazon.versusRest?.differs).toBe(true);
    expect(meta.versusRest?.difference).toBeCloseTo(-2, 12);
  });

  it("calls an overlapping difference noise", () => {
    const ratings = [...variantRatings("amazon", [1, 4, 2, 3, 4, 1]), ...variantRatings("meta", [2, 3, 1, 4, 3, 2])];
    expect(computeCalibrationReport(ratings, { scale: SCALE }).variants[0].versusRest?.differs).toBe(false);
  });

  it("reports no difference when either side has fewer than 5 ratings, and skips ratings without a variant", () => {
    const ratings: Rating[] = [
      ...variantRatings("amazon", [3, 4, 3, 4]),
      ...variantRatings("meta", [1, 2, 1, 2, 1, 2]),
      { candidate: "x", interviewer: "ann", dimension: "ownership", score: 4 },
    ];
    const variants = computeCalibrationReport(ratings, { scale: SCALE }).variants;
    expect(variants.map((v) => [v.variant, v.n, v.versusRest])).toEqual([
      ["amazon", 4, null],
      ["meta", 6, null],
    ]);
  });

  it("has an undefined interval, not a guess, when neither side varies", () => {
    const ratings = [...variantRatings("amazon", [3, 3, 3, 3, 3]), ...variantRatings("meta", [2, 2, 2, 2, 2])];
    const { versusRest } = computeCalibrationReport(ratings, { scale: SCALE }).variants[0];
    expect(versusRest).toEqual({ restN: 5, restMean: 2, difference: 1, ciLow: null, ciHigh: null, differs: null });
  });
});

describe("disagreements", () => {
  const ratings: Rating[] = [
    // wide: 3 points apart on impact
    ...scorecard("wide", "ann", { ownership: 2, impact: 1 }, { recommendation: "no" }),
    ...scorecard("wide", "bob", { ownership: 3, impact: 4 }, { recommendation: "no" }),
    // split: close scores, yes vs no
    ...scorecard("split", "ann", { ownership: 3, impact: 3 }, { recommendation: "yes" }),
    ...scorecard("split", "bob", { ownership: 2, impact: 3 }, { recommendation: "strong_no" }),
    ...scorecard("split", "cat", { ownership: 3, impact: 3 }, { recommendation: "strong_yes" }),
    // two: exactly 2 points apart, agreeing recommendations
    ...scorecard("two", "ann", { ownership: 2 }, { recommendation: "yes" }),
    ...scorecard("two", "bob", { ownership: 4 }, { recommendation: "strong_yes" }),
    // calm: close and agreeing
    ...scorecard("calm", "ann", { ownership: 3 }, { recommendation: "yes" }),
    ...scorecard("calm", "cat", { ownership: 4 }, { recommendation: "yes" }),
    // solo: one interviewer, no spread at all
    ...scorecard("solo", "ann", { ownership: 1 }, { recommendation: "no" }),
  ];

  it("queues spreads of 2+ and split panels, widest first", () => {
    const { queue } = computeCalibrationReport(ratings, { scale: SCALE }).disagreements;
    expect(queue.map((d) => [d.candidate, d.maxSpread, d.spreadDimension, d.split, d.panel])).toEqual([
      ["wide", 3, "impact", false, 2],
      ["two", 2, "ownership", false, 2],
      ["split", 1, "ownership", true, 3],
    ]);
    expect(queue[2].recommendations).toEqual({ strong_no: 1, no: 0, yes: 1, strong_yes: 1 });
  });

  it("computes Fleiss' kappa of the recommendations with candidates as units", () => {
    const { recommendationKappa } = computeCalibrationReport(ratings, { scale: SCALE }).disagreements;
    expect(recommendationKappa).not.toBeNull();
    expect(recommendationKappa as number).toBeLessThan(1);
  });
});
