import { findConnectedComponents } from "./connected-components";
import type { RaterModelFit, VarianceComponents } from "./rater-model";
import type { RatingTable } from "./rating-table";
import type { Scale } from "./types";

export interface AdjustedScore {
  candidate: string;
  ratings: number;
  rawMean: number;
  /** Mean of the dimension means + the candidate's conditional mode: on the rating scale, comparable with rawMean. */
  adjustedMean: number;
  /** Prediction-error SD of adjustedMean; null when there was nothing to model. */
  adjustedSe: number | null;
  /** True when the model's value fell outside the scale and was clamped to its end. */
  clamped: boolean;
}

export interface InterviewerSeverity {
  interviewer: string;
  /** Positive = harsh: minus the interviewer's effect in the rater model. */
  severity: number;
  /** False when the design could not separate interviewers (fewer than two). */
  estimated: boolean;
}

export interface AdjustedScores {
  candidates: AdjustedScore[];
  severities: InterviewerSeverity[];
  dimensionEffects: { dimension: string; effect: number }[];
  /** Connected groups of candidates and interviewers (the model needs no constraint per group: the
   * random interviewer effects are identified by their distribution). */
  groups: number;
  /** Criterion evaluations of the REML fit. */
  iterations: number;
  converged: boolean;
}

/** Panel sizes the decision study (panel-size planner) reports. */
export const PLANNER_PANEL_SIZES = [1, 2, 3, 4, 5, 6] as const;

export interface RaterModelSummary {
  method: "REML";
  converged: boolean;
  variance: VarianceComponents;
  /** Share of a single rating's variance that is the candidate: σ²_c / (σ²_c + σ²_i + σ²_s + σ²_ε). */
  icc: number | null;
  /** Φ(k) for k = 1…6 interviewers (see panelReliability). */
  reliability: Record<string, number> | null;
  dimensions: number;
}

/**
 * The decision study of generalizability theory (Brennan 2001, Generalizability Theory, §4.4;
 * Shavelson & Webb 1991, ch. 6): the dependability (absolute agreement) of a candidate's equal-weight
 * mean over k interviewers, each scoring all D dimensions,
 *   Φ(k) = σ²_c / (σ²_c + (σ²_i + σ²_s)/k + σ²_ε/(kD)).
 * Null when there is no candidate variance to speak of (nothing to be reliable about).
 */
export function panelReliability(variance: VarianceComponents, dimensions: number): Record<string, number> | null {
  const { candidate, interviewer, scorecard, residual } = variance;
  if (!(candidate > 0) || dimensions < 1) return null;
  return Object.fromEntries(
    PLANNER_PANEL_SIZES.map((k) => [
      String(k),
      candidate / (candidate + (interviewer + scorecard) / k + residual / (k * dimensions)),
    ]),
  );
}

export function summariseModel(fit: RaterModelFit, dimensions: number): RaterModelSummary {
  const v = fit.variance;
  const total = v.candidate + v.interviewer + v.scorecard + v.residual;
  return {
    method: "REML",
    converged: fit.converged,
    variance: v,
    icc: total > 0 ? v.candidate / total : null,
    reliability: panelReliability(v, dimensions),
    dimensions,
  };
}

/**
 * Rater-adjusted candidate scores from the model: the mean of the dimension means plus the
 * candidate's conditional mode — the score an average interviewer would be expected to give (the
 * idea of many-facet Rasch "fair averages", Linacre 1989). It shrinks toward the mean on little
 * evidence, carries its prediction-error SD, and is kept inside the scale (clamped, and marked so).
 */
export function adjustFromModel(table: RatingTable, fit: RaterModelFit, scale: Scale): AdjustedScores {
  const nC = table.candidates.length;
  const counts = new Float64Array(nC);
  const sums = new Float64Array(nC);
  for (let r = 0; r < table.size; r++) {
    counts[table.candidateOf[r]] += 1;
    sums[table.candidateOf[r]] += table.scoreOf[r];
  }
  const meanOfDimensions = fit.cellMeans.reduce((s, x) => s + x, 0) / Math.max(1, fit.cellMeans.length);
  const { count: groups } = findConnectedComponents(nC + table.interviewers.length, (link) => {
    for (let r = 0; r < table.size; r++) link(table.candidateOf[r], nC + table.interviewerOf[r]);
  });
  return {
    candidates: table.candidates.map((candidate, c) => {
      const raw = meanOfDimensions + fit.candidateEffect[c];
      const adjustedMean = Math.min(scale.max, Math.max(scale.min, raw));
      return {
        candidate,
        ratings: counts[c],
        rawMean: sums[c] / counts[c],
        adjustedMean,
        adjustedSe: fit.adjustedSe[c],
        clamped: adjustedMean !== raw,
      };
    }),
    severities: table.interviewers.map((interviewer, i) => ({
      interviewer,
      severity: -fit.interviewerEffect[i],
      estimated: fit.estimated.interviewer,
    })),
    dimensionEffects: table.dimensions.map((dimension, d) => ({
      dimension,
      effect: fit.cellMeans[d] - meanOfDimensions,
    })),
    groups,
    iterations: fit.evaluations,
    converged: fit.converged,
  };
}
