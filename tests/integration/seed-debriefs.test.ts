import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~db/client";
import { DEMO_DEBRIEFS } from "~/seed/debriefs.server";
import { loader as decisionsLoader } from "~/routes/calibration.decisions";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as conversationsLoader } from "~/routes/calibration.conversations";
import { useDemoDatabase } from "../support/database-templates";
import { request, sessionCookieFor } from "../support/factories";

// A fresh demo has decided debriefs (some re-votes, both directions), calibration conversations
// (one follow-up due), so decision agreement, Fleiss' kappa on votes and the history are not empty.
// The demo is this run's seeded template; that a second seed gives the same debriefs is in seed.test.ts.

const NOW = new Date("2026-11-22T08:00:00Z");
let lead: string;
const q = <T>(text: string) => getDb().$client.prepare(text).all() as T[];

beforeAll(async () => {
  await useDemoDatabase(NOW);
  const id = (getDb().$client.prepare("select id from users where email = ?").get("lead2@demo.test") as { id: number })
    .id;
  lead = await sessionCookieFor(id);
}, 120_000);

const load = async (loader: (a: LoaderFunctionArgs) => unknown, path: string) =>
  (await (
    (await loader({
      request: await request(path, { cookie: lead }),
      params: {},
      context: {},
    } as LoaderFunctionArgs)) as Response
  ).json()) as Record<string, unknown>;

it("seeds decided debriefs with re-votes that carry reasons, and audits them as a lead's would be", () => {
  const [{ n }] = q<{ n: number }>("select count(*) as n from debriefs where decision is not null");
  expect(n).toBe(DEMO_DEBRIEFS);
  const revotes = q<{ reason: string }>("select reason from debrief_votes where round = 'revote'");
  expect(revotes.length).toBeGreaterThanOrEqual(3);
  expect(revotes.every((r) => r.reason.trim().length > 0)).toBe(true);
  const decisions = q<{ decision: string }>("select distinct decision from debriefs order by decision");
  expect(decisions.map((d) => d.decision)).toEqual(["hire", "no_hire"]);
  const audited = q<{ action: string }>(
    "select distinct action from audit_log where entity = 'debrief' order by action",
  );
  expect(audited.map((a) => a.action)).toEqual(["debrief.decided", "debrief.opened", "debrief.revote"]);
});

it("the decisions page has agreement figures, vote changes in both directions and Fleiss' kappa", async () => {
  const data = (await load(decisionsLoader as never, "/calibration/decisions")) as {
    decided?: number;
    kappaIndependent?: number | null;
    kappaFinal?: number | null;
  } & Record<string, unknown>;
  const text = JSON.stringify(data);
  expect(text).toMatch(/"toward":[1-9]/);
  expect(text).toMatch(/"away":[1-9]/);
  expect(text).toMatch(/"kappaIndependent":-?\d/);
  expect(text).toMatch(/"kappaFinal":-?\d/);
});

it("the overview shows the due follow-up and the conversations page their history", async () => {
  const overview = (await load(overviewLoader as never, "/calibration")) as { followUps: { effect: string }[] };
  expect(overview.followUps.map((f) => f.effect)).toEqual(["lenient"]);
  const conversations = JSON.stringify(await load(conversationsLoader as never, "/calibration/conversations"));
  for (const effect of ["lenient", "halo", "severe"]) expect(conversations).toContain(`"effect":"${effect}"`);
});
