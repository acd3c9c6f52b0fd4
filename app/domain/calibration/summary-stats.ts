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
