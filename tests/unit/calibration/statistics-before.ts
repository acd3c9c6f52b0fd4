// The implementations of #16's restructured statistics as they were before it (commit e5a75ac),
// kept verbatim as references for restructured-statistics.test.ts: not used by the app.
import { cohenKappas } from "~/domain/calibration/cohen-kappa";
import type { PairAgreement } from "~/domain/calibration/dimension-agreement";
import type { CoincidenceMatrix } from "~/domain/calibration/krippendorff-alpha";
import type { RatingTable } from "~/domain/calibration/rating-table";
import type { CandidateGroup, RaterDesign } from "~/domain/calibration/rater-model/types";
import { MIN_SHARED_CANDIDATES } from "~/domain/calibration/evidence";
import { addToMoments, createMoments, meanConfidenceInterval, meanOf } from "~/domain/calibration/summary-stats";
import { isRecommendation, type Rating, type Recommendation } from "~/domain/calibration/types";

interface LeniencyEstimate {
  /** Shared candidates: the independent units (a scorecard's ratings are not independent of each other). */
  n: number;
  leniency: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flag: "lenient" | "severe" | null;
  reason: "not enough data" | null;
}

interface MonthlyLeniency extends LeniencyEstimate {
  /** Calendar month, YYYY-MM. */
  month: string;
}

interface InterviewerLeniency {
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
interface Paired {
  own: number;
  peers: number;
  differences: number[];
  /** Per candidate, |own deviation| minus co-panellists' RMS deviation, in points (for the interval shown). */
  rms: number[];
}
function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
}
export function comparePeers(table: RatingTable) {
  const nI = table.interviewers.length;
  const shared = new Int32Array(nI);
  const halo: Paired[] = Array.from({ length: nI }, () => ({ own: 0, peers: 0, differences: [], rms: [] }));
  const central: Paired[] = Array.from({ length: nI }, () => ({ own: 0, peers: 0, differences: [], rms: [] }));
  const { scorecards, scoreOf, interviewerOf, candidateOf } = table;
  const overall = new Float64Array(nI);
  const counts = new Float64Array(nI);
  for (let r = 0; r < table.size; r++) {
    overall[interviewerOf[r]] += scoreOf[r];
    counts[interviewerOf[r]] += 1;
  }
  for (let i = 0; i < nI; i++) overall[i] /= Math.max(1, counts[i]);
  let s = 0;
  while (s < scorecards.count) {
    const candidate = candidateOf[scorecards.order[scorecards.start[s]]];
    let end = s;
    while (end < scorecards.count && candidateOf[scorecards.order[scorecards.start[end]]] === candidate) end++;
    if (end - s >= 2) {
      const cards = [];
      for (let k = s; k < end; k++) {
        const scores: number[] = [];
        for (let q = scorecards.start[k]; q < scorecards.start[k + 1]; q++) scores.push(scoreOf[scorecards.order[q]]);
        cards.push({
          interviewer: interviewerOf[scorecards.order[scorecards.start[k]]],
          spread: sampleSd(scores),
          mean: scores.reduce((sum, x) => sum + x, 0) / scores.length,
        });
      }
      for (const card of cards) {
        shared[card.interviewer] += 1;
        const others = cards.filter((other) => other !== card);
        // Squared deviation of a scorecard mean from its interviewer's own overall mean (so leniency
        // is not mistaken for range), own against the co-panellists' mean on this candidate.
        const own = (card.mean - overall[card.interviewer]) ** 2;
        const peer = others.reduce((sum, o) => sum + (o.mean - overall[o.interviewer]) ** 2, 0) / others.length;
        central[card.interviewer].own += own;
        central[card.interviewer].peers += peer;
        central[card.interviewer].differences.push(own - peer);
        central[card.interviewer].rms.push(Math.sqrt(own) - Math.sqrt(peer));
        const peerSpreads = others.flatMap((o) => (o.spread === null ? [] : [o.spread]));
        if (card.spread !== null && peerSpreads.length > 0) {
          const peerSpread = peerSpreads.reduce((sum, x) => sum + x, 0) / peerSpreads.length;
          halo[card.interviewer].own += card.spread;
          halo[card.interviewer].peers += peerSpread;
          halo[card.interviewer].differences.push(card.spread - peerSpread);
        }
      }
    }
    s = end;
  }
  return { shared, halo, central };
}
export function unitScoresOfDimension(table: RatingTable, dimension: number): number[][] {
  const { units, dimensionUnitStart, scoreOf } = table;
  const scores: number[][] = [];
  for (let u = dimensionUnitStart[dimension]; u < dimensionUnitStart[dimension + 1]; u++) {
    const values: number[] = [];
    for (let p = units.start[u]; p < units.start[u + 1]; p++) values.push(scoreOf[units.order[p]]);
    scores.push(values);
  }
  return scores;
}
export function buildCoincidenceMatrix(units: readonly (readonly number[])[]): CoincidenceMatrix {
  const distinct = new Set<number>();
  for (const unit of units) if (unit.length >= 2) for (const v of unit) distinct.add(v);
  const values = [...distinct].sort((a, b) => a - b);
  const indexOf = new Map(values.map((v, i) => [v, i]));
  const q = values.length;
  const coincidences = new Float64Array(q * q);
  const counts = new Float64Array(q);
  const present: number[] = [];
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    for (const v of unit) {
      const c = indexOf.get(v) as number;
      if (counts[c] === 0) present.push(c);
      counts[c] += 1;
    }
    for (const c of present) {
      for (const k of present) {
        const pairs = c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k];
        coincidences[c * q + k] += pairs / (m - 1);
      }
    }
    for (const c of present) counts[c] = 0;
    present.length = 0;
  }
  return { values, coincidences };
}
export function pairAgreementsOf(
  table: RatingTable,
  dimension: number,
  categories: readonly number[],
): PairAgreement[] {
  const { units, dimensionUnitStart, interviewerOf, scoreOf, interviewers } = table;
  const pairScores = new Map<number, number[]>();
  for (let u = dimensionUnitStart[dimension]; u < dimensionUnitStart[dimension + 1]; u++) {
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      for (let q = p + 1; q < units.start[u + 1]; q++) {
        let [first, second] = [units.order[p], units.order[q]];
        if (interviewers[interviewerOf[first]] > interviewers[interviewerOf[second]]) [first, second] = [second, first];
        const key = interviewerOf[first] * interviewers.length + interviewerOf[second];
        let scores = pairScores.get(key);
        if (scores === undefined) pairScores.set(key, (scores = []));
        scores.push(scoreOf[first], scoreOf[second]);
      }
    }
  }
  const pairs: PairAgreement[] = [];
  for (const [key, scores] of pairScores) {
    const n = scores.length / 2;
    // Pairwise agreement needs the one minimum of candidates in common before a kappa means anything.
    if (n < MIN_SHARED_CANDIDATES) continue;
    const scorePairs = Array.from({ length: n }, (_, i): [number, number] => [scores[2 * i], scores[2 * i + 1]]);
    pairs.push({
      a: interviewers[Math.floor(key / interviewers.length)],
      b: interviewers[key % interviewers.length],
      n,
      kappa: cohenKappas(scorePairs, categories),
    });
  }
  return pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}
export function recommendationsByCandidate(table: RatingTable, ratings: readonly Rating[]): Recommendation[][] {
  const { scorecards } = table;
  const byCandidate: Recommendation[][] = table.candidates.map(() => []);
  for (let s = 0; s < scorecards.count; s++) {
    for (let p = scorecards.start[s]; p < scorecards.start[s + 1]; p++) {
      const recommendation = ratings[scorecards.order[p]].recommendation;
      if (recommendation === undefined || !isRecommendation(recommendation)) continue;
      byCandidate[table.candidateOf[scorecards.order[p]]].push(recommendation);
      break;
    }
  }
  return byCandidate;
}
export function groupCandidates(design: Omit<RaterDesign, "candidateGroups" | "singleCandidates">): {
  groups: CandidateGroup[];
  single: Int32Array;
} {
  const { interviewers: nI, cells: p, candidateStart, cardCount } = design;
  const C = design.candidates;
  const keyOf = new Float64Array(C).fill(-1);
  const members = new Map<number, number[]>();
  for (let c = 0; c < C; c++) {
    const from = candidateStart[c];
    const to = candidateStart[c + 1];
    if (to === from) continue;
    const z = cardCount[from];
    let same = true;
    for (let s = from + 1; s < to; s++) if (cardCount[s] !== z) same = false;
    if (!same) continue;
    const key = z * 1e6 + (to - from);
    keyOf[c] = key;
    const list = members.get(key);
    if (list === undefined) members.set(key, [c]);
    else list.push(c);
  }
  const groups: CandidateGroup[] = [];
  const grouped = new Uint8Array(C);
  const scratch = new Float64Array(p);
  for (const [key, list] of members) {
    const size = Math.floor(key / 1e6);
    const cards = key - size * 1e6;
    const support = cards + p;
    if (list.length * support * support < 4 * ((nI * nI) / 2 + p * nI)) continue;
    const group: CandidateGroup = {
      size,
      cards,
      count: list.length,
      coRated: new Float64Array(nI * nI),
      cellInterviewer: new Float64Array(p * nI),
      cellCross: new Float64Array(p * p),
      interviewerSum: new Float64Array(nI),
      cellSum: new Float64Array(p),
      sumSquares: 0,
    };
    for (const c of list) {
      grouped[c] = 1;
      const from = candidateStart[c];
      const to = candidateStart[c + 1];
      const y = design.candidateSum[c];
      group.sumSquares += y * y;
      for (let s = from; s < to; s++)
        for (let e = design.cardCellStart[s]; e < design.cardCellStart[s + 1]; e++)
          scratch[design.cardCell[e]] += design.cardCellCount[e];
      for (let f = 0; f < p; f++) {
        group.cellSum[f] += scratch[f] * y;
        for (let g = 0; g <= f; g++) group.cellCross[f * p + g] += scratch[f] * scratch[g];
      }
      for (let s = from; s < to; s++) {
        const i = design.cardInterviewer[s];
        group.interviewerSum[i] += y;
        for (let f = 0; f < p; f++) group.cellInterviewer[f * nI + i] += scratch[f];
        for (let t = from; t < to; t++) {
          const j = design.cardInterviewer[t];
          if (j <= i) group.coRated[i * nI + j] += 1;
        }
      }
      scratch.fill(0);
    }
    groups.push(group);
  }
  const single: number[] = [];
  for (let c = 0; c < C; c++) if (grouped[c] === 0) single.push(c);
  return { groups, single: Int32Array.from(single) };
}
