import { computeAdjustedScores, type AdjustedScores } from "./adjusted-scores";
import { computeDimensionAgreement, type DimensionAgreement } from "./dimension-agreement";
import { computeLeniency, type LeniencyEstimate, type MonthlyLeniency } from "./leniency";
import { findDisagreements, type PanelDisagreements } from "./panel-disagreement";
import { describeRatingProblem, findDuplicateRating } from "./rating-rules";
import { buildRatingTable } from "./rating-table";
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

export interface CalibrationOptions {
  scale: Scale;
  /** Red flags per scorecard; without them every interviewer's red-flag figures are null. */
  scorecards?: readonly ScorecardRedFlags[];
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
}

/** Thrown for input no report can be computed from: a rating off the scale, a duplicate, a bad scale. */
export class CalibrationInputError extends Error {
  override name = "CalibrationInputError";
}

export function computeCalibrationReport(ratings: readonly Rating[], options: CalibrationOptions): CalibrationReport {
  const { scale } = options;
  if (!isValidScale(scale)) throw new CalibrationInputError(`invalid scale ${scale.min}-${scale.max}`);
  ratings.forEach((rating, i) => {
    const problem = describeRatingProblem(rating, scale);
    if (problem !== null) throw new CalibrationInputError(`rating ${i}: ${problem}`);
  });
  const table = buildRatingTable(ratings);
  const duplicate = findDuplicateRating(table);
  if (duplicate !== null) {
    const { candidate, interviewer, dimension } = ratings[duplicate];
    throw new CalibrationInputError(`rating ${duplicate}: ${interviewer} rated ${candidate} on ${dimension} twice`);
  }

  const categories = scaleCategories(scale);
  const leniency = computeLeniency(table, ratings);
  const spreads = computeSpreads(table, scale);
  const halo = computeHalo(table);
  const redFlags = computeRedFlagRates(table, options.scorecards ?? []);
  const ratingCounts = new Int32Array(table.interviewers.length);
  for (const interviewer of table.interviewerOf) ratingCounts[interviewer] += 1;

  return {
    scale,
    totals: {
      ratings: table.size,
      candidates: table.candidates.length,
      interviewers: table.interviewers.length,
      dimensions: table.dimensions.length,
      scorecards: table.scorecards.count,
    },
    dimensions: table.dimensions.map((_, d) => computeDimensionAgreement(table, d, categories)),
    interviewers: table.interviewers
      .map((interviewer, i) => ({
        interviewer,
        ratings: ratingCounts[i],
        leniency: leniency[i].overall,
        drift: leniency[i].drift,
        spread: spreads[i],
        halo: halo[i],
        redFlags: redFlags[i],
      }))
      .sort((x, y) => (x.interviewer < y.interviewer ? -1 : 1)),
    variants: compareVariants(ratings, scale),
    disagreements: findDisagreements(table, ratings),
    adjusted: computeAdjustedScores(table),
  };
}
