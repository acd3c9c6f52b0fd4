import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~db/client";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

let lead: string;

beforeAll(async () => {
  await useDemoDatabase();
  const id = (getDb().$client.prepare("select id from users where email = ?").get("lead2@demo.test") as { id: number })
    .id;
  lead = await sessionCookieFor(id);
});

type Action = {
  name: string;
  effect: string;
  size: number;
  ciLow: number;
  ciHigh: number;
  evidence: number;
  interviewerId: number | null;
  links: { interviewId: number | null }[];
};

it("the overview's action list names Jordan (lenient), Casey (severe), Priya (halo) and Morgan (central tendency), with interval, evidence and links", async () => {
  const args = {
    request: await request("/calibration", { cookie: lead }),
    params: {},
    context: {},
  } as LoaderFunctionArgs;
  const { actions } = (await (await overviewLoader(args)).json()) as { actions: Action[] };
  const effects = Object.fromEntries(actions.map((a) => [a.name, a.effect]));
  expect(effects).toMatchObject({
    "Jordan Lee": "lenient",
    "Casey Novak": "severe",
    "Priya Nair": "halo",
    "Morgan Diaz": "central_tendency",
  });
  for (const a of actions) {
    expect(a.evidence).toBeGreaterThanOrEqual(5);
    expect(a.ciLow).toBeLessThanOrEqual(a.size);
    expect(a.ciHigh).toBeGreaterThanOrEqual(a.size);
    expect(a.interviewerId).not.toBeNull();
    expect(a.links.length).toBeGreaterThan(0);
    expect(a.links.every((c) => c.interviewId !== null)).toBe(true);
  }
  // Direction of each effect: lenient above the panel, severe below, halo and central less spread.
  const size = (name: string) => actions.find((a) => a.name === name)!.size;
  expect(size("Jordan Lee")).toBeGreaterThan(0);
  expect(size("Casey Novak")).toBeLessThan(0);
  expect(size("Priya Nair")).toBeLessThan(0);
  expect(size("Morgan Diaz")).toBeLessThan(0);
});
