// The report computes each table and fit once and hands it on (issue #16): these check that each
// shortcut gives what the long way gave — a selected table equals a table built from the selected
// ratings, a variance-only fit equals the full fit's variance, the planner gives the same figures
// from the report's table or from columns sent to another thread, and the cluster sums' interval
// equals the per-candidate formula.
import { describe, expect, it } from "vitest";
import { addCluster, clusterSumsInterval, createClusterSums } from "~/domain/calibration/clustered-mean";
import {
  dimensionDesign,
  fitDimensionModel,
  fitFixedEffects,
  fitRaterModel,
  fitVarianceComponents,
} from "~/domain/calibration/rater-model";
import { buildRatingTable, labelColumn, rowsByLabel, selectRows } from "~/domain/calibration/rating-table";
import { studentTQuantile } from "~/domain/calibration/student-t";
import type { Rating } from "~/domain/calibration/types";
import { computeVariantReliability, plannerColumns } from "~/domain/calibration/variant-reliability";
import { computeCalibrationReport } from "~/domain/calibration/report";
import { fitTasksOfColumns, runClaimedTasks, type ReportPart } from "~/domain/calibration/fit-tasks";
import { variantCellDesign } from "~/domain/calibration/variant-model";
import { simulatePanels } from "./simulate-panels";

const { ratings, scale: SCALE } = simulatePanels(16, { scorecards: 900, interviewers: 24, candidates: 320 });
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

  it("fitFixedEffects gives the full fit's cell means and their covariance (the variant model's cells)", () => {
    const table = buildRatingTable(ratings);
    const variants = labelColumn(ratings, (r) => r.variant);
    // One cell per variant x dimension, as the variant comparison has them.
    const variantDesign = variantCellDesign(table, variants).design;
    expect(variantDesign.cells).toBe(variants.names.length * table.dimensions.length);
    for (const design of [dimensionDesign(table), variantDesign]) {
      const full = fitRaterModel(design);
      const fixed = fitFixedEffects(design);
      expect(fixed.theta).toEqual(full.theta);
      expect(fixed.cellMeans.length).toBe(design.cells);
      fixed.cellMeans.forEach((mean, f) => expect(mean).toBeCloseTo(full.cellMeans[f], 10));
      expect(fixed.cellCovariance.length).toBe(design.cells ** 2);
      fixed.cellCovariance.forEach((value, k) => expect(value).toBeCloseTo(full.cellCovariance[k], 12));
      // From the dimension model's θ (as the report starts it), the same optimum.
      const warm = fitFixedEffects(design, fitDimensionModel(table).fit.theta);
      warm.cellMeans.forEach((mean, f) => expect(Math.abs(mean - full.cellMeans[f])).toBeLessThan(1e-4));
    }
  });

  it("the planner and the agreement from columns on another thread equal the report's alone", () => {
    const table = buildRatingTable(mixed);
    const variants = labelColumn(mixed, (r) => r.variant);
    const alone = computeVariantReliability(mixed);
    expect(computeVariantReliability(mixed, { table, variants })).toEqual(alone);
    // Through structuredClone, as postMessage sends it.
    const tasks = fitTasksOfColumns(structuredClone(plannerColumns(table, variants, SCALE)));
    const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const parts: ReportPart[] = [];
    expect(tasks.assemble(runClaimedTasks(tasks, claims, (part) => parts.push(structuredClone(part))))).toEqual(alone);
    const agreement = parts.flatMap((part) => ("agreement" in part ? [part.agreement] : []));
    expect(agreement).toEqual([computeCalibrationReport(mixed, { scale: SCALE }).dimensions]);
    expect(alone.filter((v) => v.reliability !== null).length).toBeGreaterThan(1);
    // Each variant's figures are the full model's on the variant's own ratings.
    for (const v of alone.filter((x) => x.variance !== null)) {
      const own = fitRaterModel(dimensionDesign(buildRatingTable(mixed.filter((r) => r.variant === v.variant))));
      for (const key of ["candidate", "interviewer", "scorecard", "residual"] as const)
        expect(v.variance![key]).toBeCloseTo(own.variance[key], 12);
    }
  });

  it("the report takes a planner computed elsewhere as it is", () => {
    const elsewhere = computeVariantReliability(mixed);
    const report = computeCalibrationReport(mixed, { scale: SCALE, variantReliability: elsewhere });
    expect(report.variantReliability).toBe(elsewhere);
    expect(computeCalibrationReport(mixed, { scale: SCALE }).variantReliability).toEqual(elsewhere);
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
