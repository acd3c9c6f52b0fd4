import type { DimensionAgreement } from "./dimension-agreement";
import type { RaterModelFit } from "./rater-model";
import { ratingTableFromColumns, type LabelColumn, type RatingTable } from "./rating-table";
import { dimensionAgreements, fitReportModel } from "./report";
import type { Scale } from "./types";
import { compareVariantsByModel, type ModelVariantDifference } from "./variant-model";
import { variantPlans, type PlannerColumns, type VariantReliability } from "./variant-reliability";

// The cold dashboard's REML fits as tasks two threads share (the calibration worker and its helper,
// app/models/calibration.server.ts): task 0 is the report's rater model and then the variant model
// (which starts from the rater model's θ); task 1 is the dimensions' agreement (the report's other
// large part that rests on the table and the scale alone, so either thread can take it: the worker
// reads the ratings and builds the views, and is the busier one); the rest, the per-variant
// planner's fits. Each thread claims the next task from one shared counter (Atomics.add), so neither
// waits while the other still has fits to do, whichever finished its own work first. A task's result
// depends on the table (and the scale) alone, never on which thread ran it or when: the figures are the same as one
// thread's (computeCalibrationReport).

/** The next unclaimed task of the counter `claims` (an Int32Array over a SharedArrayBuffer, from 0). */
export function claimTask(claims: Int32Array): number {
  return Atomics.add(claims, 0, 1);
}

/** Past any task count: a counter closed with it hands out no further task. */
const CLOSED = 2 ** 30;

/** Closes the counter: every later claim, on either thread, gets no task. */
export function closeTasks(claims: Int32Array): void {
  Atomics.store(claims, 0, CLOSED);
}

/** Task 0's result: what finishCalibrationReport takes beside the report's started parts. */
export interface ReportModels {
  fit: RaterModelFit | null;
  variantModel: Map<string, ModelVariantDifference>;
}

/** What a task gives the report itself: its models (task 0) or the dimensions' agreement (task 1). */
export type ReportPart = { model: ReportModels } | { agreement: DimensionAgreement[] };

export type TaskResult = ReportPart | { planned: [variant: number, VariantReliability] };

export interface FitTasks {
  count: number;
  /** Task 0: the report's models; task 1: the agreement; then each variant's planner figures, tagged with its place by name. */
  run: (task: number) => TaskResult;
  /** The planner's figures in the variants' order (by name), from every variant task's result. */
  assemble: (planned: readonly [number, VariantReliability][]) => VariantReliability[];
}

/** The tasks before the planner's: the report's models and its agreement. */
export const REPORT_TASKS = 2;

export function fitTasks(table: RatingTable, variants: LabelColumn, scale: Scale): FitTasks {
  const plans = variantPlans({ table, variants });
  // The largest variants first: the last fits claimed are the shortest, so the threads end close together.
  const order = plans.map((_, k) => k).sort((a, b) => plans[b].ratings - plans[a].ratings || a - b);
  return {
    count: REPORT_TASKS + plans.length,
    run: (task) => {
      if (task >= REPORT_TASKS) {
        const place = order[task - REPORT_TASKS];
        return { planned: [place, plans[place].compute()] };
      }
      if (task === 1) return { agreement: dimensionAgreements(table, scale) };
      const fit = fitReportModel(table);
      return { model: { fit, variantModel: compareVariantsByModel(table, variants, fit?.theta) } };
    },
    assemble: (planned) => {
      const byPlace = new Map(planned);
      return plans.map((plan, k) => {
        const result = byPlace.get(k);
        if (result === undefined) throw new Error(`the planner's fit for ${plan.variant} is missing`);
        return result;
      });
    },
  };
}

/** The fit tasks of the table these columns hold, as the other thread receives them (postMessage). */
export function fitTasksOfColumns(columns: PlannerColumns): FitTasks {
  return fitTasks(
    ratingTableFromColumns(columns.table),
    { names: columns.variantNames, of: columns.variantOf },
    columns.scale,
  );
}

/**
 * One thread's share: claims and runs tasks until none is left, handing each part of the report it
 * computes (the models, the agreement) to `onReportPart` at once; the planner results of the tasks it ran.
 */
export function runClaimedTasks(
  tasks: FitTasks,
  claims: Int32Array,
  onReportPart: (part: ReportPart) => void,
): [number, VariantReliability][] {
  const planned: [number, VariantReliability][] = [];
  for (let task = claimTask(claims); task < tasks.count; task = claimTask(claims)) {
    const result = tasks.run(task);
    if ("planned" in result) planned.push(result.planned);
    else onReportPart(result);
  }
  return planned;
}
