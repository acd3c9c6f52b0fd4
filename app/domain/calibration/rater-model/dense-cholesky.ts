// Dense symmetric positive-definite algebra for the rater model's reduced system (interviewers +
// fixed effects): a few hundred unknowns at most, so plain row-major Float64Arrays are fastest.

/**
 * In-place Cholesky M = L Lᵀ (Cholesky–Banachiewicz, row by row; Golub & Van Loan 2013, Matrix
 * Computations, 4th ed., §4.2). Reads the lower triangle of the row-major m×m `a` and overwrites it
 * with L. Returns log det M = 2 Σ log L_jj, or NaN if M is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, m: number): number {
  let logDet = 0;
  for (let i = 0; i < m; i++) {
    const rowI = i * m;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * m;
      // Four independent partial sums: the dot product is the whole cost, and this halves its latency.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k + 3 < j; k += 4) {
        s0 += a[rowI + k] * a[rowJ + k];
        s1 += a[rowI + k + 1] * a[rowJ + k + 1];
        s2 += a[rowI + k + 2] * a[rowJ + k + 2];
        s3 += a[rowI + k + 3] * a[rowJ + k + 3];
      }
      for (; k < j; k++) s0 += a[rowI + k] * a[rowJ + k];
      const sum = a[rowI + j] - (s0 + s1 + s2 + s3);
      if (i === j) {
        if (!(sum > 0)) return Number.NaN;
        const diagonal = Math.sqrt(sum);
        a[rowI + i] = diagonal;
        logDet += 2 * Math.log(diagonal);
      } else {
        a[rowI + j] = sum / a[rowJ + j];
      }
    }
  }
  return logDet;
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
