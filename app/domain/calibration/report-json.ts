import type { IccSet } from "./intraclass-correlation";
import type { MeasurementLevel } from "./krippendorff-alpha";
import type { RaterFlag } from "./rater-flags";
import type { VarianceComponents } from "./rater-model";
import type { CalibrationReport } from "./report";

export interface CalibrationJsonPair {
  a: string;
  b: string;
  n: number;
  kappa: number | null;
  kappa_linear: number | null;
  kappa_quadratic: number | null;
}

export interface CalibrationJsonInterviewer {
  interviewer: string;
  ratings: number;
  leniency: number | null;
  ci_low: number | null;
  ci_high: number | null;
  flag: "lenient" | "severe" | null;
  halo: number | null;
  rater_effect: number | null;
  rater_effect_se: number | null;
  shared_candidates: number;
  flags: RaterFlag[];
}

/**
 * The CLI's --json contract: a stable, snake_case subset of CalibrationReport. The sketch
 * names two keys "interviewers" (a count and a list); JSON keeps only one, so the list keeps the name
 * and the count is "interviewer_count".
 */
export interface CalibrationJson {
  ratings: number;
  candidates: number;
  interviewer_count: number;
  dimensions: Record<
    string,
    {
      alpha: Record<MeasurementLevel, number | null>;
      icc: IccSet | null;
      fleiss_kappa: number | null;
      pairs: CalibrationJsonPair[];
    }
  >;
  interviewers: CalibrationJsonInterviewer[];
  adjusted: { candidate: string; raw_mean: number; adjusted_mean: number | null; adjusted_se: number | null }[];
  model: { method: "REML"; converged: boolean; variance: VarianceComponents } | null;
  reliability: Record<string, number> | null;
  /** Φ(k) per company variant; reliability null with `withheld` saying what evidence is missing. */
  reliability_by_variant: {
    variant: string;
    shared_candidates: number;
    interviewers: number;
    reliability: Record<string, number> | null;
    withheld: string | null;
  }[];
  recommendations: { fleiss_kappa: number | null; n: number };
}

export function toCalibrationJson(report: CalibrationReport): CalibrationJson {
  return {
    ratings: report.totals.ratings,
    candidates: report.totals.candidates,
    interviewer_count: report.totals.interviewers,
    dimensions: Object.fromEntries(
      report.dimensions.map((dimension) => [
        dimension.dimension,
        {
          alpha: dimension.alpha,
          icc: dimension.icc,
          fleiss_kappa: dimension.fleissKappa,
          pairs: dimension.pairs.map(({ a, b, n, kappa }) => ({
            a,
            b,
            n,
            kappa: kappa.unweighted,
            kappa_linear: kappa.linear,
            kappa_quadratic: kappa.quadratic,
          })),
        },
      ]),
    ),
    interviewers: report.interviewers.map(({ interviewer, ratings, leniency, halo, rater }) => ({
      interviewer,
      ratings,
      leniency: leniency.leniency,
      ci_low: leniency.ciLow,
      ci_high: leniency.ciHigh,
      flag: leniency.flag,
      halo: halo.share,
      rater_effect: rater.effect,
      rater_effect_se: rater.se,
      shared_candidates: rater.sharedCandidates,
      flags: rater.flags,
    })),
    adjusted: report.adjusted.candidates.map(({ candidate, rawMean, adjustedMean, adjustedSe }) => ({
      candidate,
      raw_mean: rawMean,
      adjusted_mean: adjustedMean,
      adjusted_se: adjustedSe ?? null,
    })),
    model:
      report.model === null
        ? null
        : { method: "REML", converged: report.model.converged, variance: report.model.variance },
    reliability: report.model?.reliability ?? null,
    reliability_by_variant: report.variantReliability.map((v) => ({
      variant: v.variant,
      shared_candidates: v.sharedCandidates,
      interviewers: v.interviewers,
      reliability: v.reliability,
      withheld: v.withheld,
    })),
    recommendations: { fleiss_kappa: report.disagreements.recommendationKappa, n: report.recommendationCandidates },
  };
}
