// The rater model's optimizer (rater-model/newton.ts): known minima, inside the box and on its bound,
// and the REML fits' optimum against the former optimizer (newton-before.ts: a full finite-difference
// Hessian every iteration) on the lme4 fixture designs and on simulated panels.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import {
  dimensionDesign,
  fitFixedEffects,
  fitRaterModel,
  fitVarianceComponents,
  type RaterDesign,
  type Theta,
} from "~/domain/calibration/rater-model";
import { identifiable, momentStart } from "~/domain/calibration/rater-model/fit-start";
import { boxNewton } from "~/domain/calibration/rater-model/newton";
import { createWorkspace, eliminate, remlCriterion, type Elimination } from "~/domain/calibration/rater-model/reml";
import { buildRatingTable } from "~/domain/calibration/rating-table";
import { boxNewtonBefore } from "./newton-before";
import { simulatePanels } from "./simulate-panels";

/** ½ (x − a)ᵀ Q (x − a) + 7, Q positive definite with cross terms. */
const Q = [
  [4, 1, 0.5],
  [1, 3, -0.8],
  [0.5, -0.8, 2],
];
const quadratic = (a: number[]) => (x: number[]) => {
  let sum = 0;
  for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) sum += (x[k] - a[k]) * Q[k][l] * (x[l] - a[l]);
  return sum / 2 + 7;
};

describe("boxNewton", () => {
  it("finds a quadratic's minimum inside the box", () => {
    const a = [1, 2, 0.5];
    const result = boxNewton(quadratic(a), [3, 0.2, 1.5]);
    expect(result.converged).toBe(true);
    result.x.forEach((v, k) => expect(Math.abs(v - a[k])).toBeLessThan(1e-5));
    expect(result.value).toBeCloseTo(7, 8);
  });

  it("stops on the bound x ≥ 0 where the gradient points out of the box", () => {
    // Unconstrained minimum at x₁ = −1: the constrained one has x₁ = 0 and the other two solving
    // Q_ff (x_f − a_f) = Q_f1 a₁ (the partial gradients in the free coordinates vanish).
    const a = [1, -1, 0.5];
    const result = boxNewton(quadratic(a), [0.5, 0.5, 0.5]);
    const [q00, q02, q22] = [Q[0][0], Q[0][2], Q[2][2]];
    const r0 = Q[0][1] * a[1];
    const r2 = Q[2][1] * a[1];
    const det = q00 * q22 - q02 * q02;
    const expected = [a[0] + (q22 * r0 - q02 * r2) / det, 0, a[2] + (q00 * r2 - q02 * r0) / det];
    expect(result.converged).toBe(true);
    result.x.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-5));
    // The bound is active: the criterion rises into the box.
    const f = quadratic(a);
    expect(f([result.x[0], 1e-3, result.x[2]])).toBeGreaterThan(result.value);
  });

  it("begins its descent at the lowest of its starting points", () => {
    const a = [1, 2, 0.5];
    const f = quadratic(a);
    const near = [1.1, 1.9, 0.6];
    const fromNear = boxNewton(f, near);
    // One evaluation more than starting at `near` directly (the far start's value), and the same path.
    const both = boxNewton(f, [30, 0.1, 9], { otherStarts: [near] });
    expect(both.evaluations).toBe(fromNear.evaluations + 1);
    expect(both.x).toEqual(fromNear.x);
    // A start no lower than the first is not taken.
    expect(boxNewton(f, near, { otherStarts: [[30, 0.1, 9]] }).x).toEqual(fromNear.x);
  });

  it("finds the minimum of a smooth non-quadratic function, where the Hessian changes along the way", () => {
    const a = [0.8, 0.3, 1.6];
    // Σ e^(x−a) − (x−a), plus a cross term: gradient 0 and Hessian positive definite at a.
    const f = (x: number[]) =>
      x.reduce((sum, v, k) => sum + Math.exp(v - a[k]) - (v - a[k]), 0) + 0.3 * (x[0] - a[0]) * (x[2] - a[2]);
    const result = boxNewton(f, [2.5, 1.5, 0.1]);
    expect(result.converged).toBe(true);
    // It stops when a Newton step promises less than 10⁻⁵ (the criterion's absolute tolerance), so
    // at most a small fraction of that is left; with curvatures of about 1, x is then within ~10⁻³.
    expect(result.value - 3).toBeGreaterThanOrEqual(0);
    expect(result.value - 3).toBeLessThan(1e-6);
    result.x.forEach((v, k) => expect(Math.abs(v - a[k])).toBeLessThan(1e-3));
  });
});

const folder = fileURLToPath(new URL("../../fixtures/rater-model/", import.meta.url));
function fixtureDesign(name: string): RaterDesign {
  const lines = readFileSync(`${folder}${name}.csv`, "utf8").trim().split("\n").slice(1);
  const ratings = lines.map((line) => {
    const [candidate, interviewer, dimension, score] = line.split(",");
    return { candidate, interviewer, dimension, score: Number(score) };
  });
  return dimensionDesign(buildRatingTable(ratings));
}

/** The profiled REML criterion over the design's identifiable θs, as fit.ts minimises it. */
function criterionOf(design: RaterDesign) {
  const estimated = identifiable(design);
  const free = (["candidate", "interviewer", "scorecard"] as const).filter((key) => estimated[key]);
  const workspace = createWorkspace(design);
  const objective = (x: number[]) => {
    const theta: Theta = { candidate: 0, interviewer: 0, scorecard: 0 };
    free.forEach((key, k) => (theta[key] = x[k]));
    const elimination = eliminate(design, theta, false, workspace);
    return elimination === null || elimination.prss <= 0 ? Infinity : remlCriterion(design, elimination);
  };
  const start = momentStart(design);
  return { objective, start: free.map((key) => start[key]) };
}

const designs: [string, () => RaterDesign][] = [
  ...["complete", "rotating", "continuous", "chain", "single", "demo-like"].map(
    (name) => [name, () => fixtureDesign(name)] as [string, () => RaterDesign],
  ),
  ...[11, 12, 13].map(
    (seed) =>
      [
        `simulated panels (seed ${seed})`,
        () =>
          dimensionDesign(
            buildRatingTable(simulatePanels(seed, { scorecards: 600, interviewers: 25, candidates: 200 }).ratings),
          ),
      ] as [string, () => RaterDesign],
  ),
];

describe("the REML fit's optimum against the former optimizer", () => {
  let before = 0;
  let now = 0;
  it.each(designs)("%s: the same optimum", (_, make) => {
    const { objective, start } = criterionOf(make());
    const old = boxNewtonBefore(objective, start);
    const found = boxNewton(objective, start);
    expect(found.converged).toBe(true);
    // The same minimum of the criterion (−2 log REML likelihood) to a millionth, and the same θ.
    expect(Math.abs(found.value - old.value)).toBeLessThan(1e-6);
    found.x.forEach((v, k) => expect(Math.abs(v - old.x[k])).toBeLessThanOrEqual(1e-4 * Math.max(1, old.x[k])));
    // One θ (the "single" design) gains nothing from reusing the curvature: a Hessian is one more value.
    expect(found.evaluations).toBeLessThanOrEqual(old.evaluations + 1);
    before += old.evaluations;
    now += found.evaluations;
  });

  it("needs a quarter fewer criterion evaluations over all the designs (320 → 236)", () => {
    expect(now).toBeLessThan(0.75 * before);
  });
});

describe("the fit at the optimum", () => {
  it.each(designs.slice(0, 6))(
    "%s: the figures read from the optimizer's lowest evaluation equal an elimination at the optimum",
    (_, make) => {
      const design = make();
      const fit = fitVarianceComponents(design);
      const again = eliminate(design, fit.theta) as Elimination;
      expect(fit.variance.residual).toBe(again.prss / (design.ratings - design.cells));
      const fixed = fitFixedEffects(design);
      expect(fixed.theta).toEqual(fit.theta);
      fixed.cellMeans.forEach((mean, f) =>
        expect(mean).toBe(design.cellMean[f] + again.solution[design.interviewers + f]),
      );
      // Their covariance, from the kept evaluation's factor, equals the full fit's, which inverts a
      // fresh factor at the same θ: from the design's own start and from a borrowed one.
      for (const startAt of [undefined, fit.theta]) {
        const kept = fitFixedEffects(design, startAt);
        const full = fitRaterModel(design, startAt);
        expect(full.theta).toEqual(kept.theta);
        kept.cellCovariance.forEach((value, k) => expect(value).toBeCloseTo(full.cellCovariance[k], 12));
      }
    },
  );
});
