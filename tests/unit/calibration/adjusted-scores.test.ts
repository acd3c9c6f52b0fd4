import { describe, expect, it } from "vitest";

import { findConnectedComponents } from "../../../app/domain/calibration/connected-components";
import { computeCalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating } from "../../../app/domain/calibration/types";
import { simulatePanels } from "./simulate-panels";

const WIDE = { min: 0, max: 10 };

/** Noise-free ratings = ability + dimension effect − severity, panels of two rotating through the interviewers. */
function additiveRatings(
  interviewers: Record<string, number>,
  abilities: number[],
  dimensions: Record<string, number> = { ownership: 0 },
  prefix = "c",
): Rating[] {
  const names = Object.keys(interviewers);
  return abilities.flatMap((ability, j) =>
    [names[j % names.length], names[(j + 1) % names.length]].flatMap((interviewer) =>
      Object.entries(dimensions).map(([dimension, effect]) => ({
        candidate: `${prefix}${j}`,
        interviewer,
        dimension,
        score: ability + effect - interviewers[interviewer],
      })),
    ),
  );
}

describe("rater-adjusted scores", () => {
  it("recovers exact candidate effects and severities from noise-free additive data", () => {
    const abilities = [5, 6, 7, 5, 6, 7, 4, 8, 6];
    const ratings = additiveRatings({ harsh: 2, kind: -1, fair: -1 }, abilities, { ownership: 1, learning: -1 });
    const { adjusted } = computeCalibrationReport(ratings, { scale: WIDE });
    expect(adjusted.converged).toBe(true);
    expect(adjusted.groups).toBe(1);
    adjusted.candidates.forEach((c, j) => expect(c.adjustedMean).toBeCloseTo(abilities[j], 5));
    expect(adjusted.candidates.some((c, j) => Math.abs(c.rawMean - abilities[j]) > 0.5)).toBe(true);
    const severity = Object.fromEntries(adjusted.severities.map((s) => [s.interviewer, s.severity]));
    expect(severity.harsh).toBeCloseTo(2, 5);
    expect(severity.kind).toBeCloseTo(-1, 5);
    expect(severity.fair).toBeCloseTo(-1, 5);
    expect(adjusted.dimensionEffects.map((d) => d.effect)).toEqual([expect.closeTo(1, 5), expect.closeTo(-1, 5)]);
  });

  it("fixes the severity of an interviewer with fewer than 5 ratings at 0", () => {
    const ratings: Rating[] = [
      ...additiveRatings({ harsh: 1, kind: -1, fair: 0 }, [5, 6, 7, 5, 6, 7, 4, 8, 6]),
      { candidate: "c0", interviewer: "newbie", dimension: "ownership", score: 9 },
    ];
    const { severities } = computeCalibrationReport(ratings, { scale: WIDE }).adjusted;
    expect(severities.find((s) => s.interviewer === "newbie")).toEqual({ interviewer: "newbie", severity: 0, estimated: false });
  });

  it("makes severities sum to 0 within each connected group", () => {
    // The newbie's rating fits the north group's true, zero-sum severities; the south's sum to −3.
    const ratings = [
      ...additiveRatings({ a1: 1, a2: 0, a3: -1 }, [5, 6, 7, 5, 6, 7, 4, 8, 6], undefined, "north"),
      ...additiveRatings({ b1: -1, b2: 0, b3: -2 }, [5, 6, 7, 5, 6, 7, 4, 8, 6], undefined, "south"),
      { candidate: "north0", interviewer: "newbie", dimension: "ownership", score: 5 },
    ];
    const { adjusted } = computeCalibrationReport(ratings, { scale: WIDE });
    expect(adjusted.groups).toBe(2);
    const sumOf = (prefix: string) =>
      adjusted.severities.filter((s) => s.interviewer.startsWith(prefix)).reduce((sum, s) => sum + s.severity, 0);
    expect(sumOf("a")).toBeCloseTo(0, 6);
    expect(sumOf("b")).toBeCloseTo(0, 6);
    // Within a group, relative severities are still recovered exactly.
    const severity = Object.fromEntries(adjusted.severities.map((s) => [s.interviewer, s.severity]));
    expect(severity.a1 - severity.a3).toBeCloseTo(2, 5);
    expect(severity.b2 - severity.b3).toBeCloseTo(2, 5);
  });

  it("is the constrained least-squares optimum (its Lagrange conditions hold) on noisy data with a fixed interviewer", () => {
    const { ratings: simulated, scale } = simulatePanels(7, { scorecards: 300, interviewers: 12, candidates: 120 });
    const ratings = [...simulated, { candidate: "candidate-000000", interviewer: "newbie", dimension: "impact", score: scale.max }];
    const { adjusted } = computeCalibrationReport(ratings, { scale });
    const adjustedOf = new Map(adjusted.candidates.map((c) => [c.candidate, c.adjustedMean]));
    const effectOf = new Map(adjusted.dimensionEffects.map((d) => [d.dimension, d.effect]));
    const severityOf = new Map(adjusted.severities.map((s) => [s.interviewer, s.severity]));
    const residualSums = (key: (r: Rating) => string) => {
      const sums = new Map<string, number>();
      for (const r of ratings) {
        const fitted = (adjustedOf.get(r.candidate) as number) + (effectOf.get(r.dimension) as number) - (severityOf.get(r.interviewer) as number);
        sums.set(key(r), (sums.get(key(r)) ?? 0) + r.score - fitted);
      }
      return sums;
    };
    for (const sum of residualSums((r) => r.candidate).values()) expect(sum).toBeCloseTo(0, 3);
    for (const sum of residualSums((r) => r.dimension).values()) expect(sum).toBeCloseTo(0, 3);
    // ∂/∂s_i = λ for every estimated interviewer of the group: their residual sums are all equal.
    const perInterviewer = residualSums((r) => r.interviewer);
    perInterviewer.delete("newbie");
    const [first, ...rest] = perInterviewer.values();
    for (const sum of rest) expect(sum).toBeCloseTo(first, 3);
    expect([...severityOf.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
  });

  it("leaves a candidate seen only by unestimated interviewers unadjusted but defined", () => {
    const ratings: Rating[] = [
      { candidate: "x", interviewer: "p", dimension: "ownership", score: 3 },
      { candidate: "x", interviewer: "q", dimension: "ownership", score: 2 },
    ];
    const [x] = computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } }).adjusted.candidates;
    expect(x).toEqual({ candidate: "x", ratings: 2, rawMean: 2.5, adjustedMean: 2.5 });
  });
});

describe("findConnectedComponents", () => {
  it("labels components densely in order of first node", () => {
    const { componentOf, count } = findConnectedComponents(6, (link) => {
      link(0, 3);
      link(4, 1);
      link(3, 5);
    });
    expect(count).toBe(3);
    expect([...componentOf]).toEqual([0, 1, 2, 0, 1, 0]);
  });
});
