import { studentTQuantile } from "./student-t";

/** Running sums, so means and variances can be accumulated in one pass over large data. */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface Interval {
  low: number;
  high: number;
}

export function createMoments(): Moments {
  return { n: 0, sum: 0, sumSquares: 0 };
}

export function addToMoments(moments: Moments, x: number): void {
  moments.n += 1;
  moments.sum += x;
  moments.sumSquares += x * x;
}

/** The moments of the values in `all` but not in `part` (a subset of them). */
export function subtractMoments(all: Moments, part: Moments): Moments {
  return { n: all.n - part.n, sum: all.sum - part.sum, sumSquares: all.sumSquares - part.sumSquares };
}

export function meanOf(moments: Moments): number | null {
  return moments.n > 0 ? moments.sum / moments.n : null;
}

/** Unbiased sample variance s² = (Σx² − (Σx)²/n) / (n − 1); null below two values. */
export function varianceOf(moments: Moments): number | null {
  if (moments.n < 2) return null;
  const centred = moments.sumSquares - (moments.sum * moments.sum) / moments.n;
  // Rounding can leave a tiny negative where the true value is 0.
  return Math.max(0, centred) / (moments.n - 1);
}

export function standardDeviationOf(moments: Moments): number | null {
  const variance = varianceOf(moments);
  return variance === null ? null : Math.sqrt(variance);
}

/** Two-sided t interval for a mean: x̄ ± t(1−α/2, n−1) · s/√n (Student 1908; any statistics text). */
export function meanConfidenceInterval(moments: Moments, level = 0.95): Interval | null {
  const centre = meanOf(moments);
  const variance = varianceOf(moments);
  if (centre === null || variance === null) return null;
  const half = studentTQuantile(0.5 + level / 2, moments.n - 1) * Math.sqrt(variance / moments.n);
  return { low: centre - half, high: centre + half };
}

/**
 * Welch's interval for a difference of means: (x̄₁ − x̄₂) ± t(1−α/2, ν) · √(s₁²/n₁ + s₂²/n₂), with
 * Welch–Satterthwaite ν = (s₁²/n₁ + s₂²/n₂)² / Σ (sᵢ²/nᵢ)² / (nᵢ − 1) (Welch 1947, Biometrika 34).
 * Null when a side has fewer than two values or both sides have no variance (ν is then 0/0).
 */
export function welchDifferenceInterval(a: Moments, b: Moments, level = 0.95): Interval | null {
  const varianceA = varianceOf(a);
  const varianceB = varianceOf(b);
  if (varianceA === null || varianceB === null) return null;
  const shareA = varianceA / a.n;
  const shareB = varianceB / b.n;
  const squaredError = shareA + shareB;
  if (squaredError === 0) return null;
  const df = (squaredError * squaredError) / ((shareA * shareA) / (a.n - 1) + (shareB * shareB) / (b.n - 1));
  const difference = a.sum / a.n - b.sum / b.n;
  const half = studentTQuantile(0.5 + level / 2, df) * Math.sqrt(squaredError);
  return { low: difference - half, high: difference + half };
}

/** True when the interval lies wholly on one side of zero. */
export function excludesZero(interval: Interval): boolean {
  return interval.low > 0 || interval.high < 0;
}
