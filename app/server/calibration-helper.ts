// The calibration worker's client of its helper thread (calibration-planner.ts): requests by id,
// the fit tasks to share (whose first answer may be the report's model) and the lead's-loop reads,
// whose first answer says that the read's snapshot is taken (computeDashboardInParallel checks its
// own against it).
import { Worker } from "node:worker_threads";
import type { LoopEffectMeasure } from "../domain/calibration/loop-effects";
import type { ReportModels } from "../domain/calibration/fit-tasks";
import type { VariantReliability } from "../domain/calibration/variant-reliability";
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
    /** Shared fits' first answer, if the helper ran task 0: the report's models. */
    onModel?: (models: ReportModels) => void;
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
      model?: ReportModels;
    }) => {
      const request = pending.get(id);
      if (snapshot) return request?.onSnapshot?.();
      if ("model" in answer) return request?.onModel?.(answer.model!);
      pending.delete(id);
      if (error !== undefined) request?.reject(new Error(error));
      else request?.resolve((answer.planned ?? answer.measures) as never);
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
  const ask = <T>(message: DistributiveOmit<HelperRequest, "id">, first: Pick<Pending, "onSnapshot" | "onModel">) =>
    new Promise<T>((resolve, reject) => {
      // A request to a thread already gone would never be answered.
      if (failed) return reject(new Error("the calibration helper thread is gone"));
      const id = next++;
      pending.set(id, { resolve: resolve as (value: never) => void, reject, ...first });
      thread.postMessage({ ...message, id });
    });
  return {
    stop: () => thread.terminate(),
    shareFits: (columns, claims) => {
      let modelFitted!: (models: ReportModels) => void;
      let modelFailed!: (error: Error) => void;
      const model = new Promise<ReportModels>((resolve, reject) => ((modelFitted = resolve), (modelFailed = reject)));
      // Never settled when the worker ran task 0 itself (it does not wait for it then); a failure fails it too.
      model.catch(() => undefined);
      const planned = ask<[number, VariantReliability][]>({ columns, claims }, { onModel: modelFitted });
      planned.catch((error: Error) => modelFailed(error));
      return { model, planned };
    },
    measureLoop: (loopFilter) => {
      let snapshotTaken!: () => void;
      let snapshotFailed!: (error: Error) => void;
      const snapshot = new Promise<void>((resolve, reject) => ((snapshotTaken = resolve), (snapshotFailed = reject)));
      const measures = ask<LoopEffectMeasure[]>({ loopFilter }, { onSnapshot: () => snapshotTaken() });
      // A read that fails before its snapshot fails the wait for it too.
      measures.catch((error: Error) => snapshotFailed(error));
      return { snapshot, measures };
    },
  };
}
