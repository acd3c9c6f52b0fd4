// A worker thread that computes calibration dashboard views on its own read connection (WAL lets it
// read while the server writes), so the main event loop keeps answering autosaves meanwhile.
import { parentPort } from "node:worker_threads";
import { computeDashboard } from "../models/calibration.server";
import type { CalibrationFilter } from "../schemas/calibration-filter-schema";

parentPort!.on("message", ({ id, filter }: { id: number; filter: CalibrationFilter }) => {
  try {
    const views = computeDashboard(filter);
    // The candidate columns' buffers move to the main thread instead of being copied.
    const { ratings, rawMean, adjustedMean } = views.candidates.table;
    parentPort!.postMessage({ id, views }, [ratings.buffer, rawMean.buffer, adjustedMean.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
