import { packCandidates } from "./candidate-table";
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

/**
 * Every candidate's raw against adjusted scores, as columns (candidate-table.ts), whose standing
 * changes most once interviewer severity is accounted for first; with the severities estimated.
 * Sorts positions by |change|, not one row object per candidate (40,000 of them on a large
 * database): the order is the one sorting candidateRow objects by |change| gave (a stable sort,
 * the same comparisons).
 */
export function buildCandidateView(ctx: DashboardContext) {
  const { adjusted, scale } = ctx.report;
  const { candidates } = adjusted;
  const change = Float64Array.from(candidates, (c) => Math.abs(c.adjustedMean - c.rawMean));
  const order = Array.from({ length: candidates.length }, (_, i) => i);
  order.sort((a, b) => change[b] - change[a]);
  return {
    total: candidates.length,
    severities: adjusted.severities
      .filter((s) => s.estimated)
      .map((s) => ({ ...s, name: ctx.interviewerNames[s.interviewer] ?? s.interviewer }))
      .sort((a, b) => b.severity - a.severity),
    converged: adjusted.converged,
    table: packCandidates(candidates, scale, order),
  };
}
