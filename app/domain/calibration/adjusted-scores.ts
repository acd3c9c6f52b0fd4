import { findConnectedComponents } from "./connected-components";
import type { RatingTable } from "./rating-table";

/** Interviewers with fewer ratings get no severity estimate: their ratings are taken at face value. */
export const MIN_SEVERITY_RATINGS = 5;
const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-7;

export interface AdjustedScore {
  candidate: string;
  ratings: number;
  rawMean: number;
  /** Candidate effect + mean dimension effect: on the rating scale, comparable with rawMean. */
  adjustedMean: number;
  /** Prediction-error SD of adjustedMean (the rater model's; null from the fixed-effects fit). */
  adjustedSe?: number | null;
  /** True when the model's value fell outside the scale and was clamped to its end. */
  clamped?: boolean;
}

export interface InterviewerSeverity {
  interviewer: string;
  /** Positive = harsh: the model's ratings are candidate + dimension − severity. */
  severity: number;
  /** False when the interviewer has too few ratings and the severity is fixed at 0. */
  estimated: boolean;
}

export interface AdjustedScores {
  candidates: AdjustedScore[];
  severities: InterviewerSeverity[];
  dimensionEffects: { dimension: string; effect: number }[];
  /** Connected groups of candidates and estimated interviewers; their severities sum to 0 in each. */
  groups: number;
  iterations: number;
  converged: boolean;
}

/**
 * Least-squares fit of the additive rater-severity model x = c_candidate + d_dimension − s_interviewer
 * (the linear analogue of many-facet Rasch "fair averages": Linacre 1989, Many-Facet Rasch Measurement),
 * by block coordinate descent (backfitting; Hastie & Tibshirani 1990, Generalized Additive Models, ch. 4):
 * each block is set to its exact least-squares value given the others. Severities are identified only
 * up to a shift within each connected group, so they are constrained to sum to 0 there; the constrained
 * block update is, by a Lagrange multiplier, s_i = a_i − (Σ_g a_j / Σ_g 1/n_j) / n_i, with
 * a_i = mean over i's ratings of (c + d − x). Each block step is exact, so the descent converges to the
 * constrained least-squares solution.
 */
export function computeAdjustedScores(table: RatingTable): AdjustedScores {
  const { size, candidateOf: cand, interviewerOf: rater, dimensionOf: dim, scoreOf: score } = table;
  const nC = table.candidates.length;
  const nI = table.interviewers.length;
  const nD = table.dimensions.length;
  const perCandidate = new Float64Array(nC);
  const perInterviewer = new Float64Array(nI);
  const perDimension = new Float64Array(nD);
  for (let r = 0; r < size; r++) {
    perCandidate[cand[r]] += 1;
    perInterviewer[rater[r]] += 1;
    perDimension[dim[r]] += 1;
  }
  const estimated = Array.from(perInterviewer, (n) => n >= MIN_SEVERITY_RATINGS);
  const { componentOf, count: componentCount } = findConnectedComponents(nC + nI, (link) => {
    for (let r = 0; r < size; r++) if (estimated[rater[r]]) link(cand[r], nC + rater[r]);
  });
  const inverseCountSum = new Float64Array(componentCount);
  for (let i = 0; i < nI; i++) if (estimated[i]) inverseCountSum[componentOf[nC + i]] += 1 / perInterviewer[i];
  const groups = inverseCountSum.filter((x) => x > 0).length;

  const c = new Float64Array(nC);
  const d = new Float64Array(nD);
  const s = new Float64Array(nI);
  const sums = new Float64Array(Math.max(nC, nI, nD));
  const rawMeans = new Float64Array(nC);
  for (let r = 0; r < size; r++) rawMeans[cand[r]] += score[r] / perCandidate[cand[r]];
  c.set(rawMeans);

  let iterations = 0;
  let change = Infinity;
  while (change > TOLERANCE && iterations < MAX_ITERATIONS) {
    iterations += 1;
    change = 0;
    sums.fill(0);
    for (let r = 0; r < size; r++) sums[cand[r]] += score[r] - d[dim[r]] + s[rater[r]];
    for (let j = 0; j < nC; j++) {
      const next = sums[j] / perCandidate[j];
      change = Math.max(change, Math.abs(next - c[j]));
      c[j] = next;
    }
    sums.fill(0);
    for (let r = 0; r < size; r++) sums[dim[r]] += score[r] - c[cand[r]] + s[rater[r]];
    for (let k = 0; k < nD; k++) {
      const next = sums[k] / perDimension[k];
      change = Math.max(change, Math.abs(next - d[k]));
      d[k] = next;
    }
    sums.fill(0);
    for (let r = 0; r < size; r++) sums[rater[r]] += c[cand[r]] + d[dim[r]] - score[r];
    const groupSum = new Float64Array(componentCount);
    for (let i = 0; i < nI; i++) {
      sums[i] /= perInterviewer[i];
      if (estimated[i]) groupSum[componentOf[nC + i]] += sums[i];
    }
    for (let i = 0; i < nI; i++) {
      if (!estimated[i]) continue;
      const g = componentOf[nC + i];
      const next = sums[i] - groupSum[g] / inverseCountSum[g] / perInterviewer[i];
      change = Math.max(change, Math.abs(next - s[i]));
      s[i] = next;
    }
  }

  // c and d share one free constant; report dimension effects centred on 0 and fold the centre into c.
  const meanDimension = d.reduce((sum, x) => sum + x, 0) / Math.max(nD, 1);
  return {
    candidates: table.candidates.map((candidate, j) => ({
      candidate,
      ratings: perCandidate[j],
      rawMean: rawMeans[j],
      adjustedMean: c[j] + meanDimension,
    })),
    severities: table.interviewers.map((interviewer, i) => ({ interviewer, severity: s[i], estimated: estimated[i] })),
    dimensionEffects: table.dimensions.map((dimension, k) => ({ dimension, effect: d[k] - meanDimension })),
    groups,
    iterations,
    converged: change <= TOLERANCE,
  };
}
