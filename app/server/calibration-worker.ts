// A worker thread that computes calibration dashboard views on its own read connection (WAL lets it
// read while the server writes), so the main event loop keeps answering autosaves meanwhile. The
// lead's-loop records (read while this thread reads the ratings) go to a helper thread of its own
// (calibration-planner.ts), and the REML fits are shared with it (fit-tasks.ts), so a computation
// uses both cores; should that thread fail, everything is computed here.
import { parentPort } from "node:worker_threads";
import type { DashboardViews } from "../domain/calibration/dashboard-views";
import { computeDashboard, computeDashboardInParallel } from "../models/calibration.server";
import type { CalibrationFilter } from "../schemas/calibration-filter-schema";
import { startCalibrationHelper } from "./calibration-helper";
import { packViews } from "./views-transfer";
import { runInBackground } from "./thread-priority";

// Autosaves are answered on the main thread: it wins the CPU whenever both want it.
runInBackground();

let helper = startCalibrationHelper(() => (helper = null));

async function compute(filter: CalibrationFilter): Promise<DashboardViews> {
  if (helper === null) return computeDashboard(filter);
  try {
    return await computeDashboardInParallel(filter, helper);
  } catch (error) {
    // The helper thread died under this computation: compute it all here (slower, not wrong).
    if (helper === null) return computeDashboard(filter);
    throw error;
  }
}

parentPort!.on("message", ({ id, filter }: { id: number; filter: CalibrationFilter }) => {
  compute(filter).then(
    (views) => {
      // In serialised parts, moved rather than copied, which the main thread reads a part per turn (views-transfer.ts).
      const { parts, transfer } = packViews(views);
      parentPort!.postMessage({ id, parts }, transfer);
    },
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
