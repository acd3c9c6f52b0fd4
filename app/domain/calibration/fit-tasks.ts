import type { RaterModelFit } from "./rater-model";
import { ratingTableFromColumns, type LabelColumn, type RatingTable } from "./rating-table";
import { fitReportModel } from "./report";
import { compareVariantsByModel, type ModelVariantDifference } from "./variant-model";
import { variantPlans, type PlannerColumns, type VariantReliability } from "./variant-reliability";

// The cold dashboard's REML fits as tasks two threads share (the calibration worker and its helper,
// app/models/calibration.server.ts): task 0 is the report's rater model and then the variant model
// (which starts from the rater model's θ), tasks 1… the per-variant planner's fits. Each thread claims the next task from one shared counter (Atomics.add), so neither
// waits while the other still has fits to do, whichever finished its own work first. A task's result
// depends on the table alone, never on which thread ran it or when: the figures are the same as one
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

export type TaskResult = { model: ReportModels } | { planned: [variant: number, VariantReliability] };

export interface FitTasks {
  count: number;
  /** Task 0: the report's models; task k ≥ 1: a variant's planner figures, tagged with its place by name. */
  run: (task: number) => TaskResult;
  /** The planner's figures in the variants' order (by name), from every variant task's result. */
  assemble: (planned: readonly [number, VariantReliability][]) => VariantReliability[];
}

export function fitTasks(table: RatingTable, variants: LabelColumn): FitTasks {
  const plans = variantPlans({ table, variants });
  // The largest variants first: the last fits claimed are the shortest, so the threads end close together.
  const order = plans.map((_, k) => k).sort((a, b) => plans[b].ratings - plans[a].ratings || a - b);
  return {
    count: 1 + plans.length,
    run: (task) => {
      if (task > 0) return { planned: [order[task - 1], plans[order[task - 1]].compute()] };
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
  return fitTasks(ratingTableFromColumns(columns.table), { names: columns.variantNames, of: columns.variantOf });
}

/**
 * One thread's share: claims and runs tasks until none is left, handing the report's models to
 * `onModel` at once (if this thread ran task 0); the planner results of the tasks it ran.
 */
export function runClaimedTasks(
  tasks: FitTasks,
  claims: Int32Array,
  onModel: (models: ReportModels) => void,
): [number, VariantReliability][] {
  const planned: [number, VariantReliability][] = [];
  for (let task = claimTask(claims); task < tasks.count; task = claimTask(claims)) {
    const result = tasks.run(task);
    if ("model" in result) onModel(result.model);
    else planned.push(result.planned);
  }
  return planned;
}
