import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { computeDashboard } from "~/models/calibration.server";
import { forgetDashboards, setDashboardCompute } from "~/models/dashboard-snapshot.server";
import { ACTIONS_SHOWN } from "~/components/calibration/action-list";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as interviewersLoader } from "~/routes/calibration.interviewers";
import { loader as layoutLoader } from "~/routes/calibration";
import { request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

// The calibration loaders send the browser what their page draws and not the rest of the views
// they are cut from (at 100,000 scorecards the interviewers tab sent 2.9 MB of JSON, most of it
// per-scorecard flag lists and model internals no page shows). The figures shown stay the same.

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
let lead: string;

beforeAll(async () => {
  await useDemoDatabase();
  const id = (email: string) =>
    (getDb().$client.prepare("select id from users where email = ?").get(email) as { id: number }).id;
  lead = await sessionCookieFor(id("lead2@demo.test"));
});

async function json(loader: Loader, path: string) {
  const res = (await loader({ request: await request(path, { cookie: lead }), params: {}, context: {} })) as Response;
  expect(res.status).toBe(200);
  return res.json();
}

describe("/calibration/interviewers sends what the page draws", () => {
  it("leaves out the model's internals, the score distributions and the per-scorecard flag lists", async () => {
    const data = await json(interviewersLoader, "/calibration/interviewers");
    expect(data.rows.length).toBeGreaterThan(3);
    for (const row of data.rows) {
      expect(Object.keys(row.rater).sort()).toEqual(
        ["ciHigh", "ciLow", "effect", "flags", "misfitRatio", "sharedCandidates", "withheld"].sort(),
      );
      expect(row).not.toHaveProperty("distribution");
      expect(row.drift).toHaveLength(data.months.length);
    }
    expect(data.flagEvidence.length).toBeGreaterThan(0);
    for (const { evidence } of data.flagEvidence) {
      expect(evidence).not.toHaveProperty("flags");
      expect(evidence).toHaveProperty("scorecards");
    }
    const text = JSON.stringify(data);
    for (const key of ["spreadDifference", "misfitDifference", '"p":', '"se":', '"month":'])
      expect(text).not.toContain(key);
  });

  it("keeps every figure the page shows, equal to the computed view's", async () => {
    const data = await json(interviewersLoader, "/calibration/interviewers");
    const view = computeDashboard({}).interviewers;
    expect(data.months).toEqual(view.months);
    expect(data.rows.map((r: { interviewer: string }) => r.interviewer)).toEqual(view.rows.map((r) => r.interviewer));
    let drawnMonths = 0;
    view.rows.forEach((full, i) => {
      const sent = data.rows[i];
      for (const key of ["effect", "ciLow", "ciHigh", "sharedCandidates", "misfitRatio", "flags", "withheld"] as const)
        expect(sent.rater[key]).toEqual(full.rater[key]);
      expect(sent.leniency).toEqual(full.leniency);
      expect(sent.recommendations).toEqual(full.recommendations);
      for (const key of ["ratings", "sd", "extremeShare", "middleShare", "haloShare", "redFlagMean"] as const)
        expect(sent[key]).toEqual(full[key]);
      view.months.forEach((month, m) => {
        const d = full.drift.find((x) => x.month === month);
        expect(sent.drift[m]).toEqual(d ? [d.leniency, d.n] : null);
        if (d) drawnMonths += 1;
      });
    });
    expect(drawnMonths).toBeGreaterThan(0);
  });
});

describe("/calibration (overview) sends what the page draws", () => {
  it("leaves out the flagged interviewers' model summaries (the interviewers tab draws those)", async () => {
    const data = await json(overviewLoader, "/calibration");
    expect(data).not.toHaveProperty("flagged");
    expect(data.actions.length).toBeGreaterThan(0);
  });

  it("sends the action list without its ranking figures, and each split panel with its own link", async () => {
    const data = await json(overviewLoader, "/calibration");
    for (const action of data.actions) {
      expect(action).not.toHaveProperty("priority");
      expect(action).not.toHaveProperty("relativeSize");
    }
    // Each split panel carries its own link; no separate map of every candidate's interview.
    expect(data).not.toHaveProperty("interviews");
    for (const d of data.split) expect(d).toHaveProperty("interviewId");
  });
});

describe("/calibration's action list: the first entries, all on request", () => {
  // The demo lists fewer entries than the page draws at first, so the views are given a longer list:
  // the real entries repeated, ranked as computed.
  const LISTED = ACTIONS_SHOWN + 7;
  beforeAll(() => {
    forgetDashboards();
    setDashboardCompute(async (filter) => {
      const views = computeDashboard(filter);
      const real = views.overview.actions;
      const actions = Array.from({ length: LISTED }, (_, i) => ({ ...real[i % real.length], name: `entry ${i}` }));
      return { ...views, overview: { ...views.overview, actions } };
    });
  });
  afterAll(() => {
    setDashboardCompute(undefined);
    forgetDashboards();
  });

  it("sends the first ACTIONS_SHOWN with the count and a link to all", async () => {
    const data = await json(overviewLoader, "/calibration?variant=amazon");
    expect(data.actionCount).toBe(LISTED);
    expect(data.actions.map((a: { name: string }) => a.name)).toEqual(
      Array.from({ length: ACTIONS_SHOWN }, (_, i) => `entry ${i}`),
    );
    expect(data.actionsHref).toBe("/calibration?variant=amazon&actions=all#actions-title");
  });

  it("sends every entry when asked, with a link back to the first ones", async () => {
    const data = await json(overviewLoader, "/calibration?variant=amazon&actions=all");
    expect(data.actionCount).toBe(LISTED);
    expect(data.actions).toHaveLength(LISTED);
    expect(data.actionsHref).toBe("/calibration?variant=amazon#actions-title");
  });
});

describe("the calibration layout's filter bar", () => {
  it("sends each interviewer's id and name (what the bar draws), not their email", async () => {
    const data = await json(layoutLoader, "/calibration");
    expect(data.options.interviewers.length).toBeGreaterThan(3);
    for (const option of data.options.interviewers) expect(Object.keys(option).sort()).toEqual(["id", "name"]);
    expect(JSON.stringify(data.options)).not.toContain("@demo.test");
  });
});
