// A worker thread that computes calibration dashboard views on its own read connection (WAL lets it
// read while the server writes), so the main event loop keeps answering autosaves meanwhile.
import { parentPort } from "node:worker_threads";
import { computeDashboard } from "../models/calibration.server";
import type { CalibrationFilter } from "../schemas/calibration-filter-schema";
import { packViews } from "./views-transfer";

parentPort!.on("message", ({ id, filter }: { id: number; filter: CalibrationFilter }) => {
  try {
    // In serialised parts, moved rather than copied, which the main thread reads a part per turn (views-transfer.ts).
    const { parts, transfer } = packViews(computeDashboard(filter));
    parentPort!.postMessage({ id, parts }, transfer);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
