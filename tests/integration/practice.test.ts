import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { ensureSeedExemplars, listExemplars, startPractice } from "~/models/exemplar.server";
import { listInterviewsForInterviewer, listOverdueScorecards } from "~/models/interview.server";
import { exportRatings, exportScorecardRedFlags } from "~/models/rating-export.server";
import { loader as calibrationPracticeLoader } from "~/routes/calibration.practice";
import { action as newExemplarAction, loader as newExemplarLoader } from "~/routes/calibration.practice_.new";
import { loader as interviewsLoader } from "~/routes/interviews._index";
import { action as scorecardAction, loader as scorecardLoader } from "~/routes/interviews.$interviewId.scorecard";
import { loader as overdueLoader } from "~/routes/overdue";
import { action as practiceAction, loader as practiceLoader } from "~/routes/practice";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
const cookies = new Map<number, string>();
const cookieOf = async (u: User) => cookies.get(u.id) ?? cookies.set(u.id, await sessionCookieFor(u.id)).get(u.id)!;
const settle = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: unknown) => e as Response,
  );

const PIP = 1; // SEED_EXEMPLARS[0], key 3 3 4 3
const API = 2; // SEED_EXEMPLARS[1], key 4 4 3 4

const practise = async (user: User, form: Record<string, string>) =>
  settle(
    practiceAction({
      request: await request("/practice", { cookie: await cookieOf(user), form }),
      params: {},
      context: {},
    }),
  );
const practicePage = async (user: User) =>
  settle(
    practiceLoader({ request: await request("/practice", { cookie: await cookieOf(user) }), params: {}, context: {} }),
  );
const scorecardPage = async (user: User, interviewId: number) =>
  settle(
    scorecardLoader({
      request: await request(`/interviews/${interviewId}/scorecard`, { cookie: await cookieOf(user) }),
      params: { interviewId: String(interviewId) },
      context: {},
    }),
  );

async function startedInterview(user: User, exemplarId: number): Promise<number> {
  const res = await practise(user, { intent: "practise", exemplarId: String(exemplarId) });
  expect(res.status).toBe(302);
  const match = /^\/interviews\/(\d+)\/scorecard$/.exec(res.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

async function submit(
  user: User,
  interviewId: number,
  ratings: Record<string, number>,
  recommendation = "yes",
  redFlags: string[] = [],
) {
  const body = {
    intent: "submit",
    baseRevision: 0,
    rubricVersionId: 1,
    ratings,
    capJustifications: {},
    redFlags,
    star: [],
    recommendation,
    recommendationJustification: "Practice run.",
    notes: [],
  };
  const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: await cookieOf(user), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = (await scorecardAction({
    request: req,
    params: { interviewId: String(interviewId) },
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
}

const rows = () => ({
  candidates: getDb().select({ n: count() }).from(t.candidates).get()!.n,
  interviews: getDb().select({ n: count() }).from(t.interviews).get()!.n,
  panel: getDb().select({ n: count() }).from(t.panelAssignments).get()!.n,
  exemplars: getDb().select({ n: count() }).from(t.exemplars).get()!.n,
  audit: getDb().select({ n: count() }).from(t.auditLog).get()!.n,
});

let lead: User;
let admin: User;
beforeAll(async () => {
  ensureSeedExemplars(getDb());
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  admin = await createUser({ name: "Ada Admin", roles: ["admin", "lead"] });
});

describe("the seed exemplars", () => {
  it("are stored once, verbatim, with their keys, however often start-up runs", () => {
    ensureSeedExemplars(getDb());
    const stored = listExemplars().slice(0, 2);
    expect(stored.map((e) => e.id)).toEqual([PIP, API]);
    expect(
      stored.map(({ title, answer, source, level, referenceKey }) => ({ title, answer, source, level, referenceKey })),
    ).toEqual(SEED_EXEMPLARS);
    expect(getDb().select({ n: count() }).from(t.exemplars).get()!.n).toBe(2);
  });
});

describe("/practice", () => {
  it("creates the user's practice interview once — the user alone on its panel — and goes to its scorecard", async () => {
    const me = await createUser({ name: "Pat Practice" });
    const before = rows();
    const interviewId = await startedInterview(me, API);
    const interview = getDb().select().from(t.interviews).where(eq(t.interviews.id, interviewId)).get()!;
    expect(interview.exemplarId).toBe(API);
    expect(Math.abs(Date.parse(interview.scheduledAt) - Date.now())).toBeLessThan(60_000);
    const candidate = getDb().select().from(t.candidates).where(eq(t.candidates.id, interview.candidateId)).get()!;
    expect(candidate).toMatchObject({
      name: "Practice: The API contract that changed under the frontend team",
      targetLevel: "senior",
    });
    expect(
      getDb().select().from(t.panelAssignments).where(eq(t.panelAssignments.interviewId, interviewId)).all(),
    ).toEqual([{ interviewId, interviewerId: me.id }]);
    expect(rows()).toEqual({
      ...before,
      candidates: before.candidates + 1,
      interviews: before.interviews + 1,
      panel: before.panel + 1,
      audit: before.audit + 1,
    });

    // Again: the same interview, nothing new.
    const after = rows();
    expect(await startedInterview(me, API)).toBe(interviewId);
    expect(rows()).toEqual(after);
  });

  it("refuses a malformed exemplar with 400 and an unknown one with 404, creating nothing", async () => {
    const me = await createUser();
    const before = rows();
    const bad = await practise(me, { intent: "practise", exemplarId: "two" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ exemplarId: "Choose an exemplar" });
    expect((await practise(me, { intent: "practise" })).status).toBe(400);
    expect((await practise(me, { intent: "delete", exemplarId: "1" })).status).toBe(400);
    expect((await practise(me, { intent: "practise", exemplarId: "4242" })).status).toBe(404);
    expect(rows()).toEqual(before);
  });

  it("shows the answer on the scorecard page, labelled as practice, and only there", async () => {
    const me = await createUser();
    const interviewId = await startedInterview(me, PIP);
    const data = await (await scorecardPage(me, interviewId)).json();
    expect(data.practice).toEqual({
      id: PIP,
      title: SEED_EXEMPLARS[0].title,
      answer: SEED_EXEMPLARS[0].answer,
      source: SEED_EXEMPLARS[0].source,
    });
    expect(data.interview.candidateName).toBe(`Practice: ${SEED_EXEMPLARS[0].title}`);
    const real = createInterview({ panel: [me] });
    expect((await (await scorecardPage(me, real.id)).json()).practice).toBeNull();
    // Someone else's practice interview does not exist for them.
    expect((await scorecardPage(await createUser(), interviewId)).status).toBe(404);
  });

  it("keeps the key hidden until the user submits, then shows their scores beside it", async () => {
    const me = await createUser();
    const interviewId = await startedInterview(me, API);
    const before = await (await practicePage(me)).json();
    const api = before.exemplars.find((e: { id: number }) => e.id === API);
    expect(api).toMatchObject({ status: "not_started", interviewId, comparison: null });
    expect(JSON.stringify(before)).not.toContain(SEED_EXEMPLARS[1].referenceKey.rationale.repair);

    await submit(me, interviewId, { ownership: 4, accountability: 3, repair: 4, behavioural_change: 2 }, "yes", [
      "no_mechanism",
    ]);
    const after = (await (await practicePage(me)).json()).exemplars.find((e: { id: number }) => e.id === API);
    expect(after.status).toBe("submitted");
    expect(
      after.comparison.dimensions.map((d: { dimension: string; score: number; key: number; difference: number }) => [
        d.dimension,
        d.score,
        d.key,
        d.difference,
      ]),
    ).toEqual([
      ["ownership", 4, 4, 0],
      ["accountability", 3, 4, -1],
      ["repair", 4, 3, 1],
      ["behavioural_change", 2, 4, -2],
    ]);
    expect(after.comparison.dimensions[2].rationale).toBe(SEED_EXEMPLARS[1].referenceKey.rationale.repair);
    expect(after.comparison.recommendation).toEqual({ yours: "yes", key: "strong_yes", same: false });
    expect(after.comparison.redFlags).toEqual({ both: [], onlyYours: ["no_mechanism"], onlyKey: [] });
    expect(after.comparison.meanAbsolute).toBe(1);
    // The other exemplar is still unscored: its key stays hidden.
    expect(
      (await (await practicePage(me)).json()).exemplars.find((e: { id: number }) => e.id === PIP).comparison,
    ).toBeNull();
  });
});

describe("practice is kept out of every real statistic", () => {
  it("never reaches the rating export, the red-flag export, the interview list or the overdue list", async () => {
    const me = await createUser({ name: "Quentin Quarantine", email: "quarantine@example.test" });
    const colleague = await createUser();
    // A real interview three days ago, scored; a practice one, submitted; another practice one, left as a draft three days ago.
    const real = createInterview({
      panel: [me, colleague],
      scheduledAt: new Date(Date.now() - 3 * 86_400_000),
      candidateName: "Real Rita",
    });
    await submit(me, real.id, { ownership: 2, accountability: 2, repair: 2, behavioural_change: 2 }, "no");
    const practiceId = await startedInterview(me, PIP);
    await submit(me, practiceId, { ownership: 4, accountability: 4, repair: 4, behavioural_change: 4 }, "strong_yes");
    const stale = startPractice(API, me.id, { now: new Date(Date.now() - 3 * 86_400_000) });
    expect(stale.kind).toBe("started");
    const staleId = (stale as { interviewId: number }).interviewId;

    const mine = exportRatings({ interviewerIds: [me.id] });
    expect(mine.map((r) => r.candidate)).toEqual(Array(4).fill(`Real Rita #${real.candidateId}`));
    expect(mine.every((r) => r.score === 2)).toBe(true);
    expect(exportRatings().some((r) => r.candidate.startsWith("Practice:"))).toBe(false);
    expect(exportScorecardRedFlags().some((r) => r.candidate.startsWith("Practice:"))).toBe(false);

    expect(listInterviewsForInterviewer(me.id).map((i) => i.id)).toEqual([real.id]);
    const listed = await (
      await interviewsLoader({
        request: await request("/interviews", { cookie: await cookieOf(me) }),
        params: {},
        context: {},
      })
    ).json();
    expect(JSON.stringify(listed)).not.toContain("Practice:");

    const overdue = listOverdueScorecards(new Date());
    expect(overdue.some((o) => o.interviewId === staleId || o.interviewId === practiceId)).toBe(false);
    expect(overdue.some((o) => o.interviewId === real.id)).toBe(true); // the colleague's unsubmitted scorecard
    const page = await (
      await overdueLoader({
        request: await request("/overdue", { cookie: await cookieOf(lead) }),
        params: {},
        context: {},
      })
    ).json();
    expect(JSON.stringify(page)).not.toContain("Practice:");
  });
});

describe("/calibration/practice", () => {
  it("is for leads only", async () => {
    const interviewer = await createUser();
    const res = await settle(
      calibrationPracticeLoader({
        request: await request("/calibration/practice", { cookie: await cookieOf(interviewer) }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(404);
  });

  it("gives each interviewer's distance from the key per dimension, signed, with n — worked by hand", async () => {
    const hanna = await createUser({ name: "Hanna Hand" });
    const ian = await createUser({ name: "Ian Hand" });
    // Keys: PIP 3 3 4 3, API 4 4 3 4 (ownership, accountability, repair, behavioural change).
    await submit(hanna, await startedInterview(hanna, PIP), {
      ownership: 4,
      accountability: 3,
      repair: 2,
      behavioural_change: 3,
    }); // +1 0 −2 0
    await submit(hanna, await startedInterview(hanna, API), {
      ownership: 2,
      accountability: 4,
      repair: 4,
      behavioural_change: 4,
    }); // −2 0 +1 0
    await submit(ian, await startedInterview(ian, API), {
      ownership: 4,
      accountability: 4,
      repair: 3,
      behavioural_change: 4,
    }); // on the key
    // A draft does not count.
    const draftOnly = await createUser({ name: "Dora Draft" });
    await startedInterview(draftOnly, PIP);

    const data = await (
      await calibrationPracticeLoader({
        request: await request("/calibration/practice", { cookie: await cookieOf(lead) }),
        params: {},
        context: {},
      })
    ).json();
    const row = (name: string) => data.interviewers.find((i: { name: string }) => i.name === name);
    expect(row("Hanna Hand")).toEqual({
      interviewerId: hanna.id,
      name: "Hanna Hand",
      exemplars: 2,
      byDimension: {
        ownership: { n: 2, meanAbsolute: 1.5, meanSigned: -0.5 },
        accountability: { n: 2, meanAbsolute: 0, meanSigned: 0 },
        repair: { n: 2, meanAbsolute: 1.5, meanSigned: -0.5 },
        behavioural_change: { n: 2, meanAbsolute: 0, meanSigned: 0 },
      },
      overall: { n: 8, meanAbsolute: 0.75, meanSigned: -0.25 },
    });
    expect(row("Ian Hand")?.overall).toEqual({ n: 4, meanAbsolute: 0, meanSigned: 0 });
    expect(row("Dora Draft")).toBeUndefined();
    expect(data.exemplars.map((e: { id: number; key: unknown }) => [e.id, e.key])).toEqual([
      [PIP, SEED_EXEMPLARS[0].referenceKey],
      [API, SEED_EXEMPLARS[1].referenceKey],
    ]);
    expect(data.canAdd).toBe(false);
  });
});

describe("/calibration/practice/new", () => {
  const valid = {
    title: "The hire I pushed through",
    level: "staff",
    answer: "I championed a hire over two objections...",
    source: "Written by the recruiting team, 2026",
    "ratings.ownership": "3",
    "ratings.accountability": "3",
    "ratings.repair": "2",
    "ratings.behavioural_change": "2",
    "rationale.ownership": "Names the decision.",
    "rationale.accountability": "Owned it to the panel.",
    "rationale.repair": "Slow to act.",
    "rationale.behavioural_change": "A lesson, no mechanism.",
    recommendation: "no",
    redFlags: "no_mechanism",
  };
  const post = async (user: User, form: Record<string, string>) =>
    settle(
      newExemplarAction({
        request: await request("/calibration/practice/new", { cookie: await cookieOf(user), form }),
        params: {},
        context: {},
      }),
    );

  it("is for admins only: a lead or an interviewer gets 404 and creates nothing", async () => {
    const before = rows();
    for (const user of [lead, await createUser()]) {
      const page = await settle(
        newExemplarLoader({
          request: await request("/calibration/practice/new", { cookie: await cookieOf(user) }),
          params: {},
          context: {},
        }),
      );
      expect(page.status).toBe(404);
      expect((await post(user, valid)).status).toBe(404);
    }
    expect(rows()).toEqual(before);
    const page = await newExemplarLoader({
      request: await request("/calibration/practice/new", { cookie: await cookieOf(admin) }),
      params: {},
      context: {},
    });
    expect((await page.json()).rubric.scale).toEqual({ min: 1, max: 4 });
  });

  it("refuses bad input with 400, the errors by field and what was typed, creating nothing", async () => {
    const before = rows();
    const res = await post(admin, {
      ...valid,
      title: " ",
      level: "intern",
      "ratings.ownership": "5",
      "ratings.repair": "",
      "rationale.accountability": "",
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({
      title: "Enter the title",
      level: "Choose a level",
      "ratings.ownership": "Ratings run from 1 to 4",
      "ratings.repair": "Choose the key's rating",
      "rationale.accountability": "Say why, in one line",
    });
    expect(body.values).toMatchObject({
      answer: valid.answer,
      ratings: { ownership: "5", accountability: "3" },
      redFlags: ["no_mechanism"],
    });

    const capped = await post(admin, { ...valid, "ratings.behavioural_change": "3" });
    expect(capped.status).toBe(400);
    expect((await capped.json()).errors).toEqual({
      "ratings.behavioural_change": "The key raises Lesson without a mechanism, which caps this at 2",
    });
    const contradicts = await post(admin, { ...valid, recommendation: "strong_yes" });
    expect((await contradicts.json()).errors).toEqual({
      recommendation: "Contradicts the key's weighted score 2.45 (expected 3–4)",
    });
    expect(rows()).toEqual(before);
  });

  it("stores a valid exemplar with its key and logs it; it is then offered on /practice", async () => {
    const res = await post(admin, valid);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/calibration/practice");
    const stored = listExemplars().find((e) => e.title === valid.title)!;
    expect(stored).toMatchObject({
      level: "staff",
      rubricVersionId: 1,
      referenceKey: {
        ratings: { ownership: 3, accountability: 3, repair: 2, behavioural_change: 2 },
        recommendation: "no",
        redFlags: ["no_mechanism"],
        rationale: {
          ownership: "Names the decision.",
          accountability: "Owned it to the panel.",
          repair: "Slow to act.",
          behavioural_change: "A lesson, no mechanism.",
        },
      },
    });
    const log = getDb()
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, "exemplar.created"), eq(t.auditLog.entityId, stored.id)))
      .all();
    expect(log).toHaveLength(1);
    expect(log[0].actorId).toBe(admin.id);
    const offered = (await (await practicePage(await createUser())).json()).exemplars.map(
      (e: { title: string }) => e.title,
    );
    expect(offered).toContain(valid.title);
  });
});
