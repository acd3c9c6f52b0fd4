// The rater model's box-constrained Newton as it was before #16's quasi-Newton (commit e3210c5: a full
// finite-difference gradient and Hessian every iteration), kept verbatim as the reference of
// newton.test.ts: not used by the app.
import type { MinimiseResult } from "~/domain/calibration/rater-model/nelder-mead";

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

export function boxNewtonBefore(
  f: (x: number[]) => number,
  start: number[],
  options: { maxIterations?: number; xTolerance?: number; fTolerance?: number } = {},
): MinimiseResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 40;
  const xTol = options.xTolerance ?? 1e-6;
  const fTol = options.fTolerance ?? 1e-4;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations += 1;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  let x = start.map((v) => Math.max(0, v));
  let fx = evaluate(x);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Forward differences (one-sided, second order) so the box x ≥ 0 is never left.
    const step = x.map((v) => 1e-4 * Math.max(0.05, v));
    const shifted = (deltas: number[]) => evaluate(x.map((v, k) => v + deltas[k]));
    const single = step.map((h, k) => [1, 2].map((t) => shifted(step.map((_, j) => (j === k ? t * h : 0)))));
    const g = step.map((h, k) => (-3 * fx + 4 * single[k][0] - single[k][1]) / (2 * h));
    const hess = step.map((hk, k) =>
      step.map((hl, l) => (k === l ? (fx - 2 * single[k][0] + single[k][1]) / (hk * hk) : 0)),
    );
    for (let k = 0; k < n; k++) {
      for (let l = 0; l < k; l++) {
        const both = shifted(step.map((h, j) => (j === k || j === l ? h : 0)));
        hess[k][l] = hess[l][k] = (both - single[k][0] - single[l][0] + fx) / (step[k] * step[l]);
      }
    }
    // Active set: a parameter at its bound whose gradient pushes outward stays at 0.
    const free = x.map((v, k) => !(v <= 0 && g[k] > 0));
    const index = free.flatMap((isFree, k) => (isFree ? [k] : []));
    const gFree = index.map((k) => g[k]);
    let direction = solveSymmetric(
      index.map((k) => index.map((l) => hess[k][l])),
      gFree,
    );
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
    x = next;
    fx = fNext;
    if (lastStep || moved <= xTol || improved <= fTol) return { x, value: fx, evaluations, converged: true };
  }
  return { x, value: fx, evaluations, converged: false };
}
