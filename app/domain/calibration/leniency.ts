import type { RatingTable } from "./rating-table";
import {
  addToMoments,
  createMoments,
  excludesZero,
  meanConfidenceInterval,
  meanOf,
  type Moments,
} from "./summary-stats";
import type { Rating } from "./types";

/** Fewer deviations than this give no leniency figure: the interval would be too wide to read. */
export const MIN_LENIENCY_RATINGS = 5;
/** A leniency this far from 0 (in scale points) is large enough to act on, if it is also not noise. */
export const LENIENCY_FLAG_THRESHOLD = 0.5;

export interface LeniencyEstimate {
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

/** Mean deviation with a t-based 95% interval; flagged when large and the interval excludes 0. */
function estimateLeniency(deviations: Moments): LeniencyEstimate {
  const leniency = meanOf(deviations);
  const interval = meanConfidenceInterval(deviations);
  if (deviations.n < MIN_LENIENCY_RATINGS || leniency === null || interval === null) {
    return { n: deviations.n, leniency: null, ciLow: null, ciHigh: null, flag: null, reason: "not enough data" };
  }
  const notable = Math.abs(leniency) >= LENIENCY_FLAG_THRESHOLD && excludesZero(interval);
  return {
    n: deviations.n,
    leniency,
    ciLow: interval.low,
    ciHigh: interval.high,
    flag: notable ? (leniency > 0 ? "lenient" : "severe") : null,
    reason: null,
  };
}

/** Leniency of every interviewer (indexed like table.interviewers), overall and per calendar month. */
export function computeLeniency(table: RatingTable, ratings: readonly Rating[]): InterviewerLeniency[] {
  const { deviation, hasPeers } = computeDeviations(table);
  const overall = table.interviewers.map(() => createMoments());
  const byMonth = table.interviewers.map(() => new Map<string, Moments>());
  for (let i = 0; i < table.size; i++) {
    if (!hasPeers[i]) continue;
    const interviewer = table.interviewerOf[i];
    addToMoments(overall[interviewer], deviation[i]);
    const month = ratings[i].date?.slice(0, 7);
    if (month === undefined) continue;
    let moments = byMonth[interviewer].get(month);
    if (moments === undefined) byMonth[interviewer].set(month, (moments = createMoments()));
    addToMoments(moments, deviation[i]);
  }
  return overall.map((moments, interviewer) => ({
    overall: estimateLeniency(moments),
    drift: [...byMonth[interviewer]]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, monthMoments]) => ({ month, ...estimateLeniency(monthMoments) })),
  }));
}
