// Dense symmetric positive-definite algebra for the rater model's reduced system (interviewers +
// fixed effects): a few hundred unknowns at most, in plain row-major Float64Arrays; the factor's inner
// products in WebAssembly (cholesky-kernel.wat).

import { CHOLESKY_KERNEL_BASE64 } from "./cholesky-kernel-bytes";

/** The kernel's exports (cholesky-kernel.wat). */
interface Kernel {
  memory: WebAssembly.Memory;
  block4: (m: number, i: number) => void;
}

let kernel: Kernel | null = null;

/** The kernel, instantiated once per thread on first use (under 1 KB: compiled synchronously). */
function theKernel(): Kernel {
  if (kernel === null) {
    const bytes = Uint8Array.from(atob(CHOLESKY_KERNEL_BASE64), (c) => c.charCodeAt(0));
    kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel;
  }
  return kernel;
}

/** The kernel's memory as an m×m matrix at byte 0, grown first if it is too small (growing detaches older views). */
function kernelMatrix(k: Kernel, m: number): Float64Array {
  const bytes = m * m * Float64Array.BYTES_PER_ELEMENT;
  const short = bytes - k.memory.buffer.byteLength;
  if (short > 0) k.memory.grow(Math.ceil(short / 65536));
  return new Float64Array(k.memory.buffer, 0, m * m);
}

/**
 * In-place Cholesky M = L Lᵀ (Cholesky–Banachiewicz, row by row; Golub & Van Loan 2013, Matrix
 * Computations, 4th ed., §4.2). Reads the lower triangle of the row-major m×m `a` and overwrites it
 * with L. Returns log det M = 2 Σ log L_jj, or NaN if M is not positive definite.
 *
 * Four rows at a time: the entries below their diagonal block, against two earlier rows at a time,
 * are the WebAssembly kernel's (cholesky-kernel.wat: SIMD, two k per instruction), and nearly all of
 * the cost; the diagonal blocks and the last rows are done here. The matrix is factored in the
 * kernel's memory (copied in, and back): for the bench database's 304-row factor ~1 ms against
 * ~4 ms for the former four-by-two kernel in JavaScript (#16), the same factor to within rounding
 * (tests/unit/calibration/dense-cholesky.test.ts).
 */
export function choleskyInPlace(a: Float64Array, m: number): number {
  const k = theKernel();
  const l = kernelMatrix(k, m);
  l.set(a.subarray(0, m * m));
  const logDet = factorInKernel(k, l, m);
  a.set(l);
  return logDet;
}

function factorInKernel(k: Kernel, a: Float64Array, m: number): number {
  let logDet = 0;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    k.block4(m, i);
    // Rows i, i + 1 end in their diagonal block; rows i + 2, i + 3 meet those two rows, then theirs.
    const upper = pairDiagonal(a, m, i);
    pairColumns(a, m, (i + 2) * m, (i + 3) * m, i);
    const lower = pairDiagonal(a, m, i + 2);
    if (Number.isNaN(upper) || Number.isNaN(lower)) return Number.NaN;
    logDet += upper;
    logDet += lower;
  }
  for (; i + 1 < m; i += 2) {
    // Two or three rows left: two at a time.
    for (let j = 0; j + 1 < i; j += 2) pairColumns(a, m, i * m, i * m + m, j);
    const pair = pairDiagonal(a, m, i);
    if (Number.isNaN(pair)) return Number.NaN;
    logDet += pair;
  }
  if (i < m) {
    // m is odd: the last row alone.
    const r0 = i * m;
    for (let j = 0; j < i; j++) {
      const c0 = j * m;
      let s = 0;
      for (let k = 0; k < j; k++) s += a[r0 + k] * a[c0 + k];
      a[r0 + j] = (a[r0 + j] - s) / a[c0 + j];
    }
    let d = 0;
    for (let k = 0; k < i; k++) d += a[r0 + k] * a[r0 + k];
    const pivot = a[r0 + i] - d;
    if (!(pivot > 0)) return Number.NaN;
    a[r0 + i] = Math.sqrt(pivot);
    logDet += Math.log(pivot);
  }
  return logDet;
}

/** Entries (j, j + 1) of the rows starting at r0 and r1 (j even, below their diagonal block). */
function pairColumns(a: Float64Array, m: number, r0: number, r1: number, j: number): void {
  const c0 = j * m;
  const c1 = c0 + m;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  for (let k = 0; k < j; k++) {
    const x0 = a[r0 + k];
    const x1 = a[r1 + k];
    const y0 = a[c0 + k];
    const y1 = a[c1 + k];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s10 += x1 * y0;
    s11 += x1 * y1;
  }
  const l0 = (a[r0 + j] - s00) / a[c0 + j];
  const l1 = (a[r1 + j] - s10) / a[c0 + j];
  const below = a[c1 + j];
  a[r0 + j] = l0;
  a[r1 + j] = l1;
  a[r0 + j + 1] = (a[r0 + j + 1] - s01 - l0 * below) / a[c1 + j + 1];
  a[r1 + j + 1] = (a[r1 + j + 1] - s11 - l1 * below) / a[c1 + j + 1];
}

/** The 2×2 diagonal block of rows i, i + 1 (all their earlier entries done); its log-determinant, or NaN. */
function pairDiagonal(a: Float64Array, m: number, i: number): number {
  const r0 = i * m;
  const r1 = r0 + m;
  let d00 = 0;
  let d10 = 0;
  let d11 = 0;
  for (let k = 0; k < i; k++) {
    const x0 = a[r0 + k];
    const x1 = a[r1 + k];
    d00 += x0 * x0;
    d10 += x1 * x0;
    d11 += x1 * x1;
  }
  const pivot0 = a[r0 + i] - d00;
  if (!(pivot0 > 0)) return Number.NaN;
  const l00 = Math.sqrt(pivot0);
  const l10 = (a[r1 + i] - d10) / l00;
  const pivot1 = a[r1 + i + 1] - d11 - l10 * l10;
  if (!(pivot1 > 0)) return Number.NaN;
  a[r0 + i] = l00;
  a[r1 + i] = l10;
  a[r1 + i + 1] = Math.sqrt(pivot1);
  return Math.log(pivot0) + Math.log(pivot1);
}

/** Solves L Lᵀ x = b with the factor from choleskyInPlace; returns x (b is left alone). */
export function choleskySolve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let sum = x[i];
    for (let k = 0; k < i; k++) sum -= l[i * m + k] * x[k];
    x[i] = sum / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < m; k++) sum -= l[k * m + i] * x[k];
    x[i] = sum / l[i * m + i];
  }
  return x;
}

/** L⁻¹ of a lower-triangular L (forward substitution column by column), row-major, lower triangle. */
export function invertLower(l: Float64Array, m: number): Float64Array {
  const inv = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    inv[j * m + j] = 1 / l[j * m + j];
    for (let i = j + 1; i < m; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * m + k] * inv[k * m + j];
      inv[i * m + j] = sum / l[i * m + i];
    }
  }
  return inv;
}

/**
 * From W = L⁻¹ (row-major m×m), the leading size×size block of Wᵀ W summed over rows k < upTo.
 * upTo = m gives that block of (L Lᵀ)⁻¹ = M⁻¹. upTo = size gives the inverse of M's own leading
 * block: the leading block of L is that block's Cholesky factor and the leading block of W its inverse.
 */
export function inverseFromLowerInverse(w: Float64Array, m: number, size: number, upTo = m): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < upTo; k++) sum += w[k * m + i] * w[k * m + j];
      out[i * size + j] = sum;
      out[j * size + i] = sum;
    }
  }
  return out;
}
