import { describe, expect, it } from "vitest";
import { dayBefore, measureEffect, type MeasuredRow } from "../../../app/domain/calibration/effect-measure";
import type { RaterEffectSummary } from "../../../app/domain/calibration/rater-flags";

const rater = (over: Partial<RaterEffectSummary> = {}): RaterEffectSummary => ({
  sharedCandidates: 12,
  effect: 0.6,
  se: 0.1,
  ciLow: 0.4,
  ciHigh: 0.8,
  spreadRatio: 0.2,
  rangeRatio: 0.5,
  spreadDifference: { mean: -0.7, ciLow: -0.9, ciHigh: -0.5, n: 12 },
  rangeDifference: { mean: -0.3, ciLow: -0.5, ciHigh: -0.1, n: 12 },
  misfitRatio: 1.1,
  misfitDifference: { mean: 0.03, ciLow: -0.02, ciHigh: 0.08, n: 12 },
  p: { leniency: 0.0001, halo: 0.001, central: 0.01, erratic: 0.2 },
  flags: ["lenient"],
  withheld: null,
  ...over,
});
const row = (over: Partial<RaterEffectSummary> = {}, red: Partial<MeasuredRow> = {}): MeasuredRow => ({
  rater: rater(over),
  redFlagMean: 0.2,
  peerRedFlagMean: 0.5,
  redFlagScorecards: 20,
  ...red,
});

describe("measureEffect", () => {
  it.each([
    { effect: "lenient", row: row(), value: 0.6, ciLow: 0.4, flagged: true },
    { effect: "severe", row: row(), value: 0.6, ciLow: 0.4, flagged: false },
    { effect: "halo", row: row({ flags: ["halo"] }), value: -0.7, ciLow: -0.9, flagged: true },
    { effect: "central_tendency", row: row(), value: -0.3, ciLow: -0.5, flagged: false },
    { effect: "erratic", row: row({ flags: ["erratic"] }), value: 0.03, ciLow: -0.02, flagged: true },
    { effect: "red_flags_under", row: row(), value: null, ciLow: null, flagged: false },
    {
      effect: "lenient",
      row: row({ withheld: "needs 5 shared candidates, has 2", sharedCandidates: 2 }),
      value: null,
      ciLow: null,
      flagged: false,
    },
    { effect: "halo", row: row({ spreadDifference: null }), value: null, ciLow: null, flagged: false },
    { effect: "red_flags_over", row: row({}, { redFlagMean: null }), value: null, ciLow: null, flagged: false },
    { effect: "overdue_scorecards", row: row(), value: null, ciLow: null, flagged: false },
    { effect: "lenient", row: undefined, value: null, ciLow: null, flagged: false },
  ])("$effect → $value", ({ effect, row, value, ciLow, flagged }) => {
    const m = measureEffect(row, effect);
    if (value === null) expect(m.value).toBeNull();
    else expect(m.value).toBeCloseTo(value, 10);
    expect(m.ciLow).toBe(ciLow);
    expect(m.flagged).toBe(flagged);
    expect(m.withheld === null).toBe(value !== null);
  });

  it("takes the lead's-loop effects from their measures: red flags whichever way they go now, withheld ones say why", () => {
    const loop = [
      {
        interviewer: "me",
        effect: "red_flags_over" as const,
        size: 0.8,
        ciLow: 0.5,
        ciHigh: 1.1,
        baseline: null,
        percent: false,
        interval: "t" as const,
        unit: "red flags per scorecard vs co-panellists",
        evidence: 9,
        minimum: 5,
        evidenceUnit: "shared candidates",
        relativeSize: 1.6,
        p: 0.001,
        flagged: true,
        withheld: null,
        links: [],
      },
      {
        interviewer: "me",
        effect: "amends_after_panel" as const,
        size: 1,
        ciLow: 0.16,
        ciHigh: 1,
        baseline: 0.02,
        percent: true,
        interval: "exact" as const,
        unit: "of scorecards amended after seeing the panel",
        evidence: 2,
        minimum: 5,
        evidenceUnit: "submitted scorecards",
        relativeSize: 9.8,
        p: 0.01,
        flagged: false,
        withheld: "needs 5 submitted scorecards, has 2",
        links: [],
      },
    ];
    expect(measureEffect(row(), "red_flags_under", loop)).toMatchObject({
      value: 0.8,
      ciLow: 0.5,
      flagged: true,
      n: 9,
    });
    expect(measureEffect(row(), "amends_after_panel", loop)).toMatchObject({
      value: null,
      flagged: false,
      withheld: "needs 5 submitted scorecards, has 2",
    });
    expect(measureEffect(row(), "decision_disagreement", loop).withheld).toBe("no evidence in this period");
  });

  it("dayBefore crosses month and year ends", () => {
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
    expect(dayBefore("2026-01-01")).toBe("2025-12-31");
  });
});
