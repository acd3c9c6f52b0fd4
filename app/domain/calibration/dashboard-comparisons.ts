import { candidateRow } from "./candidate-table";
import type { DashboardContext } from "./dashboard";

// The variants side by side per dimension, and candidates' raw against rater-adjusted scores.

/**
 * Each variant's mean with its interval clustered by candidate, withheld (with what is missing) below
 * the one minimum of candidates; the difference from the rest is the rater model's (variant-comparison.ts).
 */
export function buildVariantView(ctx: DashboardContext) {
  const dimensions = [...new Set(ctx.report.variants.map((v) => v.dimension))];
  return dimensions.map((dimension) => ({
    dimension,
    name: ctx.dimensionNames[dimension] ?? dimension,
    variants: ctx.report.variants
      .filter((v) => v.dimension === dimension)
      .map((v) => ({
        variant: v.variant,
        name: ctx.variantNames[v.variant] ?? v.variant,
        n: v.n,
        candidates: v.candidates,
        mean: v.withheld === null ? v.mean : null,
        ciLow: v.ciLow,
        ciHigh: v.ciHigh,
        withheld: v.withheld,
        distribution: v.distribution,
        versusRest: v.versusRest,
        versusRestWithheld: v.versusRestWithheld,
      })),
  }));
}

export function buildCandidateView(ctx: DashboardContext, limit = 200) {
  const { adjusted } = ctx.report;
  const rows = adjusted.candidates.map((c) => candidateRow(c, ctx.report.scale));
  // Whose standing changes most once interviewer severity is accounted for comes first.
  rows.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  return {
    rows: rows.slice(0, limit),
    total: rows.length,
    severities: adjusted.severities
      .filter((s) => s.estimated)
      .map((s) => ({ ...s, name: ctx.interviewerNames[s.interviewer] ?? s.interviewer }))
      .sort((a, b) => b.severity - a.severity),
    converged: adjusted.converged,
  };
}
