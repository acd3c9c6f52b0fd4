// The dashboard's worker thread hands back the same views the main thread would compute, in
// serialised parts the main thread reads one per event-loop turn (app/server/views-transfer.ts, #16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { computeDashboard } from "~/models/calibration.server";
import { seedDemo } from "~/seed/demo.server";
import { startCalibrationWorker } from "~/server/calibration-pool";
import { packViews, unpackViews } from "~/server/views-transfer";
import { BACKGROUND_NICE } from "~/server/thread-priority";
import { readdirSync, readFileSync } from "node:fs";

/** Each thread of this process with its nice value (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceOfThreads(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return nice;
}
const niceOfThisThread = () => {
  const stat = readFileSync("/proc/thread-self/stat", "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
};

let worker: ReturnType<typeof startCalibrationWorker>;

beforeAll(async () => {
  await seedDemo(getDb(), { now: new Date("2026-06-01T12:00:00Z") });
  worker = startCalibrationWorker();
}, 60_000); // the demo seed takes seconds on a loaded machine

afterAll(() => worker.stop());

describe("the dashboard's compute threads", () => {
  // The main thread answers autosaves: the worker and its planner thread yield the CPU to it.
  it.runIf(process.platform === "linux")(
    "run at a lower priority than the thread that started them",
    async () => {
      const before = niceOfThreads();
      await worker.compute({}); // the worker and its planner thread are up and have computed
      const lowered = [...niceOfThreads()].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE);
      expect(lowered.length).toBeGreaterThanOrEqual(2);
      expect(niceOfThisThread()).toBe(0);
      expect(niceOfThreads().get(process.pid)).toBe(0);
    },
    120_000,
  );
});

describe("the dashboard views crossing from the worker", () => {
  it("are the views the main thread computes", async () => {
    const views = await worker.compute({});
    expect(views.overview.totals.ratings).toBeGreaterThan(100);
    expect(views).toEqual(computeDashboard({}));
    expect(views.candidates.table.ratings).toBeInstanceOf(Float64Array);
  }, 120_000);

  it("are cut into runs of the big lists and read back one part per turn of the event loop", async () => {
    const views = computeDashboard({});
    const { parts, transfer } = packViews(views, 2_048);
    expect(parts.filter((p) => p.key === "interviewers" && p.list === "rows").length).toBeGreaterThan(1);
    expect(parts.filter((p) => p.key === "loopEffects").length).toBeGreaterThan(1);
    expect(transfer).toHaveLength(parts.length);
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    tick();
    const back = await unpackViews(parts);
    ticking = false;
    expect(back).toEqual(views);
    expect(turns).toBeGreaterThanOrEqual(parts.length);
  });
});
