import { describe, expect, it } from "vitest";

import { computeCalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating } from "../../../app/domain/calibration/types";
import { scorecard } from "./rating-builders";

const SCALE = { min: 1, max: 4 };

function variantRatings(variant: string, scores: number[], dimension = "ownership"): Rating[] {
  return scores.map((score, k) => ({ candidate: `${variant}-${k}`, interviewer: "ann", dimension, score, variant }));
}

describe("variants", () => {
  it("summarises each variant and dimension, with the model's interval against the rest (hand-computed)", () => {
    // One interviewer, one scorecard per candidate: the model's variance of a rating is the pooled
    // within-variant variance 0.3 (REML: RSS / (n − 2) = 3 / 10), so SE = √(0.3/6 + 0.3/6) = √0.1, z = 1.96.
    const ratings = [...variantRatings("amazon", [3, 4, 3, 4, 3, 4]), ...variantRatings("meta", [1, 2, 1, 2, 1, 2])];
    const [amazon, meta] = computeCalibrationReport(ratings, { scale: SCALE }).variants;
    expect(amazon).toMatchObject({ variant: "amazon", dimension: "ownership", n: 6, mean: 3.5 });
    expect(amazon.sd).toBeCloseTo(Math.sqrt(0.3), 12);
    expect(amazon.distribution.map((d) => d.count)).toEqual([0, 0, 3, 3]);
    const halfWidth = 1.96 * Math.sqrt(0.1);
    expect(amazon.versusRest?.difference).toBeCloseTo(2, 6);
    expect(amazon.versusRest?.ciLow).toBeCloseTo(2 - halfWidth, 3);
    expect(amazon.versusRest?.ciHigh).toBeCloseTo(2 + halfWidth, 3);
    expect(amazon.versusRest?.differs).toBe(true);
    expect(meta.versusRest?.difference).toBeCloseTo(-2, 6);
  });

  it("adjusts for which interviewers used which variant: a harsh interviewer on one variant is not a variant effect", () => {
    // Variant "a" was scored by a harsh and a fair interviewer, "b" by the fair one only; the raw means
    // differ by about half a point, the model (interviewer effects beside variant) finds no difference.
    const ratings: Rating[] = [];
    for (let k = 0; k < 30; k++) {
      const ability = [2, 3, 2.5, 3.5, 1.5][k % 5];
      const variant = k % 2 === 0 ? "a" : "b";
      const panel =
        variant === "a"
          ? [
              ["harsh", -1],
              ["fair", 0],
            ]
          : [
              ["fair", 0],
              ["fair2", 0],
            ];
      for (const [interviewer, offset] of panel as [string, number][]) {
        for (const [d, noise] of [
          ["ownership", 0],
          ["repair", k % 3 === 0 ? 1 : 0],
        ] as [string, number][]) {
          ratings.push({
            candidate: `c${k}`,
            interviewer,
            dimension: d,
            score: Math.min(4, Math.max(1, Math.round(ability + offset + noise * 0.5))),
            variant,
          });
        }
      }
    }
    const a = computeCalibrationReport(ratings, { scale: SCALE }).variants.find(
      (v) => v.variant === "a" && v.dimension === "ownership",
    );
    if (!a?.versusRest || a.mean === null) throw new Error("variant a has no comparison");
    expect(a.mean - a.versusRest.restMean!).toBeLessThan(-0.3);
    expect(Math.abs(a?.versusRest?.difference ?? 1)).toBeLessThan(0.15);
    expect(a?.versusRest?.differs).toBe(false);
  });

  it("calls an overlapping difference noise", () => {
    const ratings = [...variantRatings("amazon", [1, 4, 2, 3, 4, 1]), ...variantRatings("meta", [2, 3, 1, 4, 3, 2])];
    expect(computeCalibrationReport(ratings, { scale: SCALE }).variants[0].versusRest?.differs).toBe(false);
  });

  it("reports no difference when either side has fewer than 5 candidates, and skips ratings without a variant", () => {
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
    expect(versusRest).toMatchObject({ restN: 5, restMean: 2, ciLow: null, ciHigh: null, differs: null });
    expect(versusRest?.difference).toBeCloseTo(1, 9);
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
