// The dashboard answers from its last computed views while newer scorecards arrive, says so, and
// then shows the refreshed figures (#16). No timing is asserted: the refresh is polled for.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, renameSync } from "node:fs";
import { closeConnection } from "~db/client";
import { openDebrief } from "~/models/debrief.server";
import { recordDebriefView } from "~/models/scorecard.server";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as variantsLoader } from "~/routes/calibration.variants";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
type Freshness = { asOf: string; newerScorecards: number; refreshing: boolean };
type Overview = { totals: { scorecards: number }; freshness: Freshness };

let panel: User[];
let leadCookie: string;
let lead: User;

async function submit(user: User, interviewId: number, score: number) {
  const body = {
    intent: "submit",
    baseRevision: 0,
    rubricVersionId: 1,
    ratings: { ownership: score, accountability: score, repair: score, behavioural_change: score },
    capJustifications: {},
    redFlags: [],
    star: [],
    recommendation: "yes",
    recommendationJustification: "Read with the follow-ups.",
    notes: [],
  };
  const res = (await scorecardAction({
    request: new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
      method: "POST",
      headers: { Cookie: await sessionCookieFor(user.id), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
    params: { interviewId: String(interviewId) },
    context: {},
  })) as Response;
  expect(res.status, await res.clone().text()).toBe(200);
}

async function interviewSubmittedBy(users: User[], score: number) {
  const { id } = createInterview({ panel: users, scheduledAt: new Date(Date.now() - 2 * 86_400_000) });
  for (const user of users) await submit(user, id, score);
  return id;
}

async function overview(path = "/calibration"): Promise<Overview> {
  const res = (await overviewLoader({
    request: await request(path, { cookie: leadCookie }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
  return (await res.json()) as Overview;
}

/** Loads until the server's background refresh has landed (a refresh is never awaited by a load). */
async function refreshed(path?: string): Promise<Overview> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const view = await overview(path);
    if (!view.freshness.refreshing) return view;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the dashboard never refreshed");
}

beforeAll(async () => {
  panel = [await createUser({ name: "Ada" }), await createUser({ name: "Ben" }), await createUser({ name: "Cy" })];
  lead = await createUser({ name: "Lee Lead", roles: ["lead"] });
  leadCookie = await sessionCookieFor(lead.id);
  await interviewSubmittedBy(panel, 3);
  await interviewSubmittedBy(panel, 2);
});

describe("the dashboard during a working day", () => {
  it("answers from its snapshot with the count of newer scorecards, then shows the refreshed figures", async () => {
    const first = await overview();
    expect(first.totals.scorecards).toBe(6);
    expect(first.freshness).toMatchObject({ newerScorecards: 0, refreshing: false });
    expect(Number.isNaN(Date.parse(first.freshness.asOf))).toBe(false);

    await interviewSubmittedBy(panel.slice(0, 2), 4);
    const stale = await overview();
    // The figures the lead already had, at once, and what they do not include yet.
    expect(stale.totals.scorecards).toBe(6);
    expect(stale.freshness).toMatchObject({ asOf: first.freshness.asOf, newerScorecards: 2, refreshing: true });

    const fresh = await refreshed();
    expect(fresh.totals.scorecards).toBe(8);
    expect(fresh.freshness.newerScorecards).toBe(0);
    expect(fresh.freshness.asOf >= first.freshness.asOf).toBe(true);
  });

  it("keeps a snapshot per filter, and a filter's first load waits for its own figures", async () => {
    const filtered = "/calibration?to=2099-12-31";
    const first = await overview(filtered);
    expect(first.totals.scorecards).toBe(8);
    expect(first.freshness.refreshing).toBe(false);
    await interviewSubmittedBy(panel.slice(1), 1);
    expect((await overview(filtered)).freshness).toMatchObject({ newerScorecards: 2, refreshing: true });
    expect((await refreshed(filtered)).totals.scorecards).toBe(10);
    expect((await refreshed()).totals.scorecards).toBe(10);
  });

  it("tells every view's loader how fresh its figures are", async () => {
    const res = (await variantsLoader({
      request: await request("/calibration/variants", { cookie: leadCookie }),
      params: {},
      context: {},
    })) as Response;
    expect(((await res.json()) as { freshness: Freshness }).freshness).toMatchObject({ refreshing: false });
  });

  it("does not call itself stale when the audit log records something no figure reads", async () => {
    const id = await interviewSubmittedBy(panel, 3);
    const before = await refreshed();
    recordDebriefView(id, panel[0].id);
    expect(openDebrief(id, lead.id)).toEqual({ kind: "ok" });
    const after = await overview();
    expect(after.freshness).toMatchObject({ asOf: before.freshness.asOf, refreshing: false, newerScorecards: 0 });
  });
});

describe("a database closed while a refresh waits", () => {
  // As at the end of a test file: the connection closed and the file removed while a refresh is queued.
  it("drops the refresh quietly: no error, and the database is not opened again by it", async () => {
    const path = process.env.DATABASE_PATH!;
    const before = (await refreshed()).totals.scorecards;
    const errors = vi.spyOn(console, "error");
    try {
      await interviewSubmittedBy(panel.slice(0, 2), 2);
      expect((await overview()).freshness.refreshing).toBe(true); // a refresh is queued on the main thread
      closeConnection();
      renameSync(path, `${path}.away`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(errors).not.toHaveBeenCalled();
      expect(existsSync(path)).toBe(false);
      renameSync(`${path}.away`, path);
      // Opened again by this load: the figures are computed afresh and include the new scorecards.
      expect((await refreshed()).totals.scorecards).toBe(before + 2);
    } finally {
      errors.mockRestore();
    }
  });
});
