import { studentTQuantile } from "./student-t";
import type { Interval } from "./summary-stats";

/** Ratings of one cell (e.g. a variant on a dimension), grouped by the candidate they are about. */
export interface ClusteredMoments {
  n: number;
  sum: number;
  /** Per candidate: the sum and count of its ratings in the cell. */
  clusters: Map<string | number, { sum: number; n: number }>;
}

export function createClusteredMoments(): ClusteredMoments {
  return { n: 0, sum: 0, clusters: new Map() };
}

export function addClustered(moments: ClusteredMoments, cluster: string | number, x: number): void {
  moments.n += 1;
  moments.sum += x;
  const c = moments.clusters.get(cluster);
  if (c === undefined) moments.clusters.set(cluster, { sum: x, n: 1 });
  else {
    c.sum += x;
    c.n += 1;
  }
}

/**
 * 95% interval for the mean of ratings clustered by candidate: the cluster-robust (Liang & Zeger
 * 1986) variance with the usual small-sample factor, V = G/(G−1) · Σ_g (Σ_{i∈g} (x_i − x̄))² / n²,
 * and a t quantile with G − 1 degrees of freedom (Cameron & Miller 2015, "A practitioner's guide to
 * cluster-robust inference", J. Human Resources 50(2), §II.C and §VI.A). A candidate's ratings share
 * the candidate (and, per dimension, each scorecard gives one), so they are not independent: the
 * interval widens with few candidates however many ratings they carry. Same as R's
 * sandwich::vcovCL(lm(score ~ 1), cluster = ~candidate, type = "HC1"). Null below two candidates.
 */
export function clusteredMeanInterval(moments: ClusteredMoments, level = 0.95): Interval | null {
  const g = moments.clusters.size;
  if (g < 2 || moments.n === 0) return null;
  const mean = moments.sum / moments.n;
  let scores = 0;
  for (const c of moments.clusters.values()) scores += (c.sum - c.n * mean) ** 2;
  const variance = ((g / (g - 1)) * scores) / (moments.n * moments.n);
  const half = studentTQuantile(0.5 + level / 2, g - 1) * Math.sqrt(variance);
  return { low: mean - half, high: mean + half };
}
