import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { createRubricVersion } from "~/models/rubric.server";
import { action, loader } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type Json = Record<string, unknown>;
let cookie: string;
let userId: number;
let interviewId: number;

beforeEach(async () => {
  const me = await createUser();
  const colleague = await createUser();
  userId = me.id;
  interviewId = createInterview({ panel: [me, colleague] }).id;
  cookie = await sessionCookieFor(me.id);
});

const draft = (over: Json = {}): Json => ({
  intent: "save",
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 3, accountability: null },
  capJustifications: {},
  redFlags: ["passive_voice"],
  star: ["situation", "action"],
  recommendation: null,
  recommendationJustification: "",
  notes: [{ id: "note-1", dimension: "ownership", elapsedSeconds: 95, text: 'Said "I assumed" — first person.' }],
  timer: { elapsedMs: 120_000, runningSince: null },
  ...over,
});
const complete = (over: Json = {}): Json =>
  draft({
    ratings: { ownership: 2, accountability: 3, repair: 3, behavioural_change: 4 },
    recommendation: "yes",
    ...over,
  });

async function post(body: Json | string, opts: { as?: string; id?: number | string } = {}) {
  const req = new Request(`http://localhost/interviews/${opts.id ?? interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: opts.as ?? cookie, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return (await action({
    request: req,
    params: { interviewId: String(opts.id ?? interviewId) },
    context: {},
  })) as Response;
}

async function postForm(form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const value of [v].flat()) body.append(k, value);
  const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return (await action({ request: req, params: { interviewId: String(interviewId) }, context: {} })) as Response;
}

/** Everything stored for this interview, to prove that a refused request changed nothing. */
function stored() {
  return getDb().all(sql`
    select s.*, (select json_group_array(dimension_key || '=' || score) from ratings r where r.scorecard_id = s.id) as r,
      (select json_group_array(flag_key) from raised_red_flags f where f.scorecard_id = s.id) as f,
      (select json_group_array(star_key) from star_ticks x where x.scorecard_id = s.id) as x,
      (select json_group_array(client_id || ':' || text) from evidence_notes n where n.scorecard_id = s.id) as n
    from scorecards s where s.interview_id = ${interviewId}`);
}

async function expectRefused(response: Promise<Response>, status: number, message: RegExp) {
  const before = stored();
  const res = await response.catch((e: unknown) => e as Response);
  expect(res.status).toBe(status);
  const text = await res.text();
  expect(text).toMatch(message);
  expect(stored()).toEqual(before);
}

describe("autosave", () => {
  it("saves a draft: ratings, flags, STAR, notes and timer, at revision 1", async () => {
    const res = await post(draft());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ autosave: true, revision: 1, submitted: false });
    const card = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!;
    expect(card).toMatchObject({
      status: "draft",
      revision: 1,
      timerElapsedMs: 120_000,
      rubricVersionId: 1,
      variantKey: "default",
      weightedScore: null,
    });
    expect(getDb().select().from(t.ratings).where(eq(t.ratings.scorecardId, card.id)).all()).toEqual([
      { scorecardId: card.id, dimensionKey: "ownership", score: 3, capJustification: "" },
    ]);
    expect(getDb().select().from(t.evidenceNotes).where(eq(t.evidenceNotes.scorecardId, card.id)).all()).toEqual([
      expect.objectContaining({
        clientId: "note-1",
        dimensionKey: "ownership",
        elapsedSeconds: 95,
        text: 'Said "I assumed" — first person.',
      }),
    ]);
  });

  it("replaces the whole draft on the next save: edited and removed notes, cleared flags", async () => {
    await post(draft());
    const res = await post(
      draft({
        baseRevision: 1,
        redFlags: [],
        notes: [{ id: "note-2", dimension: "repair", elapsedSeconds: 200, text: "Rolled back." }],
      }),
    );
    expect((await res.json()).revision).toBe(2);
    const [row] = stored() as { r: string; f: string; n: string }[];
    expect(JSON.parse(row.f)).toEqual([]);
    expect(JSON.parse(row.n)).toEqual(["note-2:Rolled back."]);
  });

  it("merges a save based on an older revision (a second tab) field by field, and reports a field changed on both sides", async () => {
    await post(draft());
    await post(draft({ baseRevision: 1, ratings: { ownership: 4 } }));
    // The second tab, still on revision 1: Ownership changed on both sides, a STAR tick only here.
    const res = await post(
      draft({ baseRevision: 1, ratings: { ownership: 1 }, star: ["situation", "action", "result"] }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ autosave: true, kind: "saved", revision: 3, submitted: false });
    expect(body.conflicts).toEqual([{ field: "ratings.ownership", base: 3, mine: 1, theirs: 4 }]);
    // Nothing replaced silently: the stored 4 stands until the interviewer chooses; the tick is merged in.
    expect(body.merged).toMatchObject({ ratings: { ownership: 4 }, star: ["action", "result", "situation"] });
    const [row] = stored() as { r: string; x: string }[];
    expect(JSON.parse(row.r)).toEqual(["ownership=4"]);
    expect(JSON.parse(row.x).sort()).toEqual(["action", "result", "situation"]);
  });

  it("does not submit a card whose save met a conflict: it is saved as a draft, with the conflict", async () => {
    await post(complete());
    await post(complete({ baseRevision: 1, recommendation: "strong_yes", recommendationJustification: "exceptional" }));
    const res = await post(
      complete({ baseRevision: 1, intent: "submit", recommendation: "no", recommendationJustification: "weak repair" }),
    );
    const body = await res.json();
    expect(body).toMatchObject({ kind: "saved", submitted: false });
    expect(body.conflicts.map((c: { field: string }) => c.field)).toContain("recommendation");
    expect((stored() as { status: string }[])[0].status).toBe("draft");
  });

  it("keeps dismissed coach suggestions with the draft, merges two tabs' dismissals, and drops those of a removed note", async () => {
    const dismissedOf = () =>
      getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!.coachDismissed;
    await post(draft({ coachDismissed: ["note-1|passive_voice:6-14"] }));
    expect(dismissedOf()).toEqual(["note-1|passive_voice:6-14"]);
    const two = [
      { id: "note-1", dimension: "ownership", elapsedSeconds: 95, text: 'Said "I assumed" — first person.' },
      { id: "note-2", dimension: "repair", elapsedSeconds: 200, text: "Mistakes were made." },
    ];
    await post(draft({ baseRevision: 1, notes: two, coachDismissed: ["note-1|passive_voice:6-14"] }));
    // A second tab on revision 2 dismisses another suggestion; this one dismisses a third.
    await post(
      draft({
        baseRevision: 2,
        notes: two,
        coachDismissed: ["note-1|passive_voice:6-14", "note-2|passive_voice:0-18"],
      }),
    );
    const res = await post(
      draft({ baseRevision: 2, notes: two, coachDismissed: ["note-1|hedging:0-4", "note-1|passive_voice:6-14"] }),
    );
    expect((await res.json()).conflicts).toEqual([]);
    expect(dismissedOf()).toEqual(["note-1|hedging:0-4", "note-1|passive_voice:6-14", "note-2|passive_voice:0-18"]);
    // note-1 removed: its dismissals go with it.
    await post(
      draft({
        baseRevision: 4,
        notes: [two[1]],
        coachDismissed: ["note-1|hedging:0-4", "note-1|passive_voice:6-14", "note-2|passive_voice:0-18"],
      }),
    );
    expect(dismissedOf()).toEqual(["note-2|passive_voice:0-18"]);
    // A client that sends none (a plain form post) keeps what is stored.
    await post(draft({ baseRevision: 5, notes: [two[1]], coachDismissed: undefined }));
    expect(dismissedOf()).toEqual(["note-2|passive_voice:0-18"]);
  });

  it("refuses a first save that claims a revision the server never had", async () => {
    await expectRefused(post(draft({ baseRevision: 3 })), 409, /never had/);
  });
});

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
