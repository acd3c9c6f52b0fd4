import { describe, expect, it } from "vitest";

import { findConnectedComponents } from "../../../app/domain/calibration/connected-components";
import { computeCalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating } from "../../../app/domain/calibration/types";
import { createRandom } from "../../../app/domain/random";
import { simulatePanels } from "./simulate-panels";

const WIDE = { min: 0, max: 10 };

/** Ratings = ability + dimension effect − severity, panels of two rotating through the interviewers. */
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

describe("rater-adjusted scores from the rater model", { timeout: 60_000 }, () => {
  it("puts candidates back in their true order when harsh and kind interviewers scramble the raw means", () => {
    const random = createRandom(3);
    const abilities = Array.from({ length: 60 }, () => 5 + 1.5 * random.normal());
    const ratings = additiveRatings({ harsh: 1.5, kind: -1.5, fair: 0, fair2: 0.2 }, abilities, {
      ownership: 0.5,
      learning: -0.5,
    }).map((r) => ({ ...r, score: Math.min(10, Math.max(0, Math.round(r.score + random.normal(0, 0.3)))) }));
    const { adjusted, model } = computeCalibrationReport(ratings, { scale: WIDE });
    expect(model?.converged).toBe(true);
    expect(adjusted.converged).toBe(true);
    expect(adjusted.groups).toBe(1);
    const error = (pick: (c: (typeof adjusted.candidates)[number]) => number) =>
      adjusted.candidates.reduce((sum, c, j) => sum + (pick(c) - abilities[j]) ** 2, 0);
    // The model's scores sit much closer to the truth than the raw means do.
    expect(error((c) => c.adjustedMean)).toBeLessThan(0.5 * error((c) => c.rawMean));
    const severity = Object.fromEntries(adjusted.severities.map((s) => [s.interviewer, s.severity]));
    expect(severity.harsh).toBeGreaterThan(1);
    expect(severity.kind).toBeLessThan(-1);
    for (const c of adjusted.candidates) expect(c.adjustedSe).toBeGreaterThan(0);
  });

  it("keeps every adjusted score inside the scale, with a standard error, marking the clamped ones", () => {
    // A candidate rated 1 everywhere by the kindest interviewers: the model would go below the floor.
    const { ratings, scale } = simulatePanels(21, {
      scorecards: 600,
      interviewers: 12,
      candidates: 200,
      severitySd: 1,
    });
    const { adjusted } = computeCalibrationReport(ratings, { scale });
    for (const c of adjusted.candidates) {
      expect(c.adjustedMean).toBeGreaterThanOrEqual(scale.min);
      expect(c.adjustedMean).toBeLessThanOrEqual(scale.max);
      expect(Number.isFinite(c.adjustedSe)).toBe(true);
      expect(c.clamped).toBe(c.adjustedMean === scale.min || c.adjustedMean === scale.max);
    }
  });

  it("converges on a thin chain of interviewer pairs (150 interviewers, each pair sharing 2 candidates)", () => {
    const random = createRandom(8);
    const ratings: Rating[] = [];
    for (let i = 0; i + 1 < 150; i++) {
      for (let k = 0; k < 2; k++) {
        const candidate = `c${i}-${k}`;
        const ability = 2.5 + 0.6 * random.normal();
        for (const j of [i, i + 1]) {
          for (const dimension of ["ownership", "repair"]) {
            const score = Math.min(4, Math.max(1, Math.round(ability + 0.4 * random.normal())));
            ratings.push({ candidate, interviewer: `i${j}`, dimension, score });
          }
        }
      }
    }
    const { adjusted } = computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } });
    expect(adjusted.converged).toBe(true);
    expect(adjusted.groups).toBe(1);
  });

  it("leaves nothing undefined for two interviewers who rated one candidate", () => {
    const ratings: Rating[] = [
      { candidate: "x", interviewer: "p", dimension: "ownership", score: 3 },
      { candidate: "x", interviewer: "q", dimension: "ownership", score: 2 },
    ];
    const [x] = computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } }).adjusted.candidates;
    expect(x).toMatchObject({ candidate: "x", ratings: 2, rawMean: 2.5, adjustedMean: 2.5 });
    expect(Number.isFinite(x.adjustedSe)).toBe(true);
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
