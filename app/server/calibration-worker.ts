// A worker thread that computes calibration dashboard views on its own read connection (WAL lets it
// read while the server writes), so the main event loop keeps answering autosaves meanwhile.
import { parentPort } from "node:worker_threads";
import { computeDashboard } from "../models/calibration.server";
import type { CalibrationFilter } from "../schemas/calibration-filter-schema";

parentPort!.on("message", ({ id, filter }: { id: number; filter: CalibrationFilter }) => {
  try {
    parentPort!.postMessage({ id, views: computeDashboard(filter) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
