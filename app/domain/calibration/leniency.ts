import { MIN_SHARED_CANDIDATES } from "./evidence";
import type { RatingTable } from "./rating-table";
import { addToMoments, createMoments, meanConfidenceInterval, meanOf } from "./summary-stats";
import type { Rating } from "./types";

export interface LeniencyEstimate {
  /** Shared candidates: the independent units (a scorecard's ratings are not independent of each other). */
  n: number;
  leniency: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: "lenient" | "severe" | null;
  reason: "not enough data" | null;
}

export interface MonthlyLeniency extends LeniencyEstimate {
  /** Calendar month, YYYY-MM. */
  month: string;
}

export interface InterviewerLeniency {
  overall: LeniencyEstimate;
  /** Leniency by calendar month, oldest first; only months with dated ratings appear. */
  drift: MonthlyLeniency[];
}

/**
 * Each rating's deviation from the mean of the other interviewers' ratings of the same candidate on
 * the same dimension: d = x − (S − x)/(m − 1), with S the unit's sum over m ratings. Ratings whose
 * unit has no other rating get no deviation (hasPeers = 0).
 */
function computeDeviations(table: RatingTable): { deviation: Float64Array; hasPeers: Uint8Array } {
  const { units, scoreOf } = table;
  const deviation = new Float64Array(table.size);
  const hasPeers = new Uint8Array(table.size);
  for (let u = 0; u < units.count; u++) {
    const m = units.start[u + 1] - units.start[u];
    if (m < 2) continue;
    let sum = 0;
    for (let p = units.start[u]; p < units.start[u + 1]; p++) sum += scoreOf[units.order[p]];
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      const i = units.order[p];
      deviation[i] = scoreOf[i] - (sum - scoreOf[i]) / (m - 1);
      hasPeers[i] = 1;
    }
  }
  return { deviation, hasPeers };
}

/**
 * Mean deviation with a 95% interval clustered by candidate: the interviewer's deviations are averaged
 * per candidate first and the t interval is taken over those candidate means (the cluster-means
 * approach; Cameron & Miller 2015, "A practitioner's guide to cluster-robust inference", J. Human
 * Resources 50(2), §II). The flag is left to the rater model (rater-flags.ts).
 */
function estimateLeniency(byCandidate: Map<number, { sum: number; n: number }>): LeniencyEstimate {
  const clusters = createMoments();
  for (const { sum, n } of byCandidate.values()) addToMoments(clusters, sum / n);
  const leniency = meanOf(clusters);
  const interval = meanConfidenceInterval(clusters);
  // Fewer shared candidates than the one minimum give no figure: the interval would be too wide to read.
  if (clusters.n < MIN_SHARED_CANDIDATES || leniency === null || interval === null) {
    return { n: clusters.n, leniency: null, ciLow: null, ciHigh: null, flag: null, reason: "not enough data" };
  }
  return { n: clusters.n, leniency, ciLow: interval.low, ciHigh: interval.high, flag: null, reason: null };
}

type Clusters = Map<number, { sum: number; n: number }>;

function addToCluster(clusters: Clusters, candidate: number, deviation: number): void {
  const cluster = clusters.get(candidate);
  if (cluster === undefined) clusters.set(candidate, { sum: deviation, n: 1 });
  else {
    cluster.sum += deviation;
    cluster.n += 1;
  }
}

/** Leniency of every interviewer (indexed like table.interviewers), overall and per calendar month. */
export function computeLeniency(table: RatingTable, ratings: readonly Rating[]): InterviewerLeniency[] {
  const { deviation, hasPeers } = computeDeviations(table);
  const overall = table.interviewers.map((): Clusters => new Map());
  const byMonth = table.interviewers.map(() => new Map<string, Clusters>());
  for (let i = 0; i < table.size; i++) {
    if (!hasPeers[i]) continue;
    const interviewer = table.interviewerOf[i];
    addToCluster(overall[interviewer], table.candidateOf[i], deviation[i]);
    const month = ratings[i].date?.slice(0, 7);
    if (month === undefined) continue;
    let clusters = byMonth[interviewer].get(month);
    if (clusters === undefined) byMonth[interviewer].set(month, (clusters = new Map()));
    addToCluster(clusters, table.candidateOf[i], deviation[i]);
  }
  return overall.map((moments, interviewer) => ({
    overall: estimateLeniency(moments),
    drift: [...byMonth[interviewer]]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, monthMoments]) => ({ month, ...estimateLeniency(monthMoments) })),
  }));
}
