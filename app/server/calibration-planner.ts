// The calibration worker's helper thread: the lead's-loop records read on a connection of its own
// (in the snapshot the worker checks against its own: computeDashboardInParallel) and measured,
// while the worker reads the ratings; then the REML fits (the report's rater model, the per-variant
// panel-size planner's) shared with the worker, each thread claiming the next (fit-tasks.ts), while
// the worker computes the rest of the report and the views.
import { parentPort } from "node:worker_threads";
import { fitTasksOfColumns, runClaimedTasks } from "../domain/calibration/fit-tasks";
import type { PlannerColumns } from "../domain/calibration/variant-reliability";
import { measureRecordedLoopInSnapshot } from "../models/loop-evidence.server";
import type { RatingFilter } from "../models/rating-export.server";
import { runInBackground } from "./thread-priority";

// Autosaves are answered on the main thread: it wins the CPU whenever both want it.
runInBackground();

/**
 * Fit tasks to share (answered with `model` if this thread ran task 0, with `agreement` if it ran
 * the agreement's task, then with `planned`, its
 * planner results), or a loop read (answered first with `snapshot`, then with the measures).
 * Answered in the order they come.
 */
export type HelperRequest =
  { id: number; columns: PlannerColumns; claims: Int32Array } | { id: number; loopFilter: RatingFilter };

parentPort!.on("message", (request: HelperRequest) => {
  const { id } = request;
  try {
    if ("columns" in request) {
      const { columns, claims } = request;
      const tasks = fitTasksOfColumns(columns);
      // The model and the agreement at once: the worker finishes the report with them while this thread fits on.
      const planned = runClaimedTasks(tasks, claims, (part) => parentPort!.postMessage({ id, ...part }));
      parentPort!.postMessage({ id, planned });
    } else {
      const measures = measureRecordedLoopInSnapshot(request.loopFilter, () =>
        parentPort!.postMessage({ id, snapshot: true }),
      );
      parentPort!.postMessage({ id, measures });
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
