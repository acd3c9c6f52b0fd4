import { describe, expect, it } from "vitest";

import { CalibrationInputError, computeCalibrationReport } from "../../../app/domain/calibration/report";
import { toCalibrationJson } from "../../../app/domain/calibration/report-json";
import { formatCalibrationText } from "../../../app/domain/calibration/report-text";
import type { Rating } from "../../../app/domain/calibration/types";
import { ADJUSTED_KEYS, INTERVIEWER_KEYS, REPORT_KEYS } from "./json-contract";
import { simulatePanels } from "./simulate-panels";

const SCALE = { min: 1, max: 4 };
const valid: Rating = { candidate: "c", interviewer: "ann", dimension: "d", score: 3 };

describe("computeCalibrationReport input checks", () => {
  it.each([
    ["an off-scale score", [{ ...valid, score: 5 }], SCALE, "rating 0: score 5 is outside the scale 1-4"],
    [
      "a fractional score",
      [valid, { ...valid, interviewer: "bob", score: 2.5 }],
      SCALE,
      "rating 1: score 2.5 is not an integer",
    ],
    [
      "a duplicate",
      [valid, { ...valid, interviewer: "bob" }, { ...valid, score: 1 }],
      SCALE,
      "rating 2: ann rated c on d twice",
    ],
    ["an unknown recommendation", [{ ...valid, recommendation: "maybe" }], SCALE, "rating 0: recommendation"],
    [
      // Valid dates are remembered (each parsed once): an invalid one after them is still caught.
      "an impossible date after valid ones",
      [
        { ...valid, date: "2024-02-29" },
        { ...valid, interviewer: "bob", date: "2024-02-29" },
        { ...valid, interviewer: "cy", date: "2023-02-29" },
      ],
      SCALE,
      'rating 2: date "2023-02-29" is not a yyyy-mm-dd date',
    ],
    ["a reversed scale", [valid], { min: 4, max: 1 }, "invalid scale 4-1"],
  ])("refuses %s", (_, ratings, scale, message) => {
    expect(() => computeCalibrationReport(ratings, { scale })).toThrow(CalibrationInputError);
    expect(() => computeCalibrationReport(ratings, { scale })).toThrow(message);
  });

  it("returns an empty report for no ratings", () => {
    const report = computeCalibrationReport([], { scale: SCALE });
    expect(report.totals).toEqual({ ratings: 0, candidates: 0, interviewers: 0, dimensions: 0, scorecards: 0 });
    expect(report.adjusted.candidates).toEqual([]);
  });
});

describe("toCalibrationJson", { timeout: 60_000 }, () => {
  const { ratings, scale } = simulatePanels(11, { scorecards: 400, interviewers: 12, candidates: 150 });
  const report = computeCalibrationReport(ratings, { scale });
  const json = toCalibrationJson(report);

  it("has the CLI contract's shape", () => {
    expect(Object.keys(json)).toEqual(REPORT_KEYS);
    expect(json).toMatchObject({ ratings: ratings.length, candidates: 150, interviewer_count: 12 });
    expect(Object.keys(json.dimensions)).toEqual(["ownership", "impact", "learning", "communication"]);
    const ownership = json.dimensions.ownership;
    expect(Object.keys(ownership)).toEqual(["alpha", "icc", "fleiss_kappa", "pairs"]);
    expect(Object.keys(ownership.alpha)).toEqual(["nominal", "ordinal", "interval", "ratio"]);
    expect(ownership.icc).toBeNull();
    expect(Object.keys(ownership.pairs[0])).toEqual(["a", "b", "n", "kappa", "kappa_linear", "kappa_quadratic"]);
    expect(ownership.pairs.every((p) => p.n >= 5 && p.a < p.b)).toBe(true);
    expect(Object.keys(json.interviewers[0])).toEqual(INTERVIEWER_KEYS);
    expect(Object.keys(json.adjusted[0])).toEqual(ADJUSTED_KEYS);
  });

  it("carries the report's figures", () => {
    const first = report.interviewers[0];
    expect(json.interviewers[0]).toEqual({
      interviewer: first.interviewer,
      ratings: first.ratings,
      leniency: first.leniency.leniency,
      ci_low: first.leniency.ciLow,
      ci_high: first.leniency.ciHigh,
      flag: first.leniency.flag,
      halo: first.halo.share,
      rater_effect: first.rater.effect,
      rater_effect_se: first.rater.se,
      shared_candidates: first.rater.sharedCandidates,
      flags: first.rater.flags,
    });
    expect(json.model).toEqual({
      method: "REML",
      converged: report.model?.converged,
      variance: report.model?.variance,
    });
    expect(json.reliability).toEqual(report.model?.reliability);
    // Per variant: each variant's own model where it has the evidence (here all three do).
    expect(json.reliability_by_variant.map((v) => v.variant)).toEqual(["amazon", "generic", "meta"]);
    for (const v of json.reliability_by_variant) {
      expect(v.withheld).toBeNull();
      expect(Object.keys(v.reliability ?? {})).toEqual(["1", "2", "3", "4", "5", "6"]);
    }
    expect(json.recommendations).toEqual({
      fleiss_kappa: report.disagreements.recommendationKappa,
      n: report.recommendationCandidates,
    });
    expect(json.dimensions.impact.fleiss_kappa).toBe(report.dimensions[1].fleissKappa);
  });

  it("names every ICC form when a dimension is complete", () => {
    const complete: Rating[] = [
      [1, 2],
      [3, 3],
      [4, 3],
    ].flatMap((row, c) => row.map((score, i) => ({ candidate: `c${c}`, interviewer: `i${i}`, dimension: "d", score })));
    const icc = toCalibrationJson(computeCalibrationReport(complete, { scale: SCALE })).dimensions.d.icc;
    expect(Object.keys(icc ?? {})).toEqual(["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"]);
  });
});

describe("formatCalibrationText", () => {
  it("prints aligned tables for each section", () => {
    const { ratings, scale } = simulatePanels(12, { scorecards: 300, interviewers: 8, candidates: 120 });
    const text = formatCalibrationText(computeCalibrationReport(ratings, { scale }));
    for (const heading of [
      "Agreement per dimension",
      "Interviewers",
      "Variants",
      "Disagreements",
      "Largest adjustments",
      "Panel reliability per variant",
    ]) {
      expect(text).toContain(heading);
    }
    const table = text.split("\n\n")[1].split("\n").slice(1);
    const rule = table[1];
    expect(table.slice(2).every((row) => row.length <= rule.length)).toBe(true);
    expect(text).not.toMatch(/NaN|undefined/);
  });
});
