import type { VariantReliability } from "./variant-reliability";
import {
  buildDimensionView,
  buildInterviewerView,
  buildOverviewBeforePlanner,
  buildQueue,
  plannerChart,
  withPlannerChart,
  type DashboardContext,
  type ViewContext,
} from "./dashboard";
import { buildCandidateView, buildVariantView } from "./dashboard-comparisons";
import { measureLoopEffects } from "./loop-effects";

/** How many rows the queue view carries, and the candidate page shows at a time; the totals say how many there are. */
export const VIEW_LIMIT = 100;

/** Every dashboard view of one filter, computed together: small, serialisable, cacheable. */
export function buildDashboardViews(ctx: DashboardContext) {
  return completeViews(buildViewsBeforePlanner(ctx), ctx.report.variantReliability, ctx.variantNames);
}

/**
 * Every view but the overview's per-variant planner chart: all that needs only the report's other
 * parts, so the worker builds it while another thread still fits the planner (computeDashboardInParallel).
 */
export function buildViewsBeforePlanner(ctx: ViewContext) {
  const queue = ctx.report.disagreements.queue;
  const loop = ctx.loopEffects ?? (ctx.loop ? measureLoopEffects(ctx.loop) : []);
  return {
    scale: ctx.report.scale,
    overview: buildOverviewBeforePlanner(ctx, loop),
    /** The lead's-loop effects of every interviewer in view, for the interviewer page. */
    loopEffects: loop,
    interviewers: buildInterviewerView(ctx),
    dimensions: buildDimensionView(ctx),
    variants: buildVariantView(ctx),
    // Every candidate, so a lead can search and page to any of them (the page shows VIEW_LIMIT at a time),
    // as columns (candidate-table.ts): they cross from the worker thread on every refresh.
    candidates: buildCandidateView(ctx),
    queue: { rows: buildQueue(ctx, VIEW_LIMIT), total: queue.length },
  };
}

/** Those views completed with the planner's figures: the overview's planner chart. */
export function completeViews(
  views: ReturnType<typeof buildViewsBeforePlanner>,
  variantReliability: readonly VariantReliability[],
  variantNames: Record<string, string>,
) {
  return { ...views, overview: withPlannerChart(views.overview, plannerChart(variantReliability, variantNames)) };
}

export type DashboardViews = ReturnType<typeof buildDashboardViews>;
