// The scorecard action: bad input changes nothing, submitting (and what it requires), and the page's loader.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { createRubricVersion } from "~/models/rubric.server";
import { loader } from "~/routes/interviews.$interviewId.scorecard";
import { createUser, request, sessionCookieFor } from "../support/factories";
import {
  type Json,
  cookie,
  userId,
  interviewId,
  useScorecardInterview,
  draft,
  complete,
  post,
  postForm,
  stored,
  expectRefused,
} from "../support/scorecard-action";

useScorecardInterview();

describe("bad input changes nothing", () => {
  beforeEach(async () => {
    await post(draft());
  });
  const cases: [string, Json, RegExp][] = [
    ["a rating outside the scale", { baseRevision: 1, ratings: { ownership: 5 } }, /Ratings run from 1 to 4/],
    ["a fractional rating", { baseRevision: 1, ratings: { ownership: 2.5 } }, /whole numbers/],
    ["an unknown dimension", { baseRevision: 1, ratings: { charm: 3 } }, /Unknown dimension/],
    ["an unknown red flag", { baseRevision: 1, redFlags: ["too_nice"] }, /Unknown red flag \\"too_nice\\"/],
    ["an unknown STAR part", { baseRevision: 1, star: ["surprise"] }, /Unknown STAR part/],
    ["an unknown recommendation", { baseRevision: 1, recommendation: "maybe" }, /Unknown recommendation/],
    [
      "a note over 5,000 characters",
      { baseRevision: 1, notes: [{ id: "x", dimension: "repair", elapsedSeconds: 1, text: "x".repeat(5001) }] },
      /at most 5,000 characters/,
    ],
    [
      "a note on an unknown dimension",
      { baseRevision: 1, notes: [{ id: "x", dimension: "charm", elapsedSeconds: 1, text: "hi" }] },
      /Unknown dimension/,
    ],
    [
      "a malformed dismissed suggestion",
      { baseRevision: 1, coachDismissed: ["note-1|passive voice"] },
      /Invalid dismissed suggestion/,
    ],
    ["an unknown intent", { baseRevision: 1, intent: "delete" }, /Invalid enum value/],
  ];
  it.each(cases)("refuses %s with 400 and a field message", async (_name, over, message) => {
    await expectRefused(post(draft(over)), 400, message);
  });

  it("refuses a body that is not JSON", async () => {
    await expectRefused(post("{not json"), 400, /could not be read/);
  });

  it("answers 404 to someone not on the panel, and for an interview that does not exist", async () => {
    const outsider = await createUser();
    await expectRefused(
      post(draft({ baseRevision: 1 }), { as: await sessionCookieFor(outsider.id) }),
      404,
      /Not found/,
    );
    await expectRefused(post(draft(), { id: 999_999 }), 404, /Not found/);
    await expectRefused(post(draft(), { id: "1;drop" }), 404, /Not found/);
  });

  it("never touches another panellist's scorecard: each interviewer only ever writes their own", async () => {
    const colleague = await createUser();
    getDb().insert(t.panelAssignments).values({ interviewId, interviewerId: colleague.id }).run();
    const res = await post(draft(), { as: await sessionCookieFor(colleague.id) });
    expect(res.status).toBe(200);
    const cards = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).all();
    expect(cards.map((c) => [c.interviewerId, c.revision]).sort()).toEqual(
      [
        [userId, 1],
        [colleague.id, 1],
      ].sort(),
    );
  });
});

describe("submit", () => {
  it("lists what is missing, beside each field, and changes nothing", async () => {
    await post(draft());
    const before = stored();
    const res = await post(draft({ baseRevision: 1, intent: "submit" }));
    expect(res.status).toBe(400);
    const { errors } = await res.json();
    expect(errors).toEqual({
      "ratings.accountability": "Rate Accountability",
      "ratings.repair": "Rate Repair",
      "ratings.behavioural_change": "Rate Behavioural change",
      "capJustifications.ownership": expect.stringMatching(/Rated 3 above the cap of 2 set by Passive voice/),
      recommendation: "Choose a recommendation",
    });
    expect(stored()).toEqual(before);
  });

  it("requires a justification when the recommendation contradicts the weighted score", async () => {
    const res = await post(
      complete({
        redFlags: [],
        ratings: { ownership: 4, accountability: 3, repair: 3, behavioural_change: 4 },
        recommendation: "no",
        intent: "submit",
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({
      recommendationJustification: expect.stringMatching(/contradicts the weighted score 3\.60/),
    });
  });

  it("stores the weighted score computed on the server, makes the scorecard read-only and logs it", async () => {
    const res = await post(complete({ intent: "submit", capJustifications: { ownership: "" } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ submitted: true, revision: 1 });
    const card = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!;
    // By hand, with the seeds' weights 25/20/20/35: (2·25 + 3·20 + 3·20 + 4·35) / 100 = 3.10.
    expect(card).toMatchObject({ status: "submitted", weightedScore: 3.1, timerRunningSince: null });
    expect(card.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(
      getDb().select().from(t.scorecardRevisions).where(eq(t.scorecardRevisions.scorecardId, card.id)).all(),
    ).toHaveLength(1);
    expect(getDb().select().from(t.auditLog).where(eq(t.auditLog.entityId, card.id)).all()).toEqual([
      expect.objectContaining({ action: "scorecard.submitted", actorId: userId }),
    ]);
    await expectRefused(post(complete({ baseRevision: 1 })), 409, /submitted and read-only/);
    await expectRefused(post(complete({ baseRevision: 1, intent: "submit" })), 409, /submitted and read-only/);
  });

  it("works as a plain HTML form post without JavaScript, keeping the stored notes", async () => {
    await post(draft());
    const res = await postForm({
      intent: "submit",
      baseRevision: "1",
      rubricVersionId: "1",
      "ratings.ownership": "3",
      "ratings.accountability": "3",
      "ratings.repair": "2",
      "ratings.behavioural_change": "3",
      star: ["situation", "task"],
      recommendation: "yes",
      recommendationJustification: "",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/interviews/${interviewId}/scorecard`);
    const [row] = stored() as { status: string; r: string; f: string; x: string; n: string }[];
    expect(row.status).toBe("submitted");
    expect(JSON.parse(row.f)).toEqual([]);
    expect(JSON.parse(row.x).sort()).toEqual(["situation", "task"]);
    expect(JSON.parse(row.n)).toEqual(['note-1:Said "I assumed" — first person.']);
  });

  it("answers a failed plain form post with 400, the errors and what was typed", async () => {
    const res = await postForm({
      intent: "submit",
      baseRevision: "0",
      rubricVersionId: "1",
      "ratings.ownership": "4",
      redFlags: "passive_voice",
    });
    expect(res.status).toBe(400);
    const { rejected } = await res.json();
    expect(rejected.values).toMatchObject({ ratings: { ownership: 4 }, redFlags: ["passive_voice"] });
    expect(rejected.errors).toMatchObject({
      "ratings.repair": "Rate Repair",
      recommendation: "Choose a recommendation",
    });
    expect(stored()).toEqual([]);
  });
});

describe("the scorecard page's loader", () => {
  const load = async (as = cookie) =>
    loader({
      request: await request(`/interviews/${interviewId}/scorecard`, { cookie: as }),
      params: { interviewId: String(interviewId) },
      context: {},
    });

  it("answers 404 to someone not on the panel", async () => {
    const outsider = await createUser();
    const res = await load(await sessionCookieFor(outsider.id)).catch((e: unknown) => e as Response);
    expect(res.status).toBe(404);
  });

  it("keeps a started scorecard on its rubric version after the rubric is edited; a new one starts on the latest", async () => {
    await post(draft());
    const edited = structuredClone(DEFAULT_RUBRIC);
    edited.dimensions[0].anchors[0].text = "Edited anchor";
    const v2 = createRubricVersion(getDb(), edited, { note: "test edit" });
    const started = await (await load()).json();
    expect(started.rubricVersionId).toBe(1);
    expect(started.scorecard).toMatchObject({ revision: 1, ratings: { ownership: 3 } });

    const other = await createUser();
    getDb().insert(t.panelAssignments).values({ interviewId, interviewerId: other.id }).run();
    const fresh = await (await load(await sessionCookieFor(other.id))).json();
    expect(fresh.rubricVersionId).toBe(v2.id);
    expect(fresh.rubric.dimensions[0].anchors[0].text).toBe("Edited anchor");
    expect(fresh.scorecard).toBeNull();
  });
});
