// Issue 12, part 6: filtering the dashboard to one interviewer must focus the view on them while
// each statistic still compares them with their co-panellists (before the fix, the filter dropped
// every peer, so Jordan's lenient flag vanished: "needs 5 shared candidates, has 0").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~db/client";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as interviewersLoader } from "~/routes/calibration.interviewers";
import { request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

let lead: string;
let jordan: number;
const idOf = (name: string) =>
  (getDb().$client.prepare("select id from users where name = ?").get(name) as { id: number }).id;

beforeAll(async () => {
  await useDemoDatabase();
  lead = await sessionCookieFor(
    (getDb().$client.prepare("select id from users where email = 'lead2@demo.test'").get() as { id: number }).id,
  );
  jordan = idOf("Jordan Lee");
});

const load = async (loader: (a: LoaderFunctionArgs) => Promise<Response>, path: string) =>
  (
    await loader({ request: await request(path, { cookie: lead }), params: {}, context: {} } as LoaderFunctionArgs)
  ).json();

it("the interviewers tab filtered to Jordan shows only Jordan, still flagged lenient against co-panellists", async () => {
  const view = await load(interviewersLoader, `/calibration/interviewers?interviewer=${jordan}`);
  expect(view.rows.map((r: { name: string }) => r.name)).toEqual(["Jordan Lee"]);
  expect(view.rows[0].rater).toMatchObject({ withheld: null, flags: ["lenient"] });
  expect(view.rows[0].rater.sharedCandidates).toBeGreaterThanOrEqual(5);
});

it.each([
  ["Priya Nair", "halo"],
  ["Casey Novak", "severe"],
])("the overview filtered to %s lists just them, with their effect (%s)", async (name, effect) => {
  const overview = await load(overviewLoader, `/calibration?interviewer=${idOf(name)}`);
  expect(overview.actions.map((a: { name: string; effect: string }) => [a.name, a.effect])).toEqual([[name, effect]]);
});
