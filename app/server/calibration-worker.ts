// A worker thread that computes calibration dashboard views on its own read connection (WAL lets it
// read while the server writes), so the main event loop keeps answering autosaves meanwhile. The
// per-variant planner goes to a helper thread of its own (calibration-planner.ts), so the two
// halves of a report use both cores; should that thread fail, everything is computed here.
import { Worker, parentPort } from "node:worker_threads";
import type { VariantReliability } from "../domain/calibration/variant-reliability";
import type { DashboardViews } from "../domain/calibration/dashboard-views";
import { computeDashboard, computeDashboardInParallel, type PlanVariants } from "../models/calibration.server";
import type { CalibrationFilter } from "../schemas/calibration-filter-schema";
import { packViews } from "./views-transfer";
import { runInBackground } from "./thread-priority";

// Autosaves are answered on the main thread: it wins the CPU whenever both want it.
runInBackground();

function startPlanner(): PlanVariants | null {
  let planner: Worker;
  try {
    planner = new Worker(new URL("./calibration-planner-boot.mjs", import.meta.url));
  } catch {
    return null;
  }
  planner.unref();
  const pending = new Map<number, { resolve: (v: VariantReliability[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  planner.on("message", ({ id, planned, error }: { id: number; planned?: VariantReliability[]; error?: string }) => {
    const request = pending.get(id);
    pending.delete(id);
    if (error !== undefined) request?.reject(new Error(error));
    else request?.resolve(planned!);
  });
  const fail = (error: Error) => {
    plan = null;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  planner.on("error", fail);
  planner.on("exit", (code) => fail(new Error(`planner thread exit code ${code}`)));
  return (columns) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      planner.postMessage({ id, columns });
    });
}

let plan = startPlanner();

async function compute(filter: CalibrationFilter): Promise<DashboardViews> {
  if (plan === null) return computeDashboard(filter);
  try {
    return await computeDashboardInParallel(filter, plan);
  } catch (error) {
    // The planner thread died under this computation: compute it all here (slower, not wrong).
    if (plan === null) return computeDashboard(filter);
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
