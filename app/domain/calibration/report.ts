import { adjustFromModel, summariseModel, type AdjustedScores, type RaterModelSummary } from "./model-summary";
import { flagRaters, type RaterEffectSummary } from "./rater-flags";
import { fitDimensionModel, type RaterModelFit } from "./rater-model";
import { computeDimensionAgreement, nameRanks, type DimensionAgreement } from "./dimension-agreement";
import { computeLeniency, type LeniencyEstimate, type MonthlyLeniency } from "./leniency";
import { findDisagreements, type PanelDisagreements } from "./panel-disagreement";
import { describeRatingProblem, findDuplicateRating } from "./rating-rules";
import { buildRatingTable, labelColumn, type LabelColumn, type RatingTable } from "./rating-table";
import {
  computeHalo,
  computeRedFlagRates,
  computeSpreads,
  type RaterHalo,
  type RaterRedFlags,
  type RaterSpread,
} from "./rater-profile";
import { isValidScale, scaleCategories, type Rating, type Scale, type ScorecardRedFlags } from "./types";
import { compareVariants, type VariantDimensionSummary } from "./variant-comparison";
import type { ModelVariantDifference } from "./variant-model";
import { computeVariantReliability, type VariantReliability } from "./variant-reliability";

export interface CalibrationOptions {
  scale: Scale;
  /** Red flags per scorecard; without them every interviewer's red-flag figures are null. */
  scorecards?: readonly ScorecardRedFlags[];
  /**
   * The per-variant planner of these same ratings, when it is computed elsewhere (its fits shared
   * by two threads: fit-tasks.ts, computeDashboardInParallel); otherwise computed here.
   */
  variantReliability?: VariantReliability[];
  /**
   * The table of these same ratings (buildRatingTable) and their variants (labelColumn), when the
   * caller has built them already (the worker builds them for the fits it shares): not built twice.
   */
  prepared?: {
    table: RatingTable;
    variants: LabelColumn;
    /**
     * The dimensions' agreement is computed elsewhere (a task of its own: fit-tasks.ts) and handed
     * to finishCalibrationReport: startCalibrationReport leaves it out.
     */
    agreementElsewhere?: boolean;
  };
}

export interface InterviewerCalibration {
  interviewer: string;
  ratings: number;
  leniency: LeniencyEstimate;
  /** Leniency by calendar month, oldest first. */
  drift: MonthlyLeniency[];
  spread: RaterSpread;
  halo: RaterHalo;
  redFlags: RaterRedFlags;
  /** The rater model's effect with its interval, shared candidates and flags. */
  rater: RaterEffectSummary;
}

export interface CalibrationReport {
  scale: Scale;
  totals: { ratings: number; candidates: number; interviewers: number; dimensions: number; scorecards: number };
  /** In first-seen (rubric) order. */
  dimensions: DimensionAgreement[];
  /** Sorted by interviewer. */
  interviewers: InterviewerCalibration[];
  variants: VariantDimensionSummary[];
  disagreements: PanelDisagreements;
  adjusted: AdjustedScores;
  /** The REML rater model; null without ratings to fit. */
  model: RaterModelSummary | null;
  /** The panel-size planner per company variant, where the variant's data allow (variant-reliability.ts). */
  variantReliability: VariantReliability[];
  /** Candidates with two or more recommendations: the comparable evidence behind the recommendation kappa. */
  recommendationCandidates: number;
}

/** Thrown for input no report can be computed from: a rating off the scale, a duplicate, a bad scale. */
export class CalibrationInputError extends Error {
  override name = "CalibrationInputError";
}

export function computeCalibrationReport(ratings: readonly Rating[], options: CalibrationOptions): CalibrationReport {
  const started = startCalibrationReport(ratings, options);
  return finishCalibrationReport(started, fitReportModel(started.table));
}

/** The report's rater model (the dimension model), null without two ratings to fit. */
export function fitReportModel(table: RatingTable): RaterModelFit | null {
  return table.size >= 2 ? fitDimensionModel(table).fit : null;
}

/**
 * The report's checks and every part that does not rest on the rater model, so that the model can
 * be fitted elsewhere meanwhile (fit-tasks.ts: by whichever thread claims it first)
 * and the report finished with it (finishCalibrationReport): the same figures as computeCalibrationReport.
 */
export function startCalibrationReport(ratings: readonly Rating[], options: CalibrationOptions) {
  const { scale } = options;
  if (!isValidScale(scale)) throw new CalibrationInputError(`invalid scale ${scale.min}-${scale.max}`);
  const validDates = new Set<string>();
  ratings.forEach((rating, i) => {
    const problem = describeRatingProblem(rating, scale, validDates);
    if (problem !== null) throw new CalibrationInputError(`rating ${i}: ${problem}`);
  });
  const table = options.prepared?.table ?? buildRatingTable(ratings);
  const duplicate = findDuplicateRating(table);
  if (duplicate !== null) {
    const { candidate, interviewer, dimension } = ratings[duplicate];
    throw new CalibrationInputError(`rating ${duplicate}: ${interviewer} rated ${candidate} on ${dimension} twice`);
  }

  const ratingCounts = new Int32Array(table.interviewers.length);
  for (const interviewer of table.interviewerOf) ratingCounts[interviewer] += 1;
  return {
    ratings,
    options,
    table,
    disagreements: findDisagreements(table, ratings),
    leniency: computeLeniency(table, ratings),
    spreads: computeSpreads(table, scale),
    halo: computeHalo(table),
    redFlags: computeRedFlagRates(table, options.scorecards ?? []),
    // Each rating's variant, once: the variant comparison and the per-variant planner both read it,
    // and the comparison's model may start from the dimension model's θ (rater-model/fit.ts).
    variants: options.prepared?.variants ?? labelColumn(ratings, (r) => r.variant),
    ratingCounts,
    dimensions: options.prepared?.agreementElsewhere ? null : dimensionAgreements(table, scale),
  };
}

/** A report started with its agreement left to elsewhere, finished without it: the caller's mistake, not a case to compute around. */
function missingAgreement(): never {
  throw new Error("finishCalibrationReport: the report was started with agreementElsewhere and given no agreement");
}

/** Each dimension's agreement between interviewers (the report's `dimensions`), in the table's order. */
export function dimensionAgreements(table: RatingTable, scale: Scale): DimensionAgreement[] {
  const categories = scaleCategories(scale);
  const nameRank = nameRanks(table.interviewers);
  return table.dimensions.map((_, d) => computeDimensionAgreement(table, d, categories, nameRank));
}

/**
 * The report from its started parts and its rater model (fitReportModel of the same table), the
 * variant model's differences if computed already (compareVariantsByModel from the model's θ), and
 * the dimensions' agreement if computed elsewhere (dimensionAgreements of the same table).
 */
export function finishCalibrationReport(
  started: ReturnType<typeof startCalibrationReport>,
  fit: RaterModelFit | null,
  variantModel?: Map<string, ModelVariantDifference>,
  agreement?: DimensionAgreement[],
): CalibrationReport {
  const { ratings, options, table, leniency, spreads, halo, redFlags, variants, ratingCounts, disagreements } = started;
  const { scale } = options;
  const rater = flagRaters(table, fit, scale);
  return {
    scale,
    totals: {
      ratings: table.size,
      candidates: table.candidates.length,
      interviewers: table.interviewers.length,
      dimensions: table.dimensions.length,
      scorecards: table.scorecards.count,
    },
    dimensions: agreement ?? started.dimensions ?? missingAgreement(),
    interviewers: table.interviewers
      .map((interviewer, i) => ({
        interviewer,
        ratings: ratingCounts[i],
        // One verdict per interviewer: the rater model's, not the raw deviations'.
        leniency: { ...leniency[i].overall, flag: modelLeniencyFlag(rater[i].flags) },
        drift: leniency[i].drift,
        spread: spreads[i],
        halo: halo[i],
        redFlags: redFlags[i],
        rater: rater[i],
      }))
      .sort((x, y) => (x.interviewer < y.interviewer ? -1 : 1)),
    variants: compareVariants(scale, table, variants, fit?.theta, variantModel),
    disagreements,
    adjusted: fit === null ? emptyAdjusted(table) : adjustFromModel(table, fit, scale),
    model: fit === null ? null : summariseModel(fit, table.dimensions.length),
    variantReliability: options.variantReliability ?? computeVariantReliability(ratings, { table, variants }),
    recommendationCandidates: disagreements.recommendationCandidates,
  };
}

function modelLeniencyFlag(flags: readonly string[]): "lenient" | "severe" | null {
  return flags.includes("lenient") ? "lenient" : flags.includes("severe") ? "severe" : null;
}

/** Fewer than two ratings: nothing to model; each candidate's score stays its raw mean. */
function emptyAdjusted(table: ReturnType<typeof buildRatingTable>): AdjustedScores {
  return {
    candidates: table.candidates.map((candidate, c) => {
      const score = table.scoreOf[table.candidateOf.indexOf(c)];
      return { candidate, ratings: 1, rawMean: score, adjustedMean: score, adjustedSe: null, clamped: false };
    }),
    severities: table.interviewers.map((interviewer) => ({ interviewer, severity: 0, estimated: false })),
    dimensionEffects: table.dimensions.map((dimension) => ({ dimension, effect: 0 })),
    groups: table.candidates.length,
    iterations: 0,
    converged: true,
  };
}
