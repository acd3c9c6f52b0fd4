// The calibration worker computes the report's rater model and the per-variant planner on a helper
// thread while it computes the rest of the report, and has the lead's-loop records read and measured there, on the helper's own
// connection, while it reads the ratings (issue #16: both cores). The views must be the ones
// computeDashboard gives on one thread, whether the helper's work runs in this thread or on the real
// helper thread (app/server/calibration-planner.ts); the two reads must see one state of the
// database (a commit between their snapshots makes the worker read the records itself); and a
// planner failure must not go unreported.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath, getDb, openDatabase, type Connection } from "~db/client";
import { seedDemo } from "~/seed/demo.server";
import {
  computeDashboard,
  computeDashboardInParallel,
  type FitModelElsewhere,
  type MeasureLoopElsewhere,
  type PlanVariants,
} from "~/models/calibration.server";
import { measureRecordedLoopInSnapshot } from "~/models/loop-evidence.server";
import { computeVariantReliabilityOfColumns, type VariantReliability } from "~/domain/calibration/variant-reliability";
import { ratingTableFromColumns } from "~/domain/calibration/rating-table";
import { fitReportModel } from "~/domain/calibration/report";
import { startCalibrationHelper, type CalibrationHelper } from "~/server/calibration-helper";

const inThisThread: PlanVariants = async (columns) => computeVariantReliabilityOfColumns(structuredClone(columns));
const modelInThisThread: FitModelElsewhere = async (columns) =>
  structuredClone(fitReportModel(ratingTableFromColumns(structuredClone(columns).table)));

let planner: Worker;
const onHelperThread: PlanVariants = (columns) =>
  new Promise((resolve, reject) => {
    planner.once("message", ({ planned, error }: { planned?: VariantReliability[]; error?: string }) =>
      error === undefined ? resolve(planned!) : reject(new Error(error)),
    );
    planner.postMessage({ id: 1, columns });
  });

let helper: CalibrationHelper;
let helperDied = false;
/** A second connection of this thread, standing in for the helper thread's. */
let other: Connection;

/**
 * The loop records read and measured on the other connection in this thread; `between` runs after
 * that read's snapshot and before the worker's own (where a commit from elsewhere may land).
 */
const onOtherConnection =
  (between: () => void = () => undefined): MeasureLoopElsewhere =>
  (filter) => {
    const measures = measureRecordedLoopInSnapshot(filter, () => undefined, new Date(), other.db);
    between();
    return { snapshot: Promise.resolve(), measures: Promise.resolve(structuredClone(measures)) };
  };

beforeAll(async () => {
  await seedDemo(getDb(), { now: new Date("2026-11-22T08:00:00Z") });
  planner = new Worker(new URL("../../app/server/calibration-planner-boot.mjs", import.meta.url));
  helper = startCalibrationHelper(() => (helperDied = true))!;
  other = openDatabase(databasePath());
});
afterAll(async () => {
  other.sqlite.close();
  await helper.stop();
  await planner.terminate();
});

describe("dashboard views with the planner on another thread", { timeout: 120_000 }, () => {
  it("equal the views computed on one thread, unfiltered and focused on interviewers", async () => {
    const someone = (
      getDb().$client.prepare("select id from users where email like 'interviewer%' limit 2").all() as {
        id: number;
      }[]
    ).map((r) => r.id);
    for (const filter of [{}, { interviewerIds: someone }]) {
      const alone = computeDashboard(filter);
      expect(alone.overview.variantReliability.length).toBeGreaterThan(1);
      expect(alone.loopEffects.length).toBeGreaterThan(0);
      expect(await computeDashboardInParallel(filter, { plan: inThisThread })).toEqual(alone);
      expect(await computeDashboardInParallel(filter, { plan: onHelperThread })).toEqual(alone);
      expect(
        await computeDashboardInParallel(filter, {
          plan: inThisThread,
          measureLoop: onOtherConnection(),
          fitModel: modelInThisThread,
        }),
      ).toEqual(alone);
      // The worker's own helper: the planner and the loop records on its thread and connection.
      expect(await computeDashboardInParallel(filter, helper)).toEqual(alone);
    }
    expect(helperDied).toBe(false);
  });

  it("fails with the planner's error instead of showing views without it", async () => {
    const brokenModel: FitModelElsewhere = () => Promise.reject(new Error("planner thread exit code 1"));
    await expect(computeDashboardInParallel({}, { plan: inThisThread, fitModel: brokenModel })).rejects.toThrow(
      "planner thread exit code 1",
    );
    const broken: PlanVariants = () => Promise.reject(new Error("planner thread exit code 1"));
    await expect(computeDashboardInParallel({}, { plan: broken })).rejects.toThrow("planner thread exit code 1");
    const brokenLoop: MeasureLoopElsewhere = () => {
      const failed = Promise.reject(new Error("planner thread exit code 1"));
      return { snapshot: failed, measures: failed };
    };
    await expect(computeDashboardInParallel({}, { plan: inThisThread, measureLoop: brokenLoop })).rejects.toThrow(
      "planner thread exit code 1",
    );
  });

  // Last: it changes the data.
  it("reads the loop records itself when a commit lands between the two reads' snapshots", async () => {
    const before = computeDashboard({});
    // Every submitted scorecard of one interviewer amended after seeing the panel, from a third
    // connection (a commit on the worker's own would not move its data version), once the other
    // connection has read.
    const amendAll = () => {
      const writer = openDatabase(databasePath());
      try {
        writer.sqlite
          .prepare(
            `insert into scorecard_revisions (scorecard_id, revision, snapshot, after_seeing_others, created_by)
             select s.id, 1000, '{}', 1, s.interviewer_id from scorecards s
             where s.status = 'submitted' and s.interviewer_id =
               (select interviewer_id from scorecards where status = 'submitted' group by interviewer_id order by count(*) desc limit 1)`,
          )
          .run();
      } finally {
        writer.sqlite.close();
      }
    };
    const views = await computeDashboardInParallel(
      {},
      { plan: inThisThread, measureLoop: onOtherConnection(amendAll) },
    );
    const after = computeDashboard({});
    // The commit moved the amendments' effects; the other connection had measured them before it.
    expect(after.loopEffects).not.toEqual(before.loopEffects);
    expect(views).toEqual(after);
  });
});
