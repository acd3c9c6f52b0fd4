// The calibration worker's client of its helper thread (calibration-planner.ts): requests by id,
// the fit tasks to share (whose first answer may be the report's model) and the lead's-loop reads,
// whose first answer says that the read's snapshot is taken (computeDashboardInParallel checks its
// own against it).
import { Worker } from "node:worker_threads";
import type { LoopEffectMeasure } from "../domain/calibration/loop-effects";
import type { DimensionAgreement } from "../domain/calibration/dimension-agreement";
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
    /** Shared fits' answers before the last, if the helper ran task 0 or the agreement's: the report's models, its agreement. */
    onModel?: (models: ReportModels) => void;
    onAgreement?: (agreement: DimensionAgreement[]) => void;
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
      agreement?: DimensionAgreement[];
    }) => {
      const request = pending.get(id);
      if (snapshot) return request?.onSnapshot?.();
      if ("model" in answer) return request?.onModel?.(answer.model!);
      if ("agreement" in answer) return request?.onAgreement?.(answer.agreement!);
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
  const ask = <T>(
    message: DistributiveOmit<HelperRequest, "id">,
    first: Pick<Pending, "onSnapshot" | "onModel" | "onAgreement">,
  ) =>
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
      const model = reportPart<ReportModels>();
      const agreement = reportPart<DimensionAgreement[]>();
      const planned = ask<[number, VariantReliability][]>(
        { columns, claims },
        { onModel: model.settle, onAgreement: agreement.settle },
      );
      planned.catch((error: Error) => (model.fail(error), agreement.fail(error)));
      return { model: model.promise, agreement: agreement.promise, planned };
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

/**
 * A part of the report the helper may compute: never settled when the worker ran its task itself
 * (it does not wait for it then); a failure of the shared fits fails it too.
 */
function reportPart<T>() {
  let settle!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => ((settle = resolve), (fail = reject)));
  promise.catch(() => undefined);
  return { promise, settle, fail };
}
