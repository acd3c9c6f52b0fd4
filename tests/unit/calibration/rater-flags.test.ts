// Proof by simulation: planted rater effects are found with the right flag, ordinary interviewers
// are not flagged, and null data raises at most one flag in 40 interviewers.
import { describe, expect, it } from "vitest";

import { benjaminiHochberg } from "../../../app/domain/calibration/multiplicity";
import { ERRATIC_MIN_RATIO, flagRaters, MIN_SHARED_CANDIDATES } from "../../../app/domain/calibration/rater-flags";
import { fitDimensionModel } from "../../../app/domain/calibration/rater-model";
import { buildRatingTable } from "../../../app/domain/calibration/rating-table";
import type { Rating } from "../../../app/domain/calibration/types";
import { raterPanel, simulateRaters } from "../../support/simulate-raters";

const SCALE = { min: 1, max: 4 };
const SEEDS = [1, 2, 3, 4, 5];

function flagsOf(ratings: Rating[]) {
  const table = buildRatingTable(ratings);
  const { fit } = fitDimensionModel(table);
  const summaries = flagRaters(table, fit, SCALE);
  return new Map(table.interviewers.map((name, i) => [name, summaries[i]]));
}

describe("rater flags on simulated rotating panels", { timeout: 60_000 }, () => {
  it.each(SEEDS)(
    "seed %i: the four planted interviewers get exactly their flag; at most one of the 36 ordinary ones any",
    (seed) => {
      const raters = raterPanel(
        seed,
        36,
        [{ style: "lenient", offset: 0.6 }, { style: "severe", offset: -0.6 }, { style: "halo" }, { style: "central" }],
        0.05,
      );
      const flags = flagsOf(simulateRaters(100 + seed, { candidates: 700, raters }));
      expect(flags.get("lenient0")?.flags).toEqual(["lenient"]);
      expect(flags.get("severe1")?.flags).toEqual(["severe"]);
      expect(flags.get("halo2")?.flags).toEqual(["halo"]);
      expect(flags.get("central3")?.flags).toEqual(["central_tendency"]);
      // Stated rate: at most 1 of the 36 ordinary interviewers (< 3%) flagged per data set.
      const ordinaryFlagged = [...flags].filter(([name, s]) => name.startsWith("r") && s.flags.length > 0);
      expect(ordinaryFlagged.length).toBeLessThanOrEqual(1);
    },
  );

  it.each(SEEDS)("seed %i: null data (no rater effects) raises at most one flag in 40 interviewers", (seed) => {
    const flags = flagsOf(simulateRaters(200 + seed, { candidates: 700, raters: raterPanel(seed, 40, [], 0) }));
    const raised = [...flags.values()].reduce((n, s) => n + s.flags.length, 0);
    expect(raised).toBeLessThanOrEqual(1);
  });

  it.each(SEEDS)(
    "seed %i: a planted erratic interviewer (extra noise on every rating and scorecard) is flagged erratic, and only that",
    (seed) => {
      const raters = raterPanel(seed, 36, [{ style: "erratic" }], 0.05);
      const flags = flagsOf(simulateRaters(300 + seed, { candidates: 700, raters }));
      const erratic = flags.get("erratic0");
      expect(erratic?.flags).toEqual(["erratic"]);
      expect(erratic?.misfitRatio).toBeGreaterThanOrEqual(ERRATIC_MIN_RATIO);
      expect(erratic?.misfitDifference?.ciLow).toBeGreaterThan(0);
      const ordinaryFlagged = [...flags].filter(([name, s]) => name.startsWith("r") && s.flags.length > 0);
      expect(ordinaryFlagged.length).toBeLessThanOrEqual(1);
    },
  );

  it.each(SEEDS)("seed %i: a clean design (no rater effects) flags nobody erratic", (seed) => {
    const flags = flagsOf(simulateRaters(400 + seed, { candidates: 700, raters: raterPanel(seed, 40, [], 0.05) }));
    expect([...flags].filter(([, s]) => s.flags.includes("erratic"))).toEqual([]);
    // The statistic is there for everyone judged, near 1 for an ordinary interviewer.
    for (const s of flags.values()) expect(s.misfitRatio).toBeLessThan(ERRATIC_MIN_RATIO);
  });

  it("no flag, and the reason, for an interviewer with fewer than 5 shared candidates", () => {
    const raters = raterPanel(9, 10, [{ style: "lenient", offset: 1.2 }], 0);
    const ratings = simulateRaters(9, { candidates: 300, raters: raters.slice(0, 10) });
    // The lenient interviewer sits on only 3 panels.
    for (const c of ["c00000", "c00001", "c00002"]) {
      for (const dimension of ["ownership", "accountability", "repair", "behavioural_change"]) {
        ratings.push({ candidate: c, interviewer: "lenient0", dimension, score: 4 });
      }
    }
    const summary = flagsOf(ratings).get("lenient0");
    expect(summary?.sharedCandidates).toBe(3);
    expect(summary?.flags).toEqual([]);
    expect(summary?.withheld).toBe(`needs ${MIN_SHARED_CANDIDATES} shared candidates, has 3`);
  });

  it("reports shared candidates for everyone, counting only candidates someone else rated too", () => {
    const ratings: Rating[] = [
      { candidate: "a", interviewer: "x", dimension: "d", score: 2 },
      { candidate: "a", interviewer: "y", dimension: "d", score: 3 },
      { candidate: "b", interviewer: "x", dimension: "d", score: 2 },
    ];
    const flags = flagsOf(ratings);
    expect(flags.get("x")?.sharedCandidates).toBe(1);
    expect(flags.get("y")?.sharedCandidates).toBe(1);
  });
});

describe("Benjamini–Hochberg", () => {
  it("rejects the largest k with p_(k) <= kq/m (the 1995 paper's step-up rule)", () => {
    // m = 5, q = 0.05: thresholds .01 .02 .03 .04 .05; p_(3) = .03 qualifies, so the 3 smallest go.
    expect(benjaminiHochberg([0.03, 0.001, 0.2, 0.015, 0.9])).toEqual([true, true, false, true, false]);
    expect(benjaminiHochberg([0.02, 0.03, null])).toEqual([true, true, false]);
    expect(benjaminiHochberg([0.5, 0.6])).toEqual([false, false]);
  });
});
