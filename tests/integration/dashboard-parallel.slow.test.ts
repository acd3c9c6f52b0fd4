// The calibration worker computes the per-variant planner on a helper thread while it computes the
// rest of the report (issue #16: a report's REML fits on both cores). The views must be the ones
// computeDashboard gives on one thread, whether the planner runs in this thread or on the real
// helper thread (app/server/calibration-planner.ts), and a planner failure must not go unreported.
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { seedDemo } from "~/seed/demo.server";
import { computeDashboard, computeDashboardInParallel, type PlanVariants } from "~/models/calibration.server";
import { computeVariantReliabilityOfColumns, type VariantReliability } from "~/domain/calibration/variant-reliability";

const inThisThread: PlanVariants = async (columns) => computeVariantReliabilityOfColumns(structuredClone(columns));

let planner: Worker;
const onHelperThread: PlanVariants = (columns) =>
  new Promise((resolve, reject) => {
    planner.once("message", ({ planned, error }: { planned?: VariantReliability[]; error?: string }) =>
      error === undefined ? resolve(planned!) : reject(new Error(error)),
    );
    planner.postMessage({ id: 1, columns });
  });

beforeAll(async () => {
  await seedDemo(getDb(), { now: new Date("2026-11-22T08:00:00Z") });
  planner = new Worker(new URL("../../app/server/calibration-planner-boot.mjs", import.meta.url));
});
afterAll(() => planner.terminate());

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
      expect(await computeDashboardInParallel(filter, inThisThread)).toEqual(alone);
      expect(await computeDashboardInParallel(filter, onHelperThread)).toEqual(alone);
    }
  });

  it("fails with the planner's error instead of showing views without it", async () => {
    const broken: PlanVariants = () => Promise.reject(new Error("planner thread exit code 1"));
    await expect(computeDashboardInParallel({}, broken)).rejects.toThrow("planner thread exit code 1");
  });
});
