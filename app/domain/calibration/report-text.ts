import { missingEvidence } from "./evidence";
import { interviewerProfile } from "./interviewer-profile";
import type { CalibrationReport } from "./report";
import { formatNumber, formatTable } from "./text-table";
import { RECOMMENDATIONS } from "./types";

/** Long lists (disagreements, adjustments) show only their head in the text report. */
const LIST_LIMIT = 20;

function formatInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? "n/a" : `[${formatNumber(low)}, ${formatNumber(high)}]`;
}

function formatAgreement(report: CalibrationReport): string {
  return formatTable(
    ["Dimension", "Rated", "Alpha nom", "Alpha ord", "Alpha int", "Alpha ratio", "Fleiss k", "ICC(2,1)", "Pairs"],
    report.dimensions.map((d) => {
      // The dashboard's minimum: candidates rated by two or more interviewers, not ratings.
      const missing = missingEvidence(d.pairableCandidates, "candidates rated by two or more");
      const shown = (x: number | null) => (missing === null ? formatNumber(x, 3) : "n/a");
      return [
        d.dimension,
        String(d.candidates),
        missing ?? formatNumber(d.alpha.nominal, 3),
        shown(d.alpha.ordinal),
        shown(d.alpha.interval),
        shown(d.alpha.ratio),
        shown(d.fleissKappa),
        shown(d.icc?.["ICC(2,1)"] ?? null),
        String(d.pairs.length),
      ];
    }),
  );
}

function formatInterviewers(report: CalibrationReport): string {
  return formatTable(
    [
      "Interviewer",
      "Ratings",
      "Shared",
      "Model effect",
      "95% CI",
      "Flags",
      "Raw leniency",
      "SD",
      "At ends",
      "Halo",
      "Red flags vs peers",
    ],
    report.interviewers.map((i) => {
      // The dashboard's minimum: shared candidates, not ratings (the withheld reason is in "Model effect").
      const profile = interviewerProfile(i);
      return [
        i.interviewer,
        String(i.ratings),
        String(i.rater.sharedCandidates),
        i.rater.withheld ?? formatNumber(i.rater.effect),
        i.rater.withheld === null ? formatInterval(i.rater.ciLow, i.rater.ciHigh) : "n/a",
        i.rater.flags.join(" "),
        i.leniency.reason ?? formatNumber(i.leniency.leniency),
        formatNumber(profile.sd),
        formatNumber(profile.extremeShare),
        formatNumber(profile.haloShare),
        formatNumber(profile.redFlagMean === null ? null : i.redFlags.difference),
      ];
    }),
  );
}

function formatVariants(report: CalibrationReport): string {
  if (report.variants.length === 0) return "No ratings carry a variant.";
  return formatTable(
    ["Variant", "Dimension", "n", "Candidates", "Mean", "95% CI", "SD", "Diff vs rest", "95% CI", "Beyond noise"],
    report.variants.map((v) => [
      v.variant,
      v.dimension,
      String(v.n),
      String(v.candidates),
      v.withheld ?? formatNumber(v.mean),
      formatInterval(v.ciLow, v.ciHigh),
      v.withheld === null ? formatNumber(v.sd) : "n/a",
      v.versusRestWithheld ?? formatNumber(v.versusRest?.difference ?? null),
      formatInterval(v.versusRest?.ciLow ?? null, v.versusRest?.ciHigh ?? null),
      v.versusRest?.differs ? "yes" : "",
    ]),
  );
}

function formatDisagreements(report: CalibrationReport): string {
  const { queue } = report.disagreements;
  if (queue.length === 0) return "No panel disagrees by 2+ points or splits yes/no.";
  const table = formatTable(
    ["Candidate", "Panel", "Spread", "On", "Split", "strong_no/no/yes/strong_yes"],
    queue
      .slice(0, LIST_LIMIT)
      .map((d) => [
        d.candidate,
        String(d.panel),
        d.maxSpread === null ? "n/a" : String(d.maxSpread),
        d.spreadDimension ?? "",
        d.split ? "split" : "",
        RECOMMENDATIONS.map((r) => d.recommendations[r]).join("/"),
      ]),
  );
  return `${queue.length} candidates to review${queue.length > LIST_LIMIT ? ` (first ${LIST_LIMIT})` : ""}:\n${table}`;
}

function formatAdjustments(report: CalibrationReport): string {
  const largest = [...report.adjusted.candidates]
    .sort((x, y) => Math.abs(y.adjustedMean - y.rawMean) - Math.abs(x.adjustedMean - x.rawMean))
    .slice(0, LIST_LIMIT);
  const table = formatTable(
    ["Candidate", "Ratings", "Raw mean", "Adjusted", "Change"],
    largest.map((c) => [
      c.candidate,
      String(c.ratings),
      formatNumber(c.rawMean),
      formatNumber(c.adjustedMean),
      formatNumber(c.adjustedMean - c.rawMean),
    ]),
  );
  const { iterations, converged, groups } = report.adjusted;
  return `Largest adjustments (${groups} connected group(s), ${iterations} iterations${converged ? "" : ", not converged"}):\n${table}`;
}

function formatModel(report: CalibrationReport): string {
  const { model } = report;
  if (model === null) return "Rater model: not enough ratings.";
  const v = model.variance;
  const planner =
    model.reliability === null
      ? "n/a"
      : Object.entries(model.reliability)
          .map(([k, phi]) => `${k}: ${formatNumber(phi)}`)
          .join(", ");
  return (
    `Rater model (REML${model.converged ? "" : ", NOT converged"}): variance candidate ${formatNumber(v.candidate, 3)}, interviewer ${formatNumber(v.interviewer, 3)}, ` +
    `scorecard ${formatNumber(v.scorecard, 3)}, residual ${formatNumber(v.residual, 3)}\nPanel reliability by interviewers on the panel: ${planner}` +
    formatVariantReliability(report)
  );
}

/** Φ(k) per company variant, or why it is withheld. */
function formatVariantReliability(report: CalibrationReport): string {
  if (report.variantReliability.length === 0) return "";
  const sizes = ["1", "2", "3", "4", "5", "6"];
  const table = formatTable(
    ["Variant", "Shared candidates", ...sizes.map((k) => `k=${k}`), "Not enough data"],
    report.variantReliability.map((v) => [
      v.variant,
      String(v.sharedCandidates),
      ...sizes.map((k) => formatNumber(v.reliability?.[k] ?? null)),
      v.withheld ?? "",
    ]),
  );
  return `\nPanel reliability per variant:\n${table}`;
}

/** The report as aligned text tables, for a terminal. */
export function formatCalibrationText(report: CalibrationReport): string {
  const { totals, scale } = report;
  return (
    [
      `Calibration report: ${totals.ratings} ratings, ${totals.candidates} candidates, ${totals.interviewers} interviewers, ` +
        `${totals.dimensions} dimensions, scale ${scale.min}-${scale.max}`,
      `\nAgreement per dimension\n${formatAgreement(report)}`,
      `Fleiss' kappa of recommendations: ${
        missingEvidence(report.recommendationCandidates, "candidates with two or more recommendations") ??
        formatNumber(report.disagreements.recommendationKappa, 3)
      }`,
      `\nInterviewers (model effect = points above the panel, REML rater model; flags after Benjamini–Hochberg at q = 0.05)\n${formatInterviewers(report)}`,
      formatModel(report),
      `\nVariants\n${formatVariants(report)}`,
      `\nDisagreements\n${formatDisagreements(report)}`,
      `\n${formatAdjustments(report)}`,
    ].join("\n") + "\n"
  );
}
