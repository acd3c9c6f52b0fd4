// The report computes each table and fit once and hands it on (issue #16): these check that each
// shortcut gives what the long way gave — a selected table equals a table built from the selected
// ratings, a variance-only fit equals the full fit's variance, the cluster sums' interval equals
// the per-candidate formula, and a warm-started planner fit lands on the same optimum.
import { describe, expect, it } from "vitest";
import { addCluster, clusterSumsInterval, createClusterSums } from "~/domain/calibration/clustered-mean";
import {
  dimensionDesign,
  fitDimensionModel,
  fitRaterModel,
  fitVarianceComponents,
} from "~/domain/calibration/rater-model";
import { buildRatingTable, labelColumn, rowsByLabel, selectRows } from "~/domain/calibration/rating-table";
import { studentTQuantile } from "~/domain/calibration/student-t";
import type { Rating } from "~/domain/calibration/types";
import { computeVariantReliability } from "~/domain/calibration/variant-reliability";
import { simulatePanels } from "./simulate-panels";

const { ratings } = simulatePanels(16, { scorecards: 900, interviewers: 24, candidates: 320 });
// Some ratings without a variant, so a selection is not the whole table.
const mixed: Rating[] = ratings.map((r, i) => (i % 7 === 3 ? { ...r, variant: undefined } : r));

describe("the report's shortcuts", { timeout: 60_000 }, () => {
  it("selectRows equals buildRatingTable of the selected ratings, for each variant", () => {
    const table = buildRatingTable(mixed);
    const variants = labelColumn(mixed, (r) => r.variant);
    const rows = rowsByLabel(variants);
    expect(variants.names.length).toBeGreaterThan(1);
    variants.names.forEach((name, v) => {
      const selected = mixed.filter((r) => r.variant === name);
      expect(Array.from(rows[v], (i) => mixed[i])).toEqual(selected);
      expect(selectRows(table, rows[v])).toEqual(buildRatingTable(selected));
    });
  });

  it("labelColumn marks a missing label -1 and keeps first-seen order", () => {
    const column = labelColumn(mixed, (r) => r.variant);
    expect(column.names).toEqual([...new Set(mixed.flatMap((r) => (r.variant === undefined ? [] : [r.variant])))]);
    mixed.forEach((r, i) => expect(column.of[i]).toBe(r.variant === undefined ? -1 : column.names.indexOf(r.variant)));
  });

  it("fitVarianceComponents gives the full fit's variance components, from any start", () => {
    const table = buildRatingTable(ratings);
    const { fit } = fitDimensionModel(table);
    const alone = fitVarianceComponents(dimensionDesign(table));
    expect(alone.theta).toEqual(fit.theta);
    // The same θ; σ² from the grouped elimination instead of the per-candidate one (last digits).
    for (const key of ["candidate", "interviewer", "scorecard", "residual"] as const)
      expect(alone.variance[key]).toBeCloseTo(fit.variance[key], 12);
    const warm = fitVarianceComponents(dimensionDesign(table), { candidate: 2, interviewer: 0.1, scorecard: 0.5 });
    for (const key of ["candidate", "interviewer", "scorecard", "residual"] as const)
      expect(Math.abs(warm.variance[key] - fit.variance[key])).toBeLessThan(1e-4);
  });

  it("a planner fit started from the dimension model's θ reaches the optimum of a cold start", () => {
    const table = buildRatingTable(ratings);
    const variants = labelColumn(ratings, (r) => r.variant);
    const { fit } = fitDimensionModel(table);
    const warm = computeVariantReliability(ratings, { table, variants, startAt: fit.theta });
    const cold = computeVariantReliability(ratings);
    expect(warm.map((v) => v.variant)).toEqual(cold.map((v) => v.variant));
    // Both stop within the optimiser's tolerance of the one REML optimum: as close to each other as
    // the lme4 fixtures ask of either (variant-reliability.test.ts).
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(0.003, 0.02 * b));
    warm.forEach((v, k) => {
      expect(v.withheld).toBe(cold[k].withheld);
      const own = fitRaterModel(dimensionDesign(buildRatingTable(ratings.filter((r) => r.variant === v.variant))));
      for (const key of ["candidate", "interviewer", "scorecard", "residual"] as const) {
        close(v.variance![key], cold[k].variance![key]);
        // And the full model's fit of the variant's own ratings.
        close(v.variance![key], own.variance[key]);
      }
    });
  });

  it("the cluster sums' interval is the cluster-robust formula over the clusters themselves", () => {
    const clusters = [[4, 3, 3], [1, 2], [2, 2, 2, 1], [4], [3, 4]];
    const sums = createClusterSums();
    for (const c of clusters)
      addCluster(
        sums,
        c.reduce((a, b) => a + b, 0),
        c.length,
      );
    const all = clusters.flat();
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const g = clusters.length;
    const scores = clusters.reduce((acc, c) => acc + c.reduce((a, x) => a + (x - mean), 0) ** 2, 0);
    const half = studentTQuantile(0.975, g - 1) * Math.sqrt(((g / (g - 1)) * scores) / all.length ** 2);
    const interval = clusterSumsInterval(sums)!;
    expect(interval.low).toBeCloseTo(mean - half, 12);
    expect(interval.high).toBeCloseTo(mean + half, 12);
    const one = createClusterSums();
    addCluster(one, 7, 2);
    expect(clusterSumsInterval(one)).toBeNull();
  });
});
