import { MIN_SHARED_CANDIDATES } from "./evidence";
import type { RatingTable } from "./rating-table";
import { addToMoments, createMoments, meanConfidenceInterval, meanOf, type Moments } from "./summary-stats";
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
 * Resources 50(2), §II). `clusters` holds those candidate means. The flag is left to the rater model
 * (rater-flags.ts).
 */
function estimateLeniency(clusters: Moments): LeniencyEstimate {
  const leniency = meanOf(clusters);
  const interval = meanConfidenceInterval(clusters);
  // Fewer shared candidates than the one minimum give no figure: the interval would be too wide to read.
  if (clusters.n < MIN_SHARED_CANDIDATES || leniency === null || interval === null) {
    return { n: clusters.n, leniency: null, ciLow: null, ciHigh: null, flag: null, reason: "not enough data" };
  }
  return { n: clusters.n, leniency, ciLow: interval.low, ciHigh: interval.high, flag: null, reason: null };
}

/**
 * Each rating's calendar month (YYYY-MM) as an id, -1 without a date. Dates are interned, and a
 * scorecard's ratings (which come together) share theirs, so few ratings look a date up at all.
 */
function monthsOf(ratings: readonly Rating[]): { monthOf: Int32Array; months: string[] } {
  const monthOf = new Int32Array(ratings.length);
  const months: string[] = [];
  const monthIds = new Map<string, number>();
  const dateMonth = new Map<string, number>();
  let lastDate: string | undefined;
  let lastMonth = -1;
  for (let i = 0; i < ratings.length; i++) {
    const date = ratings[i].date;
    if (date === undefined) {
      monthOf[i] = -1;
      continue;
    }
    if (date !== lastDate) {
      let month = dateMonth.get(date);
      if (month === undefined) {
        const name = date.slice(0, 7);
        month = monthIds.get(name);
        if (month === undefined) monthIds.set(name, (month = months.push(name) - 1));
        dateMonth.set(date, month);
      }
      lastDate = date;
      lastMonth = month;
    }
    monthOf[i] = lastMonth;
  }
  return { monthOf, months };
}

/**
 * Clusters (one per key) in the order their first rating comes: sums and counts of deviations, in
 * rating order. The statistics add the cluster means in that order, so the floating-point sums are
 * the same as ever (a cluster per candidate per interviewer, first seen first).
 */
class Clusters {
  readonly sum: number[] = [];
  readonly n: number[] = [];
  readonly owner: number[] = [];
  add(cluster: number, deviation: number): void {
    this.sum[cluster] += deviation;
    this.n[cluster] += 1;
  }
  open(owner: number, deviation: number): number {
    this.owner.push(owner);
    this.n.push(1);
    return this.sum.push(deviation) - 1;
  }
  /** The moments of cluster means per owner id in [0, owners). */
  moments(owners: number): (Moments | undefined)[] {
    const moments = new Array<Moments | undefined>(owners);
    for (let k = 0; k < this.sum.length; k++) {
      const owner = (moments[this.owner[k]] ??= createMoments());
      addToMoments(owner, this.sum[k] / this.n[k]);
    }
    return moments;
  }
}

/**
 * Leniency of every interviewer (indexed like table.interviewers), overall and per calendar month.
 * A cluster is an interviewer's ratings of one candidate: overall, one scorecard (table.scorecards);
 * per month, that scorecard's ratings in the month. One pass over the ratings with integer keys.
 */
export function computeLeniency(table: RatingTable, ratings: readonly Rating[]): InterviewerLeniency[] {
  const { deviation, hasPeers } = computeDeviations(table);
  const { scorecards } = table;
  const interviewerCount = table.interviewers.length;
  const scorecardOf = new Int32Array(table.size);
  for (let s = 0; s < scorecards.count; s++)
    for (let p = scorecards.start[s]; p < scorecards.start[s + 1]; p++) scorecardOf[scorecards.order[p]] = s;
  const { monthOf, months } = monthsOf(ratings);

  const overall = new Clusters();
  const overallCluster = new Int32Array(scorecards.count).fill(-1);
  const monthly = new Clusters();
  // A scorecard's cluster in its (usually only) month; other months of it, by scorecard x month.
  const monthlyCluster = new Int32Array(scorecards.count).fill(-1);
  const monthlyClusterMonth = new Int32Array(scorecards.count).fill(-1);
  const otherMonths = new Map<number, number>();
  for (let i = 0; i < table.size; i++) {
    if (!hasPeers[i]) continue;
    const s = scorecardOf[i];
    const interviewer = table.interviewerOf[i];
    if (overallCluster[s] < 0) overallCluster[s] = overall.open(interviewer, deviation[i]);
    else overall.add(overallCluster[s], deviation[i]);
    const month = monthOf[i];
    if (month < 0) continue;
    const owner = interviewer * months.length + month;
    if (monthlyCluster[s] < 0) {
      monthlyCluster[s] = monthly.open(owner, deviation[i]);
      monthlyClusterMonth[s] = month;
    } else if (monthlyClusterMonth[s] === month) monthly.add(monthlyCluster[s], deviation[i]);
    else {
      const key = s * months.length + month;
      const cluster = otherMonths.get(key);
      if (cluster === undefined) otherMonths.set(key, monthly.open(owner, deviation[i]));
      else monthly.add(cluster, deviation[i]);
    }
  }
  const overallMoments = overall.moments(interviewerCount);
  const monthlyMoments = monthly.moments(interviewerCount * months.length);
  const monthOrder = months.map((_, m) => m).sort((a, b) => (months[a] < months[b] ? -1 : 1));
  return table.interviewers.map((_, interviewer) => ({
    overall: estimateLeniency(overallMoments[interviewer] ?? createMoments()),
    drift: monthOrder.flatMap((m) => {
      const clusters = monthlyMoments[interviewer * months.length + m];
      return clusters === undefined ? [] : [{ month: months[m], ...estimateLeniency(clusters) }];
    }),
  }));
}
