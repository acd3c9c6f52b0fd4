import {
  buildDimensionView,
  buildInterviewerView,
  buildOverview,
  buildQueue,
  type DashboardContext,
} from "./dashboard";
import { buildCandidateView, buildVariantView } from "./dashboard-comparisons";
import { measureLoopEffects } from "./loop-effects";

/** How many rows the queue view carries, and the candidate page shows at a time; the totals say how many there are. */
export const VIEW_LIMIT = 100;

/** Every dashboard view of one filter, computed together: small, serialisable, cacheable. */
export function buildDashboardViews(ctx: DashboardContext) {
  const queue = ctx.report.disagreements.queue;
  const loop = ctx.loopEffects ?? (ctx.loop ? measureLoopEffects(ctx.loop) : []);
  return {
    scale: ctx.report.scale,
    overview: buildOverview(ctx, loop),
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

export type DashboardViews = ReturnType<typeof buildDashboardViews>;
