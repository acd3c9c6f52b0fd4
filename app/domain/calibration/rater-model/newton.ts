// Box-constrained Newton minimisation (x ≥ 0) with finite-difference derivatives, for the rater
// model's 1–3 relative standard deviations: a smooth criterion of few parameters, where Newton's
// quadratic convergence needs far fewer evaluations than a simplex (Nocedal & Wright 2006, Numerical
// Optimization, 2nd ed.: §3.1 backtracking, §6.1 BFGS, §8.1 finite-difference derivatives, §16.7
// active sets). A criterion evaluation is a whole REML elimination (~5 ms at 300 interviewers), so the
// full finite-difference Hessian (2n + n(n−1)/2 evaluations) is taken once, at the start; after
// that each iteration costs n + 1 evaluations: a forward-difference gradient whose O(h) error is taken
// out with the model's curvature, and a BFGS update of the Hessian from the step and the gradients.
import type { MinimiseResult } from "./nelder-mead";

function solveSymmetric(h: number[][], g: number[]): number[] | null {
  const n = g.length;
  const l = h.map((row) => row.slice());
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = l[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  const y = g.slice();
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) y[i] -= l[i][k] * y[k];
    y[i] /= l[i][i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) y[i] -= l[k][i] * y[k];
    y[i] /= l[i][i];
  }
  return y;
}

/**
 * Gradient (one-sided, second order) and full Hessian by finite differences: 2n + n(n−1)/2 evaluations,
 * less the n of `first` (f(x + h_k e_k)) when they were already evaluated.
 */
function fullDifferences(
  evaluate: (x: number[]) => number,
  x: number[],
  fx: number,
  step: number[],
  first: number[] = step.map((_, k) => shiftedValue(evaluate, x, step, [k])),
) {
  const n = x.length;
  const second = step.map((h, k) => evaluate(x.map((v, j) => (j === k ? v + 2 * h : v))));
  const g = step.map((h, k) => (-3 * fx + 4 * first[k] - second[k]) / (2 * h));
  const hess = step.map((hk, k) => step.map((hl, l) => (k === l ? (fx - 2 * first[k] + second[k]) / (hk * hk) : 0)));
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < k; l++) {
      const both = shiftedValue(evaluate, x, step, [k, l]);
      hess[k][l] = hess[l][k] = (both - first[k] - first[l] + fx) / (step[k] * step[l]);
    }
  }
  return { g, hess };
}

/** f at x moved by step[k] in each listed coordinate k. */
function shiftedValue(evaluate: (x: number[]) => number, x: number[], step: number[], along: number[]): number {
  return evaluate(x.map((v, j) => (along.includes(j) ? v + step[j] : v)));
}

/**
 * Forward differences from the n values f(x + h_k e_k): (f(x + h e_k) − f(x))/h = g_k + h/2 H_kk + O(h²),
 * so subtracting h/2 B_kk with the model's curvature B leaves an error of h/2 (H_kk − B_kk) + O(h²),
 * at h = 10⁻⁴·x as small as the second-order difference's.
 */
function forwardGradient(first: number[], fx: number, step: number[], hess: number[][]): number[] {
  return step.map((h, k) => (first[k] - fx) / h - (h / 2) * hess[k][k]);
}

/**
 * BFGS update of the Hessian model from step s and gradient change y (Nocedal & Wright eq. 6.19).
 * False, and the model unchanged, when yᵀs ≤ 0 or sᵀBs ≤ 0: the update would not be positive definite.
 */
function updateBfgs(hess: number[][], s: number[], y: number[]): boolean {
  const n = s.length;
  const bs = hess.map((row) => row.reduce((sum, v, l) => sum + v * s[l], 0));
  const sBs = s.reduce((sum, v, k) => sum + v * bs[k], 0);
  const ys = y.reduce((sum, v, k) => sum + v * s[k], 0);
  if (!(ys > 1e-12 * Math.sqrt(y.reduce((a, v) => a + v * v, 0) * s.reduce((a, v) => a + v * v, 0))) || !(sBs > 0))
    return false;
  for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) hess[k][l] += (y[k] * y[l]) / ys - (bs[k] * bs[l]) / sBs;
  return true;
}

export function boxNewton(
  f: (x: number[]) => number,
  start: number[],
  options: {
    maxIterations?: number;
    xTolerance?: number;
    fTolerance?: number;
    /** Other starting points: the lowest of them and `start` is where the descent begins (ties: `start`). */
    otherStarts?: number[][];
  } = {},
): MinimiseResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 40;
  const xTol = options.xTolerance ?? 1e-6;
  const fTol = options.fTolerance ?? 1e-5;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations += 1;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  // Forward differences (one-sided) so the box x ≥ 0 is never left.
  const stepAt = (x: number[]) => x.map((v) => 1e-4 * Math.max(0.05, v));
  let x = start.map((v) => Math.max(0, v));
  let fx = evaluate(x);
  for (const other of options.otherStarts ?? []) {
    const y = other.map((v) => Math.max(0, v));
    const fy = evaluate(y);
    if (fy < fx) [x, fx] = [y, fy];
  }
  let { g, hess } = fullDifferences(evaluate, x, fx, stepAt(x));
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Active set: a parameter at its bound whose gradient pushes outward stays at 0.
    const free = x.map((v, k) => !(v <= 0 && g[k] > 0));
    const index = free.flatMap((isFree, k) => (isFree ? [k] : []));
    const gFree = index.map((k) => g[k]);
    let direction = solveSymmetric(
      index.map((k) => index.map((l) => hess[k][l])),
      gFree,
    );
    // Not positive definite (far from the optimum, where the criterion may be concave): a scaled
    // gradient step, and the curvature measured afresh at the next point.
    const positiveDefinite = direction !== null;
    if (direction === null)
      direction = index.map((k) => gFree[index.indexOf(k)] / Math.max(Math.abs(hess[k][k]), 1e-8));
    const d = new Array<number>(n).fill(0);
    index.forEach((k, j) => (d[k] = -(direction as number[])[j]));
    // Newton decrement: the decrease a full step promises. Below the tolerance, one last step and stop.
    const promised = -index.reduce((sum, k) => sum + g[k] * d[k], 0) / 2;
    const lastStep = promised >= 0 && promised < fTol;
    let t = 1;
    let next = x;
    let fNext = fx;
    for (let tries = 0; tries < 30; tries++, t /= 2) {
      const candidate = x.map((v, k) => Math.max(0, v + t * d[k]));
      const value = evaluate(candidate);
      if (value < fx) {
        next = candidate;
        fNext = value;
        break;
      }
    }
    const moved = Math.max(...next.map((v, k) => Math.abs(v - x[k])));
    const improved = fx - fNext;
    const s = next.map((v, k) => v - x[k]);
    x = next;
    fx = fNext;
    if (lastStep || moved <= xTol || improved <= fTol) return { x, value: fx, evaluations, converged: true };
    const step = stepAt(x);
    const first = step.map((_, k) => shiftedValue(evaluate, x, step, [k]));
    // A full step of a positive definite model: its BFGS update with the forward-difference gradient.
    // Otherwise (the model promised more than the criterion gave, or it cannot be updated) the
    // derivatives are measured afresh, reusing the n values just evaluated.
    if (t === 1 && positiveDefinite) {
      const gNext = forwardGradient(first, fx, step, hess);
      if (
        updateBfgs(
          hess,
          s,
          gNext.map((v, k) => v - g[k]),
        )
      ) {
        g = gNext;
        continue;
      }
    }
    ({ g, hess } = fullDifferences(evaluate, x, fx, step, first));
  }
  return { x, value: fx, evaluations, converged: false };
}
