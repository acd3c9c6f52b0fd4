import { describe, expect, it } from "vitest";
import { computeCalibrationReport } from "~/domain/calibration";
import { buildDimensionView, HEATMAP_LIMIT, type DashboardContext } from "~/domain/calibration/dashboard";
import { buildDashboardViews } from "~/domain/calibration/dashboard-views";
import { simulatePanels } from "./simulate-panels";

function context(interviewers: number): DashboardContext {
  const { ratings, scale } = simulatePanels(7, { scorecards: 6000, interviewers, candidates: 2000 });
  return {
    report: computeCalibrationReport(ratings, { scale }),
    ratings,
    interviewerNames: {},
    dimensionNames: {},
    variantNames: {},
  };
}

describe("the dimension view's pairwise heat map", { timeout: 60_000 }, () => {
  it("shows at most the best-paired interviewers, each cell the pair's quadratic kappa, symmetric", () => {
    const ctx = context(45);
    for (const view of buildDimensionView(ctx)) {
      const { interviewers, cells, pairedInterviewers } = view.heatmap;
      expect(pairedInterviewers).toBeGreaterThan(HEATMAP_LIMIT);
      expect(interviewers).toHaveLength(HEATMAP_LIMIT);
      const pairs = ctx.report.dimensions.find((d) => d.dimension === view.dimension)!.pairs;
      interviewers.forEach((a, i) =>
        interviewers.forEach((b, j) => {
          const pair = pairs.find((p) => (p.a === a.key && p.b === b.key) || (p.a === b.key && p.b === a.key));
          expect(cells[i][j]).toEqual(i === j || !pair ? null : { n: pair.n, kappa: pair.kappa.quadratic });
          expect(cells[i][j]).toEqual(cells[j][i]);
        }),
      );
    }
  });

  it("keeps every interviewer when there are few", () => {
    const view = buildDimensionView(context(8))[0];
    expect(view.heatmap.interviewers.length).toBe(view.heatmap.pairedInterviewers);
  });

  it("builds every view of a filter together, small enough to send", () => {
    const views = buildDashboardViews(context(45));
    expect(Object.keys(views).sort()).toEqual([
      "candidates",
      "dimensions",
      "interviewers",
      "loopEffects",
      "overview",
      "queue",
      "scale",
      "variants",
    ]);
    // Every candidate travels, so the candidates page can search and page through all of them.
    expect(views.candidates.table.labels.length).toBe(views.candidates.total);
    expect(views.candidates.table.rawMean).toBeInstanceOf(Float64Array); // columns: cheap to post between threads
    expect(JSON.stringify(views).length).toBeLessThan(1_000_000);
  });
});
