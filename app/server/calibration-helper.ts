// The calibration worker's client of its helper thread (calibration-planner.ts): requests by id,
// the per-variant planner's columns and the lead's-loop reads, whose first answer says that the
// read's snapshot is taken (computeDashboardInParallel checks its own against it).
import { Worker } from "node:worker_threads";
import type { LoopEffectMeasure } from "../domain/calibration/loop-effects";
import type { ComputeElsewhere } from "../models/calibration.server";
import type { HelperRequest } from "./calibration-planner";
import { COMPUTE_THREAD_LIMITS } from "./compute-thread-heap";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface CalibrationHelper extends Required<ComputeElsewhere> {
  stop: () => Promise<number>;
}

/**
 * Starts the helper thread; `onFail` is called once if it dies (its pending requests are rejected),
 * after which the caller computes everything itself. Null if no thread could be started.
 */
export function startCalibrationHelper(onFail: () => void): CalibrationHelper | null {
  let thread: Worker;
  try {
    thread = new Worker(new URL("./calibration-planner-boot.mjs", import.meta.url), {
      resourceLimits: COMPUTE_THREAD_LIMITS,
    });
  } catch {
    return null;
  }
  thread.unref();
  interface Pending {
    resolve: (value: never) => void;
    reject: (e: Error) => void;
    /** A loop read's first answer: its snapshot is taken. */
    onSnapshot?: () => void;
  }
  const pending = new Map<number, Pending>();
  let next = 0;
  let failed = false;
  thread.on(
    "message",
    ({
      id,
      snapshot,
      error,
      ...answer
    }: {
      id: number;
      snapshot?: true;
      error?: string;
      planned?: unknown;
      measures?: unknown;
      fit?: unknown;
    }) => {
      const request = pending.get(id);
      if (snapshot) return request?.onSnapshot?.();
      pending.delete(id);
      if (error !== undefined) request?.reject(new Error(error));
      else request?.resolve(("fit" in answer ? answer.fit : (answer.planned ?? answer.measures)) as never);
    },
  );
  // The caller hears first (so that a computation failing with these rejections sees the thread gone).
  const fail = (error: Error) => {
    if (!failed) {
      failed = true;
      onFail();
    }
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  thread.on("error", fail);
  thread.on("exit", (code) => fail(new Error(`planner thread exit code ${code}`)));
  const ask = <T>(message: DistributiveOmit<HelperRequest, "id">, onSnapshot?: () => void) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: never) => void, reject, onSnapshot });
      thread.postMessage({ ...message, id });
    });
  return {
    stop: () => thread.terminate(),
    plan: (columns) => ask({ columns }),
    fitModel: (modelColumns) => ask({ modelColumns }),
    measureLoop: (loopFilter) => {
      let snapshotTaken!: () => void;
      let snapshotFailed!: (error: Error) => void;
      const snapshot = new Promise<void>((resolve, reject) => ((snapshotTaken = resolve), (snapshotFailed = reject)));
      const measures = ask<LoopEffectMeasure[]>({ loopFilter }, () => snapshotTaken());
      // A read that fails before its snapshot fails the wait for it too.
      measures.catch((error: Error) => snapshotFailed(error));
      return { snapshot, measures };
    },
  };
}
