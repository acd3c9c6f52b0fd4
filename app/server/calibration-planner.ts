// The calibration worker's helper thread: the per-variant panel-size planner (one REML fit per
// company variant, independent of the rest of the report) computed from plain columns while the
// worker computes the rest. Pure computation: no database here.
import { parentPort } from "node:worker_threads";
import { computeVariantReliabilityOfColumns, type PlannerColumns } from "../domain/calibration/variant-reliability";
import { runInBackground } from "./thread-priority";

// Autosaves are answered on the main thread: it wins the CPU whenever both want it.
runInBackground();

parentPort!.on("message", ({ id, columns }: { id: number; columns: PlannerColumns }) => {
  try {
    parentPort!.postMessage({ id, planned: computeVariantReliabilityOfColumns(columns) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
