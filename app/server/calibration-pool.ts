import { Worker } from "node:worker_threads";
import type { DashboardViews } from "~/domain/calibration/dashboard-views";
import { computeDashboard } from "~/models/calibration.server";
import type { ComputeDashboard } from "~/models/dashboard-snapshot.server";
import type { CalibrationFilter } from "~/schemas/calibration-filter-schema";
import { COMPUTE_THREAD_LIMITS } from "./compute-thread-heap";
import { unpackViews, type ViewPart } from "./views-transfer";

/**
 * One worker thread for dashboard computations, started with the server. Should the worker die,
 * the dashboard still answers: it computes on the main thread again (slower under load, not wrong).
 */
export function startCalibrationWorker(): { compute: ComputeDashboard; stop: () => Promise<number> } {
  const worker = new Worker(new URL("./calibration-worker-boot.mjs", import.meta.url), {
    resourceLimits: COMPUTE_THREAD_LIMITS,
  });
  worker.unref();
  const pending = new Map<number, { resolve: (views: DashboardViews) => void; reject: (error: Error) => void }>();
  let alive = true;
  let next = 0;
  worker.on("message", ({ id, parts, error }: { id: number; parts?: ViewPart[]; error?: string }) => {
    const request = pending.get(id);
    pending.delete(id);
    if (!request) return;
    if (error !== undefined) request.reject(new Error(error));
    else unpackViews(parts!).then(request.resolve, request.reject);
  });
  let stopping = false;
  const fail = (error: Error) => {
    if (alive && !stopping)
      console.error(`Calibration worker stopped (${error.message}); computing on the main thread instead.`);
    alive = false;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
  return {
    compute: (filter: CalibrationFilter) => {
      if (!alive) return Promise.resolve().then(() => computeDashboard(filter));
      return new Promise<DashboardViews>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, filter });
      });
    },
    // A server stopping drops the refresh under way quietly: the snapshot ignores a "Forgotten" error.
    stop: () => {
      stopping = true;
      fail(Object.assign(new Error("the server is stopping"), { name: "Forgotten" }));
      return worker.terminate();
    },
  };
}
