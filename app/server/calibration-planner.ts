// The calibration worker's helper thread: the report's rater model and the per-variant panel-size
// planner (one REML fit per company variant, independent of the rest of the report) computed from
// plain columns while the worker computes the rest; and, before those, the lead's-loop records read on a connection of its
// own (in the snapshot the worker checks against its own: computeDashboardInParallel) and measured,
// while the worker reads the ratings.
import { parentPort } from "node:worker_threads";
import { ratingTableFromColumns } from "../domain/calibration/rating-table";
import { fitReportModel } from "../domain/calibration/report";
import { computeVariantReliabilityOfColumns, type PlannerColumns } from "../domain/calibration/variant-reliability";
import { measureRecordedLoopInSnapshot } from "../models/loop-evidence.server";
import type { RatingFilter } from "../models/rating-export.server";
import { runInBackground } from "./thread-priority";

// Autosaves are answered on the main thread: it wins the CPU whenever both want it.
runInBackground();

/**
 * A planner's columns, the report's rater model of those columns, or a loop read (answered first
 * with `snapshot`, then with the measures). Answered in the order they come.
 */
export type HelperRequest =
  | { id: number; columns: PlannerColumns }
  | { id: number; modelColumns: PlannerColumns }
  | { id: number; loopFilter: RatingFilter };

parentPort!.on("message", (request: HelperRequest) => {
  const { id } = request;
  try {
    if ("modelColumns" in request)
      parentPort!.postMessage({ id, fit: fitReportModel(ratingTableFromColumns(request.modelColumns.table)) });
    else if ("columns" in request)
      parentPort!.postMessage({ id, planned: computeVariantReliabilityOfColumns(request.columns) });
    else {
      const measures = measureRecordedLoopInSnapshot(request.loopFilter, () =>
        parentPort!.postMessage({ id, snapshot: true }),
      );
      parentPort!.postMessage({ id, measures });
    }
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
