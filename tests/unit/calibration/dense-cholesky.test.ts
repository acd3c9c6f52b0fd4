// The rater model's dense Cholesky (dense-cholesky.ts) works on four rows at a time, their entries
// below the diagonal in a WebAssembly kernel (cholesky-kernel.wat); it must give the factor and
// log-determinant of the textbook one-entry-at-a-time algorithm for every size (sizes not a
// multiple of four leave two or three rows, odd sizes a last row), to within rounding, and refuse
// what is not positive definite.
import { describe, expect, it } from "vitest";

import { choleskyInPlace, choleskySolve } from "../../../app/domain/calibration/rater-model/dense-cholesky";
import { createRandom } from "../../../app/domain/random";

/** Golub & Van Loan's Algorithm 4.2.1 as written, one entry at a time. */
function textbookCholesky(a: Float64Array, m: number): { l: Float64Array; logDet: number } {
  const l = new Float64Array(m * m);
  let logDet = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * m + j];
      for (let k = 0; k < j; k++) sum -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        l[i * m + i] = Math.sqrt(sum);
        logDet += Math.log(sum);
      } else l[i * m + j] = sum / l[j * m + j];
    }
  }
  return { l, logDet };
}

/** B Bᵀ + m I for a random B: symmetric positive definite, full (like the rater model's reduced system). */
function spd(m: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const b = Float64Array.from({ length: m * m }, () => random.next() - 0.5);
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let sum = i === j ? m : 0;
      for (let k = 0; k < m; k++) sum += b[i * m + k] * b[j * m + k];
      a[i * m + j] = sum;
    }
  return a;
}

describe("choleskyInPlace", () => {
  for (const m of [1, 2, 3, 4, 5, 8, 31, 64]) {
    it(`matches the textbook factor and log-determinant, m = ${m}`, () => {
      const a = spd(m, 100 + m);
      const expected = textbookCholesky(a, m);
      const factor = Float64Array.from(a);
      const logDet = choleskyInPlace(factor, m);
      expect(logDet).toBeCloseTo(expected.logDet, 9);
      for (let i = 0; i < m; i++)
        for (let j = 0; j <= i; j++) expect(factor[i * m + j]).toBeCloseTo(expected.l[i * m + j], 12);
      // And the factor solves the system it came from.
      const b = Float64Array.from({ length: m }, (_, k) => k - m / 2);
      const x = choleskySolve(factor, m, b);
      for (let i = 0; i < m; i++) {
        let row = 0;
        for (let k = 0; k < m; k++) row += a[i * m + k] * x[k];
        expect(row).toBeCloseTo(b[i], 8);
      }
    });
  }

  // The kernel's sums run in two lanes (even and odd k), so its factor is the textbook's to within
  // rounding, not bit for bit; every size from one row to the bench's 304, across the four-row
  // blocks' remainders, and sizes that make the kernel's memory grow.
  for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 31, 64, 65, 66, 67, 304, 517]) {
    it(`gives the textbook factor to within rounding, and a factor of the matrix, m = ${m}`, () => {
      const a = spd(m, 300 + m);
      const expected = textbookCholesky(a, m);
      const factor = Float64Array.from(a);
      const logDet = choleskyInPlace(factor, m);
      expect(Math.abs(logDet - expected.logDet)).toBeLessThanOrEqual(1e-13 * Math.abs(expected.logDet));
      let largest = 0;
      let worst = 0;
      for (let i = 0; i < m; i++)
        for (let j = 0; j <= i; j++) {
          largest = Math.max(largest, Math.abs(expected.l[i * m + j]));
          worst = Math.max(worst, Math.abs(factor[i * m + j] - expected.l[i * m + j]));
        }
      expect(worst).toBeLessThanOrEqual(1e-13 * largest);
      // L Lᵀ gives back the matrix (its lower triangle), to within rounding.
      let residual = 0;
      for (let i = 0; i < m; i++)
        for (let j = 0; j <= i; j++) {
          let sum = 0;
          for (let k = 0; k <= j; k++) sum += factor[i * m + k] * factor[j * m + k];
          residual = Math.max(residual, Math.abs(sum - a[i * m + j]) / a[i * m + i]);
        }
      expect(residual).toBeLessThanOrEqual(1e-13);
    });
  }

  it("gives the same factor after a larger matrix has grown the kernel's memory", () => {
    const small = spd(9, 1);
    const first = Float64Array.from(small);
    const firstLogDet = choleskyInPlace(first, 9);
    // Diagonally dominant, so positive definite (Gershgorin), and quick to make at this size.
    const m = 1100;
    const random = createRandom(2);
    const large = new Float64Array(m * m);
    for (let i = 0; i < m; i++)
      for (let j = 0; j <= i; j++) large[i * m + j] = large[j * m + i] = i === j ? m : random.next() - 0.5;
    expect(choleskyInPlace(large, m)).toBeGreaterThan(0);
    const again = Float64Array.from(small);
    expect(Object.is(choleskyInPlace(again, 9), firstLogDet)).toBe(true);
    expect(again).toEqual(first);
  });

  for (const [m, at] of [
    [5, 0],
    [5, 3],
    [6, 4],
    [6, 5],
    [7, 6],
    [9, 2],
    [10, 3],
    [11, 6],
    [12, 10],
    [12, 11],
    [9, 5],
    [13, 12],
  ]) {
    it(`returns NaN when pivot ${at} of ${m} is not positive`, () => {
      const a = spd(m, 7);
      // Row and column `at` made a copy of row 0 with the same diagonal: singular from pivot `at` on.
      for (let k = 0; k < m; k++) {
        a[at * m + k] = a[k];
        a[k * m + at] = a[k];
      }
      a[at * m + at] = a[0];
      if (at === 0) a[0] = -1;
      expect(choleskyInPlace(Float64Array.from(a), m)).toBeNaN();
    });
  }
});
