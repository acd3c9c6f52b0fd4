import { studentTQuantile } from "./student-t";
import type { Interval } from "./summary-stats";

/**
 * 95% interval for the mean of ratings clustered by candidate: the cluster-robust (Liang & Zeger
 * 1986) variance with the usual small-sample factor, V = G/(G−1) · Σ_g (Σ_{i∈g} (x_i − x̄))² / n²,
 * and a t quantile with G − 1 degrees of freedom (Cameron & Miller 2015, "A practitioner's guide to
 * cluster-robust inference", J. Human Resources 50(2), §II.C and §VI.A). A candidate's ratings share
 * the candidate (and, per dimension, each scorecard gives one), so they are not independent: the
 * interval widens with few candidates however many ratings they carry. Same as R's
 * sandwich::vcovCL(lm(score ~ 1), cluster = ~candidate, type = "HC1"). Null below two candidates.
 *
 * Computed from running sums over the clusters (no per-candidate map): with cluster sums
 * S_g and sizes n_g, Σ_g (S_g − n_g x̄)² = ΣS_g² − 2x̄ ΣS_g n_g + x̄² Σn_g². On integer scores every
 * sum is an exact integer in a double, so only the last line rounds.
 */
export interface ClusterSums {
  clusters: number;
  n: number;
  sum: number;
  sumSquares: number;
  cross: number;
  sizeSquares: number;
}

export function createClusterSums(): ClusterSums {
  return { clusters: 0, n: 0, sum: 0, sumSquares: 0, cross: 0, sizeSquares: 0 };
}

export function addCluster(sums: ClusterSums, sum: number, n: number): void {
  sums.clusters += 1;
  sums.n += n;
  sums.sum += sum;
  sums.sumSquares += sum * sum;
  sums.cross += sum * n;
  sums.sizeSquares += n * n;
}

export function clusterSumsInterval(sums: ClusterSums, level = 0.95): Interval | null {
  const g = sums.clusters;
  if (g < 2 || sums.n === 0) return null;
  const mean = sums.sum / sums.n;
  const scores = Math.max(0, sums.sumSquares - 2 * mean * sums.cross + mean * mean * sums.sizeSquares);
  const variance = ((g / (g - 1)) * scores) / (sums.n * sums.n);
  const half = studentTQuantile(0.5 + level / 2, g - 1) * Math.sqrt(variance);
  return { low: mean - half, high: mean + half };
}
