// The calibration worker shares the REML fits (the report's rater model, the per-variant planner's)
// with a helper thread, each claiming the next fit (fit-tasks.ts), while it computes the rest of the
// report, and has the lead's-loop records read and measured there, on the helper's own connection,
// while it reads the ratings (issue #16: both cores). The views must be the ones computeDashboard
// gives on one thread, whichever thread runs which fit (the other side claiming all of them at once,
// none of them, or as the real helper thread, app/server/calibration-planner.ts, does); the two reads
// must see one state of the database (a commit between their snapshots makes the worker read the
// records itself); and a helper's failure must not go unreported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePath, getDb, openDatabase, type Connection } from "~db/client";
import { seedDemo } from "~/seed/demo.server";
import {
  computeDashboard,
  computeDashboardInParallel,
  type MeasureLoopElsewhere,
  type ShareFits,
} from "~/models/calibration.server";
import { measureRecordedLoopInSnapshot } from "~/models/loop-evidence.server";
import type { DimensionAgreement } from "~/domain/calibration/dimension-agreement";
import {
  fitTasks,
  REPORT_TASKS,
  runClaimedTasks,
  type ReportModels,
  type ReportPart,
} from "~/domain/calibration/fit-tasks";
import type { PlannerColumns } from "~/domain/calibration/variant-reliability";
import { ratingTableFromColumns } from "~/domain/calibration/rating-table";
import { startCalibrationHelper, type CalibrationHelper } from "~/server/calibration-helper";

/**
 * The other side's share run in this thread, from cloned columns (as a message would carry them):
 * `at once` claims every task before the worker can (so it waits for the model and every planner
 * fit), `later` only after the worker has claimed them all (so it runs none).
 */
const sharedInThisThread =
  (when: "at once" | "later"): ShareFits =>
  (columns, claims) => {
    let fitted!: (models: ReportModels) => void;
    let agreed!: (agreement: DimensionAgreement[]) => void;
    const model = new Promise<ReportModels>((resolve) => (fitted = resolve));
    const agreement = new Promise<DimensionAgreement[]>((resolve) => (agreed = resolve));
    const run = () => {
      const { table, variantNames, variantOf, scale } = structuredClone(columns);
      const tasks = fitTasks(ratingTableFromColumns(table), { names: variantNames, of: variantOf }, scale);
      const part = (p: ReportPart) =>
        "model" in p ? fitted(structuredClone(p.model)) : agreed(structuredClone(p.agreement));
      return structuredClone(runClaimedTasks(tasks, claims, part));
    };
    if (when === "at once") return { model, agreement, planned: Promise.resolve(run()) };
    // Once every task is claimed (the model's, the agreement's and the planner's, one per variant): it claims none.
    const allClaimed = () => Atomics.load(claims, 0) >= taskCount(columns);
    const planned = new Promise<ReturnType<typeof run>>((resolve) => {
      const poll = () => (allClaimed() ? resolve(run()) : setImmediate(poll));
      poll();
    });
    return { model, agreement, planned };
  };

/** How many tasks the columns make: the report's, and one per variant. */
const taskCount = (columns: PlannerColumns) => REPORT_TASKS + columns.variantNames.length;

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
  helper = startCalibrationHelper(() => (helperDied = true))!;
  other = openDatabase(databasePath());
});
afterAll(async () => {
  other.sqlite.close();
  await helper.stop();
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
      expect(await computeDashboardInParallel(filter, { shareFits: sharedInThisThread("at once") })).toEqual(alone);
      expect(await computeDashboardInParallel(filter, { shareFits: sharedInThisThread("later") })).toEqual(alone);
      expect(
        await computeDashboardInParallel(filter, {
          shareFits: sharedInThisThread("at once"),
          measureLoop: onOtherConnection(),
        }),
      ).toEqual(alone);
      // The worker's own helper: the planner and the loop records on its thread and connection.
      expect(await computeDashboardInParallel(filter, helper)).toEqual(alone);
    }
    expect(helperDied).toBe(false);
  });

  it("fails with the helper's error instead of showing views without its fits", async () => {
    const died = () => Promise.reject(new Error("planner thread exit code 1"));
    // Died before claiming anything: the worker fits the model itself, then misses the planner's results.
    const beforeClaiming: ShareFits = () => ({ model: died(), agreement: died(), planned: died() });
    await expect(computeDashboardInParallel({}, { shareFits: beforeClaiming })).rejects.toThrow(
      "planner thread exit code 1",
    );
    // Died after claiming the model: the worker runs the planner's fits, then misses the model.
    const withTheModel: ShareFits = (_, claims) => {
      Atomics.add(claims, 0, 1);
      return { model: died(), agreement: died(), planned: died() };
    };
    await expect(computeDashboardInParallel({}, { shareFits: withTheModel })).rejects.toThrow(
      "planner thread exit code 1",
    );
    const brokenLoop: MeasureLoopElsewhere = () => {
      const failed = Promise.reject(new Error("planner thread exit code 1"));
      return { snapshot: failed, measures: failed };
    };
    await expect(
      computeDashboardInParallel({}, { shareFits: sharedInThisThread("at once"), measureLoop: brokenLoop }),
    ).rejects.toThrow("planner thread exit code 1");
  });

  it("hands the other thread no further fit once it has failed", async () => {
    // The other thread claims nothing here; this one fits the model, then its loop read fails.
    let claimed: Int32Array | null = null;
    let count = 0;
    const idle: ShareFits = (columns, claims) => {
      claimed = claims;
      count = taskCount(columns);
      return {
        model: new Promise(() => undefined),
        agreement: new Promise(() => undefined),
        planned: new Promise(() => undefined),
      };
    };
    const readFails: MeasureLoopElsewhere = () => {
      const failed = Promise.reject(new Error("loop read failed"));
      failed.catch(() => undefined);
      return { snapshot: Promise.resolve(), measures: failed };
    };
    await expect(computeDashboardInParallel({}, { shareFits: idle, measureLoop: readFails })).rejects.toThrow(
      "loop read failed",
    );
    expect(count).toBeGreaterThan(1);
    // The planner's fits were left unclaimed: the next claim, the other thread's, must get none of them.
    expect(Atomics.add(claimed!, 0, 1)).toBeGreaterThanOrEqual(count);
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
      { shareFits: sharedInThisThread("at once"), measureLoop: onOtherConnection(amendAll) },
    );
    const after = computeDashboard({});
    // The commit moved the amendments' effects; the other connection had measured them before it.
    expect(after.loopEffects).not.toEqual(before.loopEffects);
    expect(views).toEqual(after);
  });
});
