// Practice for leads: /calibration/practice (who practised, against the key) and adding an exemplar.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { listExemplars } from "~/models/exemplar.server";
import { loader as calibrationPracticeLoader } from "~/routes/calibration.practice";
import { action as newExemplarAction, loader as newExemplarLoader } from "~/routes/calibration.practice_.new";
import { createUser, request } from "../support/factories";
import { cookieOf, settle, type User } from "../support/route-calls";
import {
  lead,
  admin,
  usePracticeSetup,
  PIP,
  API,
  practicePage,
  startedInterview,
  submit,
  rows,
} from "../support/practice";

usePracticeSetup();

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
