// Loads that wait for a filter's first computation resume one per event-loop turn (#16): resumed
// together, their loaders ran back to back in one microtask checkpoint and stalled the event loop
// for all of them (3.0 s in the bench, 88 loads waiting), with no autosave answered in between.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeDashboard } from "~/models/calibration.server";
import { forgetDashboards, loadDashboard, setDashboardCompute } from "~/models/dashboard-snapshot.server";
import type { DashboardViews } from "~/domain/calibration/dashboard-views";
import { createInterview, createUser } from "../support/factories";

beforeAll(async () => {
  const panel = [await createUser({ name: "Ada" }), await createUser({ name: "Ben" })];
  createInterview({ panel, scheduledAt: new Date(Date.now() - 86_400_000) });
  forgetDashboards();
});

afterAll(() => setDashboardCompute(undefined));

describe("loads waiting for a first computation", () => {
  it("resume in turns of the event loop, not all in one", async () => {
    let release!: (views: DashboardViews) => void;
    let computations = 0;
    setDashboardCompute(() => {
      computations += 1;
      return new Promise((resolve) => (release = resolve));
    });
    // A counter the event loop advances once per turn, while the loads are under way.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    tick();
    const resumedAt: number[] = [];
    const loads = Array.from({ length: 5 }, () =>
      loadDashboard({}).then((snapshot) => {
        resumedAt.push(turn);
        return snapshot;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(computations).toBe(1); // one computation, every load waiting for it
    release(computeDashboard({}));
    const snapshots = await Promise.all(loads);
    ticking = false;
    expect(new Set(snapshots.map((s) => s.views)).size).toBe(1);
    expect(snapshots.every((s) => !s.freshness.refreshing)).toBe(true);
    // Five loads, five different turns of the event loop.
    expect(new Set(resumedAt).size).toBe(5);
  });
});
