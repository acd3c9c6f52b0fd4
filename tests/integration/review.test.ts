import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { startPractice, ensureSeedExemplars } from "~/models/exemplar.server";
import { loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { action as listAction, loader as listLoader } from "~/routes/calibration.reviews";
import { action as reviewAction, loader as reviewLoader } from "~/routes/calibration.reviews_.$reviewId";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let lead: User;
let interviewer: User;
let alice: User;
let bob: User;
const cookies = new Map<number, string>();
const cookieOf = async (u: User) => cookies.get(u.id) ?? cookies.set(u.id, await sessionCookieFor(u.id)).get(u.id)!;

/** Runs a loader or action; a thrown Response (404, redirect) is returned like a returned one. */
const settle = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: unknown) => e as Response,
  );

const list = async (user: User, search = "") =>
  settle(
    listLoader({
      request: await request(`/calibration/reviews${search}`, { cookie: await cookieOf(user) }),
      params: {},
      context: {},
    }),
  );
const postList = async (user: User, form: Record<string, string>) =>
  settle(
    listAction({
      request: await request("/calibration/reviews", { cookie: await cookieOf(user), form }),
      params: {},
      context: {},
    }),
  );
const show = async (user: User, reviewId: number | string) =>
  settle(
    reviewLoader({
      request: await request(`/calibration/reviews/${reviewId}`, { cookie: await cookieOf(user) }),
      params: { reviewId: String(reviewId) },
      context: {},
    }),
  );
const postReview = async (user: User, reviewId: number, form: Record<string, string>) =>
  settle(
    reviewAction({
      request: await request(`/calibration/reviews/${reviewId}`, { cookie: await cookieOf(user), form }),
      params: { reviewId: String(reviewId) },
      context: {},
    }),
  );

async function submitScorecard(
  user: User,
  interviewId: number,
  ratings: Record<string, number>,
  recommendation: string,
) {
  const body = {
    intent: "submit",
    baseRevision: 0,
    rubricVersionId: 1,
    ratings,
    capJustifications: {},
    redFlags: [],
    star: [],
    recommendation,
    recommendationJustification: "Panel test.",
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

/** A split panel: Alice reads the answer strong, Bob weak. */
async function splitInterview(candidateName: string) {
  const interview = createInterview({
    panel: [alice, bob],
    scheduledAt: new Date(Date.now() - 2 * 86_400_000),
    candidateName,
  });
  await submitScorecard(
    alice,
    interview.id,
    { ownership: 4, accountability: 3, repair: 3, behavioural_change: 4 },
    "yes",
  );
  await submitScorecard(bob, interview.id, { ownership: 2, accountability: 2, repair: 3, behavioural_change: 1 }, "no");
  return interview;
}

async function openFor(interviewId: number): Promise<number> {
  const res = await postList(lead, { intent: "open", interviewId: String(interviewId) });
  expect(res.status).toBe(302);
  const match = /^\/calibration\/reviews\/(\d+)$/.exec(res.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const reviewRow = (id: number) =>
  getDb().select().from(t.calibrationReviews).where(eq(t.calibrationReviews.id, id)).get()!;
const reviewCount = () => getDb().select({ n: count() }).from(t.calibrationReviews).get()!.n;
const auditCount = () => getDb().select({ n: count() }).from(t.auditLog).get()!.n;
const versionOf = async (id: number) =>
  ((await (await show(lead, id)).json()) as { review: { version: string } }).review.version;

beforeAll(async () => {
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  interviewer = await createUser({ name: "Ivan Interviewer" });
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
});

describe("who may use calibration reviews", () => {
  it("answers 404 to an interviewer on every loader and action, and changes nothing", async () => {
    const interview = await splitInterview("Nadia Access");
    const reviewId = await openFor(interview.id);
    const before = [reviewCount(), auditCount(), JSON.stringify(reviewRow(reviewId))];
    expect((await list(interviewer)).status).toBe(404);
    expect((await postList(interviewer, { intent: "open", interviewId: String(interview.id) })).status).toBe(404);
    expect((await show(interviewer, reviewId)).status).toBe(404);
    expect(
      (
        await postReview(interviewer, reviewId, {
          intent: "save",
          agreedReading: "x",
          notes: "",
          followUps: "",
          version: await versionOf(reviewId),
        })
      ).status,
    ).toBe(404);
    expect((await postReview(interviewer, reviewId, { intent: "reopen" })).status).toBe(404);
    // Even a panellist of the very interview.
    expect((await show(alice, reviewId)).status).toBe(404);
    expect([reviewCount(), auditCount(), JSON.stringify(reviewRow(reviewId))]).toEqual(before);
  });

  it("answers 404 for a review that does not exist or a malformed id", async () => {
    expect((await show(lead, 999_999)).status).toBe(404);
    expect((await show(lead, "abc")).status).toBe(404);
  });
});

describe("opening a review", () => {
  it("opens one for an interview and logs it; opening again goes to the same review", async () => {
    const interview = await splitInterview("Olu Twice");
    const before = reviewCount();
    const first = await openFor(interview.id);
    const second = await openFor(interview.id);
    expect(second).toBe(first);
    expect(reviewCount()).toBe(before + 1);
    expect(reviewRow(first)).toMatchObject({
      interviewId: interview.id,
      status: "open",
      openedBy: lead.id,
      agreedReading: "",
      closedAt: null,
    });
    const log = getDb()
      .select()
      .from(t.auditLog)
      .where(eq(t.auditLog.entityId, first))
      .all()
      .filter((e) => e.entity === "calibration_review");
    expect(log).toEqual([
      expect.objectContaining({ action: "review.opened", actorId: lead.id, detail: { interviewId: interview.id } }),
    ]);
  });

  it("refuses bad input with 400 and field errors, and an unknown or practice interview with 404 — nothing created", async () => {
    ensureSeedExemplars(getDb());
    const practice = startPractice(1, alice.id);
    expect(practice.kind).toBe("started");
    const before = [reviewCount(), auditCount()];
    const bad: Record<string, string>[] = [
      { intent: "open", interviewId: "abc" },
      { intent: "open" },
      { intent: "open", interviewId: "1.5" },
      { intent: "close", interviewId: "1" },
    ];
    for (const form of bad) {
      const res = await postList(lead, form);
      expect(res.status).toBe(400);
      const { errors } = await res.json();
      expect(Object.keys(errors).length).toBeGreaterThan(0);
    }
    expect(
      (
        (await (await postList(lead, { intent: "open", interviewId: "abc" })).json()) as {
          errors: Record<string, string>;
        }
      ).errors,
    ).toEqual({ interviewId: "Choose an interview" });
    expect((await postList(lead, { intent: "open", interviewId: "987654" })).status).toBe(404);
    expect(
      (await postList(lead, { intent: "open", interviewId: String((practice as { interviewId: number }).interviewId) }))
        .status,
    ).toBe(404);
    expect([reviewCount(), auditCount()]).toEqual(before);
  });
});

describe("a review's page", () => {
  it("shows the panel side by side with exactly the data the lead's debrief has", async () => {
    const interview = await splitInterview("Pia Sidebyside");
    const reviewId = await openFor(interview.id);
    const data = await (await show(lead, reviewId)).json();
    const debrief = await (
      await debriefLoader({
        request: await request(`/interviews/${interview.id}`, { cookie: await cookieOf(lead) }),
        params: { interviewId: String(interview.id) },
        context: {},
      })
    ).json();
    expect(data.comparison).toEqual({ spread: debrief.spread, rubric: debrief.rubric, scorecards: debrief.scorecards });
    expect(data.comparison.scorecards.map((c: { name: string }) => c.name).sort()).toEqual(["Alice", "Bob"]);
    expect(data.comparison.spread.split).toBe(true);
    expect(data.interview).toMatchObject({ id: interview.id, candidateName: "Pia Sidebyside" });
    expect(data.review).toMatchObject({
      id: reviewId,
      status: "open",
      openedByName: "Lena Lead",
      version: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});

describe("recording the outcome", () => {
  it("saves the agreed reading, notes and follow-ups, and logs what changed", async () => {
    const reviewId = await openFor((await splitInterview("Quinn Save")).id);
    const res = await postReview(lead, reviewId, {
      intent: "save",
      agreedReading: "  Strong on ownership; Repair evidence thin.  ",
      notes: "Bob weighed the passive phrasing.",
      followUps: "Revisit the Repair anchors with these interviewers",
      version: await versionOf(reviewId),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/calibration/reviews/${reviewId}`);
    expect(reviewRow(reviewId)).toMatchObject({
      status: "open",
      agreedReading: "Strong on ownership; Repair evidence thin.",
      notes: "Bob weighed the passive phrasing.",
      followUps: "Revisit the Repair anchors with these interviewers",
    });
    const log = getDb()
      .select()
      .from(t.auditLog)
      .where(eq(t.auditLog.action, "review.saved"))
      .all()
      .filter((e) => e.entityId === reviewId);
    expect(log).toHaveLength(1);
    expect((log[0].detail as { changes: { field: string }[] }).changes.map((c) => c.field)).toEqual([
      "agreedReading",
      "notes",
      "followUps",
    ]);
    expect(log[0].actorId).toBe(lead.id);
  });

  it("refuses to close without an agreed reading: 400, the field's error, what was typed kept, nothing changed", async () => {
    const reviewId = await openFor((await splitInterview("Rosa Noreading")).id);
    const before = [JSON.stringify(reviewRow(reviewId)), auditCount()];
    const typed = {
      intent: "close",
      agreedReading: "   ",
      notes: "Typed notes that must come back",
      followUps: "A follow-up",
      version: await versionOf(reviewId),
    };
    const res = await postReview(lead, reviewId, typed);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ agreedReading: "Write the agreed reading before closing the review" });
    expect(body.values).toMatchObject({ notes: "Typed notes that must come back", followUps: "A follow-up" });
    expect([JSON.stringify(reviewRow(reviewId)), auditCount()]).toEqual(before);
  });

  it("refuses text longer than the limits and an unknown intent with 400, nothing changed", async () => {
    const reviewId = await openFor((await splitInterview("Sami Toolong")).id);
    const version = await versionOf(reviewId);
    const before = [JSON.stringify(reviewRow(reviewId)), auditCount()];
    const long = await postReview(lead, reviewId, {
      intent: "save",
      agreedReading: "ok",
      notes: "n".repeat(10_001),
      followUps: "f".repeat(5001),
      version,
    });
    expect(long.status).toBe(400);
    expect((await long.json()).errors).toEqual({
      notes: "At most 10,000 characters",
      followUps: "At most 5,000 characters",
    });
    expect(
      (await postReview(lead, reviewId, { intent: "publish", agreedReading: "ok", notes: "", followUps: "", version }))
        .status,
    ).toBe(400);
    expect(
      (await postReview(lead, reviewId, { intent: "save", agreedReading: "ok", notes: "", followUps: "" })).status,
    ).toBe(400);
    expect([JSON.stringify(reviewRow(reviewId)), auditCount()]).toEqual(before);
  });

  it("closes with an agreed reading; a closed review is read-only until a lead reopens it", async () => {
    const reviewId = await openFor((await splitInterview("Tomas Close")).id);
    const closing = await postReview(lead, reviewId, {
      intent: "close",
      agreedReading: "A yes: the mechanism is real.",
      notes: "",
      followUps: "",
      version: await versionOf(reviewId),
    });
    expect(closing.status).toBe(302);
    expect(reviewRow(reviewId)).toMatchObject({
      status: "closed",
      closedBy: lead.id,
      closedAt: expect.stringMatching(/^\d{4}-/),
      agreedReading: "A yes: the mechanism is real.",
    });

    const before = [JSON.stringify(reviewRow(reviewId)), auditCount()];
    const edit = await postReview(lead, reviewId, {
      intent: "save",
      agreedReading: "Changed my mind",
      notes: "",
      followUps: "",
      version: await versionOf(reviewId),
    });
    expect(edit.status).toBe(409);
    expect((await edit.json()).errors.form).toMatch(/closed and read-only/);
    expect([JSON.stringify(reviewRow(reviewId)), auditCount()]).toEqual(before);

    const otherLead = await createUser({ name: "Sam Second", roles: ["lead"] });
    expect((await postReview(otherLead, reviewId, { intent: "reopen" })).status).toBe(302);
    expect(reviewRow(reviewId)).toMatchObject({
      status: "open",
      closedAt: null,
      closedBy: null,
      agreedReading: "A yes: the mechanism is real.",
    });
    expect((await postReview(otherLead, reviewId, { intent: "reopen" })).status).toBe(409);
    const actions = getDb()
      .select({ action: t.auditLog.action, actorId: t.auditLog.actorId })
      .from(t.auditLog)
      .where(eq(t.auditLog.entityId, reviewId))
      .orderBy(t.auditLog.id)
      .all()
      .filter((e) => e.action.startsWith("review."));
    expect(actions).toEqual([
      { action: "review.opened", actorId: lead.id },
      { action: "review.closed", actorId: lead.id },
      { action: "review.reopened", actorId: otherLead.id },
    ]);
    const history = (await (await show(lead, reviewId)).json()).history as { action: string; actorName: string }[];
    expect(history.map((h) => [h.action, h.actorName])).toEqual([
      ["review.opened", "Lena Lead"],
      ["review.closed", "Lena Lead"],
      ["review.reopened", "Sam Second"],
    ]);
  });

  it("refuses a save based on an outcome another lead has changed since (409), and keeps theirs", async () => {
    const reviewId = await openFor((await splitInterview("Uma Stale")).id);
    const version = await versionOf(reviewId);
    expect(
      (
        await postReview(lead, reviewId, {
          intent: "save",
          agreedReading: "First lead's reading",
          notes: "",
          followUps: "",
          version,
        })
      ).status,
    ).toBe(302);
    const stale = await postReview(lead, reviewId, {
      intent: "save",
      agreedReading: "Second lead's reading",
      notes: "",
      followUps: "",
      version,
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).values.agreedReading).toBe("Second lead's reading");
    expect(reviewRow(reviewId).agreedReading).toBe("First lead's reading");
  });
});

describe("the review list", () => {
  let withPercent: number;
  let withUnderscore: number;
  let decoy: number;
  beforeAll(async () => {
    const save = async (
      candidate: string,
      outcome: { agreedReading?: string; notes?: string; followUps?: string },
      close = false,
    ) => {
      const id = await openFor((await splitInterview(candidate)).id);
      const res = await postReview(lead, id, {
        intent: close ? "close" : "save",
        agreedReading: "",
        notes: "",
        followUps: "",
        ...outcome,
        version: await versionOf(id),
      });
      expect(res.status).toBe(302);
      return id;
    };
    withPercent = await save(
      "Vera Percent",
      { agreedReading: "Agreed: yes", notes: "Panel was 100% aligned after the replay" },
      true,
    );
    withUnderscore = await save("Wim Underscore", { notes: "Tagged snake_case in the notes" });
    decoy = await save("Xia Decoy", {
      notes: "Panel was 1000 ways apart; made cases for both readings",
      followUps: "Pair Casey with Jordan",
    });
  });

  const ids = async (search: string) => {
    const res = await list(lead, search);
    expect(res.status).toBe(200);
    return ((await res.json()).reviews as { id: number }[]).map((r) => r.id);
  };

  it("finds a review by its notes, agreed reading, follow-ups and candidate name", async () => {
    expect(await ids("?q=replay")).toEqual([withPercent]);
    expect(await ids("?q=SNAKE")).toEqual([withUnderscore]);
    expect(await ids("?q=pair%20casey")).toEqual([decoy]);
    expect(await ids("?q=Agreed%3A%20yes")).toEqual([withPercent]);
    expect(await ids("?q=Wim%20Under")).toEqual([withUnderscore]);
  });

  it("treats % and _ in the search as themselves, not as wildcards", async () => {
    // Unescaped, "0%" would match any text with a 0 (the decoy's "1000") and "e_c" any "e?c" ("made cases").
    expect(await ids("?q=0%25")).toEqual([withPercent]);
    expect(await ids("?q=e_c")).toEqual([withUnderscore]);
    expect(await ids("?q=%25")).toEqual([withPercent]);
    expect(await ids("?q=%5C")).toEqual([]);
  });

  it("filters by status, lists newest first, with opener and an excerpt of the agreed reading", async () => {
    const closed = await ids("?status=closed");
    expect(closed).toContain(withPercent);
    expect(closed).not.toContain(decoy);
    const open = await ids("?status=open");
    expect(open).toContain(decoy);
    expect(open).not.toContain(withPercent);
    const all = (await (await list(lead)).json()).reviews as {
      id: number;
      candidateName: string;
      openedByName: string;
      status: string;
      agreedReadingExcerpt: string;
    }[];
    expect(all.map((r) => r.id).slice(0, 3)).toEqual([decoy, withUnderscore, withPercent]);
    expect(all.find((r) => r.id === withPercent)).toMatchObject({
      candidateName: "Vera Percent",
      openedByName: "Lena Lead",
      status: "closed",
      agreedReadingExcerpt: "Agreed: yes",
    });
  });

  it("answers a bad status or an overlong search with 400 and the field's error", async () => {
    const res = await list(lead, "?status=pending");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual({ status: "Choose open, closed or all" });
    expect(body.reviews).toEqual([]);
    const long = await list(lead, `?q=${"x".repeat(201)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).errors).toEqual({ q: "At most 200 characters" });
  });
});
