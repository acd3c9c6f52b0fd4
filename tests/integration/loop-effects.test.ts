import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, expect, it } from "vitest";
import { getDb } from "~db/client";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as interviewerLoader } from "~/routes/calibration.interviewers_.$interviewerId";
import { panelOf, request, sessionCookieFor } from "../support/factories";
import { plantLoopEffects, type Planted } from "../support/plant-loop-effects";
import { useDemoDatabase } from "../support/database-templates";

// The lead's-loop effects on the seeded demo data, with one planted interviewer per effect and two
// planted with too little evidence: each planted effect is listed with its interval, evidence and
// the scorecards that show it; nobody is listed without the evidence their effect needs.

const NOW = new Date();
let lead: string;
let planted: Planted;

beforeAll(async () => {
  await useDemoDatabase(NOW);
  planted = await plantLoopEffects(NOW);
  const id = (getDb().$client.prepare("select id from users where email = ?").get("lead2@demo.test") as { id: number })
    .id;
  lead = await sessionCookieFor(id);
}, 120_000);

type Action = {
  name: string;
  interviewerId: number | null;
  effect: string;
  size: number;
  ciLow: number;
  ciHigh: number;
  evidence: number;
  minimum: number;
  percent: boolean;
  baseline: number | null;
  links: { label: string; interviewId: number | null }[];
};

async function overview(): Promise<Action[]> {
  const args = {
    request: await request("/calibration", { cookie: lead }),
    params: {},
    context: {},
  } as LoaderFunctionArgs;
  return ((await (await overviewLoader(args)).json()) as { actions: Action[] }).actions;
}

it("lists each planted interviewer with the effect planted, its interval, its evidence and the scorecards that show it", async () => {
  const actions = await overview();
  const of = (id: number) => actions.filter((a) => a.interviewerId === id).map((a) => a.effect);
  expect(of(planted.over)).toContain("red_flags_over");
  expect(of(planted.under)).toContain("red_flags_under");
  expect(of(planted.practice)).toContain("practice_distance");
  expect(of(planted.amends)).toContain("amends_after_panel");
  expect(of(planted.overdue)).toContain("overdue_scorecards");
  expect(of(planted.disagrees)).toContain("decision_disagreement");
  // The rater-model effects of the demo are still there.
  const names = new Map(actions.map((a) => [`${a.name}|${a.effect}`, a]));
  for (const key of ["Jordan Lee|lenient", "Casey Novak|severe", "Priya Nair|halo", "Morgan Diaz|central_tendency"])
    expect(names.has(key), key).toBe(true);

  const entry = (id: number, effect: string) => actions.find((a) => a.interviewerId === id && a.effect === effect)!;
  expect(entry(planted.over, "red_flags_over").size).toBeGreaterThan(2);
  expect(entry(planted.under, "red_flags_under").size).toBeLessThan(-1);
  expect(entry(planted.practice, "practice_distance").size).toBeGreaterThan(1);
  const amends = entry(planted.amends, "amends_after_panel");
  expect(amends).toMatchObject({ percent: true, evidence: 8 });
  expect(amends.size).toBeCloseTo(5 / 8);
  expect(amends.baseline!).toBeLessThan(0.1);
  expect(entry(planted.overdue, "overdue_scorecards").size).toBeCloseTo(5 / 8);
  expect(entry(planted.disagrees, "decision_disagreement").size).toBeCloseTo(5 / 6);
  const LOOP = [
    "red_flags_over",
    "red_flags_under",
    "practice_distance",
    "amends_after_panel",
    "overdue_scorecards",
    "decision_disagreement",
  ];
  for (const a of actions) {
    expect(a.ciLow, `${a.name} ${a.effect}`).toBeLessThanOrEqual(a.size);
    expect(a.ciHigh, `${a.name} ${a.effect}`).toBeGreaterThanOrEqual(a.size);
    expect(a.links.every((l) => l.interviewId !== null)).toBe(true);
    // (The planted cards rate 3 everywhere, so the model may also call a planted rater central:
    // true, but no candidate shows it against peers who rated 3 too.)
    if (LOOP.includes(a.effect)) expect(a.links.length, `${a.name} ${a.effect}`).toBeGreaterThan(0);
  }
  // The links are the planted interviewer's own scorecards that show it.
  for (const id of [planted.amends, planted.overdue, planted.disagrees, planted.practice, planted.over])
    for (const link of actions.find((a) => a.interviewerId === id && LOOP.includes(a.effect))!.links)
      expect(panelOf(link.interviewId!)).toContain(id);
}, 120_000);

it("lists nobody without the evidence their effect needs", async () => {
  const actions = await overview();
  for (const a of actions) expect(a.evidence, `${a.name} ${a.effect}`).toBeGreaterThanOrEqual(a.minimum);
  // Two of two amended after seeing the panel, and one exemplar far from the key: too little.
  expect(actions.filter((a) => a.interviewerId === planted.thinAmends)).toEqual([]);
  expect(actions.filter((a) => a.interviewerId === planted.thinPractice)).toEqual([]);
});

it("the interviewer page shows each of these effects against peers, with interval and evidence, and the withheld ones say what is missing", async () => {
  const page = async (id: number) => {
    const args = {
      request: await request(`/calibration/interviewers/${id}`, { cookie: lead }),
      params: { interviewerId: String(id) },
      context: {},
    } as unknown as LoaderFunctionArgs;
    return (await (await interviewerLoader(args)).json()) as {
      effects: {
        key: string;
        measure: {
          value: number | null;
          ciLow: number | null;
          n: number;
          flagged: boolean;
          withheld: string | null;
          baseline?: number | null;
        };
      }[];
    };
  };
  const amy = await page(planted.amends);
  const amends = amy.effects.find((e) => e.key === "amends_after_panel")!;
  expect(amends.measure).toMatchObject({ flagged: true, n: 8, withheld: null });
  expect(amends.measure.ciLow).not.toBeNull();
  const tim = await page(planted.thinAmends);
  expect(tim.effects.find((e) => e.key === "amends_after_panel")!.measure).toMatchObject({
    flagged: false,
    withheld: "needs 5 submitted scorecards, has 2",
  });
  const dee = await page(planted.disagrees);
  expect(dee.effects.find((e) => e.key === "decision_disagreement")!.measure.flagged).toBe(true);
  const oli = await page(planted.overdue);
  expect(oli.effects.find((e) => e.key === "overdue_scorecards")!.measure.flagged).toBe(true);
  const pat = await page(planted.practice);
  expect(pat.effects.find((e) => e.key === "practice_distance")!.measure.flagged).toBe(true);
  const rosa = await page(planted.over);
  expect(rosa.effects.find((e) => e.key === "red_flags_over")!.measure).toMatchObject({ flagged: true });
});
