import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import type { IndependenceMode } from "~/domain/independence";
import { setIndependenceMode } from "~/models/settings.server";
import { action as scorecardAction, loader as scorecardLoader } from "~/routes/interviews.$interviewId.scorecard";
import { loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { loader as overdueLoader } from "~/routes/overdue";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let alice: User;
let bob: User;
let lead: User;
let interviewId: number;
const cookies = new Map<number, string>();
const cookieOf = async (u: User) => cookies.get(u.id) ?? cookies.set(u.id, await sessionCookieFor(u.id)).get(u.id)!;

const card = (over: Record<string, unknown> = {}) => ({
  intent: "submit",
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 3, accountability: 3, repair: 2, behavioural_change: 3 },
  capJustifications: {},
  redFlags: [],
  star: ["situation"],
  recommendation: "yes",
  recommendationJustification: "",
  notes: [{ id: "n1", dimension: "repair", elapsedSeconds: 300, text: "My own note" }],
  ...over,
});

async function post(user: User, body: Record<string, unknown>) {
  const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: await cookieOf(user), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await scorecardAction({
    request: req,
    params: { interviewId: String(interviewId) },
    context: {},
  })) as Response;
}

async function debriefAs(user: User) {
  const res = await debriefLoader({
    request: await request(`/interviews/${interviewId}`, { cookie: await cookieOf(user) }),
    params: { interviewId: String(interviewId) },
    context: {},
  }).catch((e: unknown) => e as Response);
  return { status: res.status, text: await res.text() };
}

beforeEach(async () => {
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  interviewId = createInterview({ panel: [alice, bob], scheduledAt: new Date(Date.now() - 3 * 86_400_000) }).id;
  setIndependenceMode("after_submit", lead.id);
  // Bob has submitted, with a note nobody else should read before submitting their own.
  const bobs = {
    ratings: { ownership: 1, accountability: 2, repair: 4, behavioural_change: 1 },
    recommendation: "no",
    notes: [{ id: "b1", dimension: "repair", elapsedSeconds: 300, text: "SECRET-EVIDENCE of repair" }],
  };
  expect((await post(bob, card(bobs))).status).toBe(200);
});

describe("independence", () => {
  const cases: [IndependenceMode, boolean, boolean][] = [
    // mode, Alice sees Bob before her own submission, after it
    ["never", false, false],
    ["after_submit", false, true],
    ["always", true, true],
  ];
  it.each(cases)(
    "mode %s: before own submission %s, after %s — asked for directly, not through the page",
    async (mode, before, after) => {
      setIndependenceMode(mode, lead.id);
      const early = await debriefAs(alice);
      expect(early.status).toBe(200);
      expect(early.text.includes("SECRET-EVIDENCE")).toBe(before);
      expect(early.text.includes('"recommendation":"no"')).toBe(before);

      // Her own scorecard page never carries another panellist's data either.
      const own = await scorecardLoader({
        request: await request(`/interviews/${interviewId}/scorecard`, { cookie: await cookieOf(alice) }),
        params: { interviewId: String(interviewId) },
        context: {},
      });
      expect(await own.text()).not.toContain("SECRET-EVIDENCE");

      expect((await post(alice, card())).status).toBe(200);
      const late = await debriefAs(alice);
      expect(late.text.includes("SECRET-EVIDENCE")).toBe(after);
      // Leads always see everything.
      expect((await debriefAs(lead)).text).toContain("SECRET-EVIDENCE");
    },
  );

  it("answers 404 to someone neither on the panel nor a lead", async () => {
    const outsider = await createUser();
    expect((await debriefAs(outsider)).status).toBe(404);
  });

  it("shows the spread per dimension and a split recommendation", async () => {
    await post(alice, card());
    const { text } = await debriefAs(lead);
    const data = JSON.parse(text);
    expect(data.spread.dimensions.find((d: { dimension: string }) => d.dimension === "ownership")).toMatchObject({
      spread: 2,
      wide: true,
    });
    expect(data.spread.dimensions.find((d: { dimension: string }) => d.dimension === "accountability")).toMatchObject({
      spread: 1,
      wide: false,
    });
    expect(data.spread.split).toBe(true);
  });
});

describe("overdue scorecards", () => {
  it("marks a panellist who has not submitted a day after the interview, and lists it for leads only", async () => {
    const { text } = await debriefAs(lead);
    const panel = JSON.parse(text).panel as { name: string; overdue: boolean }[];
    expect(panel.map((m) => [m.name, m.overdue])).toEqual([
      ["Alice", true],
      ["Bob", false],
    ]);
    const res = await overdueLoader({
      request: await request("/overdue", { cookie: await cookieOf(lead) }),
      params: {},
      context: {},
    });
    const { overdue } = await res.json();
    expect(overdue).toContainEqual(
      expect.objectContaining({ interviewId, interviewerName: "Alice", status: "not_started" }),
    );
    expect(
      overdue.some(
        (o: { interviewerName: string; interviewId: number }) =>
          o.interviewId === interviewId && o.interviewerName === "Bob",
      ),
    ).toBe(false);
    const refused = await overdueLoader({
      request: await request("/overdue", { cookie: await cookieOf(alice) }),
      params: {},
      context: {},
    }).catch((e: unknown) => e as Response);
    expect(refused.status).toBe(404);
  });
});

describe("amendments", () => {
  const amend = (over: Record<string, unknown>) =>
    post(
      bob,
      card({
        intent: "amend",
        baseRevision: 1,
        ratings: { ownership: 2, accountability: 2, repair: 4, behavioural_change: 1 },
        recommendation: "no",
        notes: undefined,
        ...over,
      }),
    );

  it("needs a written reason and changes nothing without one", async () => {
    const res = await amend({ reason: "  " });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.reason).toMatch(/Say why/);
    expect(getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewerId, bob.id)).get()).toMatchObject({
      revision: 1,
    });
  });

  it("keeps the previous revision, logs who, when, why and what changed", async () => {
    const res = await amend({ reason: "Misheard the ownership part; re-read my notes." });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ autosave: true, kind: "amended", revision: 2, afterSeeingOthers: false });
    const scorecard = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewerId, bob.id)).get()!;
    expect(scorecard).toMatchObject({ status: "submitted", revision: 2, weightedScore: 2.05 });
    const revisions = getDb()
      .select()
      .from(t.scorecardRevisions)
      .where(eq(t.scorecardRevisions.scorecardId, scorecard.id))
      .orderBy(t.scorecardRevisions.revision)
      .all();
    expect(
      revisions.map((r) => [
        r.revision,
        r.reason,
        (r.snapshot as { ratings: Record<string, number> }).ratings.ownership,
      ]),
    ).toEqual([
      [1, null, 1],
      [2, "Misheard the ownership part; re-read my notes.", 2],
    ]);
    const log = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "scorecard.amended")).all();
    expect(log).toEqual([
      expect.objectContaining({
        actorId: bob.id,
        entityId: scorecard.id,
        at: expect.stringMatching(/^\d{4}-/),
        detail: {
          reason: "Misheard the ownership part; re-read my notes.",
          afterSeeingOthers: false,
          changes: [{ field: "ratings.ownership", from: 1, to: 2 }],
        },
      }),
    ]);
  });

  it("marks an amendment made after the author saw the other panellists' scorecards", async () => {
    await post(alice, card());
    await debriefAs(bob); // Bob reads Alice's scorecard
    const res = await amend({ reason: "Changed my mind after the debrief." });
    expect(await res.json()).toMatchObject({ autosave: true, kind: "amended", afterSeeingOthers: true });
  });

  it("shows the panel and the lead the marker and the scores from before the author saw the panel", async () => {
    await post(alice, card());
    await debriefAs(bob); // Bob reads Alice's scorecard, then amends to match it
    expect(
      (
        await amend({
          reason: "Matched the panel.",
          ratings: { ownership: 3, accountability: 3, repair: 2, behavioural_change: 3 },
          recommendation: "yes",
        })
      ).status,
    ).toBe(200);
    for (const viewer of [alice, lead]) {
      const { status, text } = await debriefAs(viewer);
      expect(status).toBe(200);
      const bobsCard = (
        JSON.parse(text) as {
          scorecards: { interviewerId: number; ratings: Record<string, number>; amendedAfterSeeing: unknown }[];
        }
      ).scorecards.find((c) => c.interviewerId === bob.id)!;
      expect(bobsCard.ratings).toEqual({ ownership: 3, accountability: 3, repair: 2, behavioural_change: 3 });
      expect(bobsCard.amendedAfterSeeing).toMatchObject({
        count: 1,
        lastReason: "Matched the panel.",
        original: {
          ratings: { ownership: 1, accountability: 2, repair: 4, behavioural_change: 1 },
          recommendation: "no",
        },
      });
      const alicesCard = JSON.parse(text).scorecards.find(
        (c: { interviewerId: number }) => c.interviewerId === alice.id,
      );
      expect(alicesCard.amendedAfterSeeing).toBeNull();
    }
    // The calibration dashboard counts it for Bob, and for no one else.
    const { loader: interviewersLoader } = await import("~/routes/calibration.interviewers");
    const res = (await interviewersLoader({
      request: await request("/calibration/interviewers", { cookie: await cookieOf(lead) }),
      params: {},
      context: {},
    })) as Response;
    const counts = (await res.json()).amendedAfterSeeing as Record<string, number>;
    expect([counts[bob.email], counts[alice.email]]).toEqual([1, undefined]);
  });

  it("shows no marker for an amendment made before seeing the panel", async () => {
    expect((await amend({ reason: "Re-read my notes." })).status).toBe(200);
    await post(alice, card());
    const { text } = await debriefAs(lead);
    const bobsCard = JSON.parse(text).scorecards.find((c: { interviewerId: number }) => c.interviewerId === bob.id);
    expect(bobsCard.amendedAfterSeeing).toBeNull();
  });

  it("refuses an amendment that changes nothing, one on a stale revision, and one on a draft", async () => {
    const same = await post(
      bob,
      card({
        intent: "amend",
        baseRevision: 1,
        reason: "no-op",
        ratings: { ownership: 1, accountability: 2, repair: 4, behavioural_change: 1 },
        recommendation: "no",
        notes: undefined,
      }),
    );
    expect(same.status).toBe(400);
    expect((await amend({ reason: "stale", baseRevision: 0 })).status).toBe(409);
    const draftOnly = await post(alice, card({ intent: "amend", reason: "why" }));
    expect(draftOnly.status).toBe(409);
    const mine = getDb()
      .select({ id: t.scorecards.id })
      .from(t.scorecards)
      .where(eq(t.scorecards.interviewId, interviewId))
      .all()
      .map((c) => c.id);
    expect(
      getDb()
        .select()
        .from(t.scorecardRevisions)
        .all()
        .filter((r) => mine.includes(r.scorecardId) && r.reason !== null),
    ).toEqual([]);
  });

  it("refuses plain saves on a submitted scorecard: amendment is the only way", async () => {
    const res = await post(bob, card({ intent: "save", baseRevision: 1 }));
    expect(res.status).toBe(409);
  });
});
