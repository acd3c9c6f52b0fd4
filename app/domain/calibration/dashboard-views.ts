import { buildDimensionView, buildInterviewerView, buildOverview, buildQueue, type DashboardContext } from "./dashboard";
import { buildCandidateView, buildVariantView } from "./dashboard-comparisons";

/** How many rows the candidate and queue views carry; the totals say how many there are. */
export const VIEW_LIMIT = 100;

/** Every dashboard view of one filter, computed together: small, serialisable, cacheable. */
export function buildDashboardViews(ctx: DashboardContext) {
  const queue = buildQueue(ctx);
  return {
    scale: ctx.report.scale,
    overview: buildOverview(ctx),
    interviewers: buildInterviewerView(ctx),
    dimensions: buildDimensionView(ctx),
    variants: buildVariantView(ctx),
    candidates: buildCandidateView(ctx, VIEW_LIMIT),
    queue: { rows: queue.slice(0, VIEW_LIMIT), total: queue.length },
  };
}

export type DashboardViews = ReturnType<typeof buildDashboardViews>;
