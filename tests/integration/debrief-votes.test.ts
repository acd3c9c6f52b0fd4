import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { setIndependenceMode } from "~/models/settings.server";
import { loader as decisionsLoader } from "~/routes/calibration.decisions";
import { action as debriefAction, loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";
import { submitScorecard, type User } from "../support/route-calls";

let alice: User;
let bob: User;
let cara: User;
let lead: User;
let interviewId: number;

// Every panellist rates 3 everywhere: recommendations against a 3.0 weighted score need a justification.
const RATINGS = { ownership: 3, accountability: 3, repair: 3, behavioural_change: 3 };
const submit = (user: User, recommendation: string) =>
  submitScorecard(user, interviewId, RATINGS, { recommendation, justification: "Read with the follow-ups." });

async function post(user: User, form: Record<string, string>) {
  const req = await request(`/interviews/${interviewId}`, { cookie: await sessionCookieFor(user.id), form });
  const res = await debriefAction({ request: req, params: { interviewId: String(interviewId) }, context: {} }).catch(
    (e: unknown) => e as Response,
  );
  return { status: res.status, body: res.status === 400 ? await res.json() : null };
}

async function page(user: User) {
  const res = await debriefLoader({
    request: await request(`/interviews/${interviewId}`, { cookie: await sessionCookieFor(user.id) }),
    params: { interviewId: String(interviewId) },
    context: {},
  });
  return res.json();
}

const votes = () =>
  getDb()
    .select()
    .from(t.debriefVotes)
    .where(eq(t.debriefVotes.interviewId, interviewId))
    .orderBy(t.debriefVotes.id)
    .all();

beforeEach(async () => {
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
  cara = await createUser({ name: "Cara" });
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  interviewId = createInterview({ panel: [alice, bob, cara], scheduledAt: new Date(Date.now() - 2 * 86_400_000) }).id;
  setIndependenceMode("after_submit", lead.id);
});

describe("the structured debrief", () => {
  it("starts only once the whole panel has submitted, and locks each submitted recommendation as the independent vote", async () => {
    await submit(alice, "strong_yes");
    await submit(bob, "no");
    const early = await post(lead, { intent: "open" });
    expect(early).toEqual({
      status: 400,
      body: { errors: { form: expect.stringMatching(/1 of 3 scorecards are not in yet/) } },
    });
    expect(getDb().select().from(t.debriefs).where(eq(t.debriefs.interviewId, interviewId)).all()).toEqual([]);

    await submit(cara, "yes");
    expect((await post(lead, { intent: "open" })).status).toBe(302);
    expect(votes().map((v) => [v.interviewerId, v.round, v.recommendation])).toEqual([
      [alice.id, "independent", "strong_yes"],
      [bob.id, "independent", "no"],
      [cara.id, "independent", "yes"],
    ]);
    // Started twice: refused, nothing doubled.
    expect((await post(lead, { intent: "open" })).status).toBe(400);
    expect(votes()).toHaveLength(3);

    // An amendment after the debrief started does not rewrite the locked vote.
    const amend = await (async () => {
      const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
        method: "POST",
        headers: { Cookie: await sessionCookieFor(bob.id), "Content-Type": "application/json" },
        body: JSON.stringify({
          intent: "amend",
          baseRevision: 1,
          rubricVersionId: 1,
          reason: "Heard the panel.",
          ratings: { ownership: 3, accountability: 3, repair: 3, behavioural_change: 3 },
          capJustifications: {},
          redFlags: [],
          star: [],
          recommendation: "yes",
          recommendationJustification: "",
        }),
      });
      return (await scorecardAction({
        request: req,
        params: { interviewId: String(interviewId) },
        context: {},
      })) as Response;
    })();
    expect(amend.status).toBe(200);
    expect(votes().find((v) => v.interviewerId === bob.id)!.recommendation).toBe("no");
  });

  it("records re-votes with reasons, keeps the change, records the decision, all in the audit log", async () => {
    await submit(alice, "strong_yes");
    await submit(bob, "no");
    await submit(cara, "yes");
    await post(lead, { intent: "open" });

    const noReason = await post(lead, {
      intent: "revote",
      interviewerId: String(bob.id),
      recommendation: "yes",
      reason: "  ",
    });
    expect(noReason).toEqual({ status: 400, body: { errors: { "revote.reason": expect.stringMatching(/Say why/) } } });
    const outsider = await createUser();
    expect(
      (await post(lead, { intent: "revote", interviewerId: String(outsider.id), recommendation: "yes", reason: "x" }))
        .body.errors,
    ).toEqual({
      "revote.interviewerId": "Choose a panellist of this interview.",
    });
    expect(votes()).toHaveLength(3);

    expect(
      (
        await post(lead, {
          intent: "revote",
          interviewerId: String(bob.id),
          recommendation: "yes",
          reason: "Alice's repair evidence convinced me.",
        })
      ).status,
    ).toBe(302);
    expect(
      (
        await post(lead, {
          intent: "revote",
          interviewerId: String(bob.id),
          recommendation: "strong_yes",
          reason: "again",
        })
      ).status,
    ).toBe(400);
    expect(
      votes()
        .filter((v) => v.interviewerId === bob.id)
        .map((v) => [v.round, v.recommendation, v.reason]),
    ).toEqual([
      ["independent", "no", ""],
      ["revote", "yes", "Alice's repair evidence convinced me."],
    ]);

    expect((await post(lead, { intent: "decide", decision: "maybe", note: "x" })).body.errors).toEqual({
      "decide.decision": "Choose hire or no hire",
    });
    expect((await post(lead, { intent: "decide", decision: "hire", note: "" })).body.errors).toEqual({
      "decide.note": expect.stringMatching(/what the decision rests on/),
    });
    expect(
      (await post(lead, { intent: "decide", decision: "hire", note: "Strong repair and a real mechanism." })).status,
    ).toBe(302);
    expect(getDb().select().from(t.debriefs).where(eq(t.debriefs.interviewId, interviewId)).get()).toMatchObject({
      decision: "hire",
      decisionNote: "Strong repair and a real mechanism.",
      decidedBy: lead.id,
    });
    // Decided: the votes are closed.
    expect(
      (await post(lead, { intent: "revote", interviewerId: String(cara.id), recommendation: "no", reason: "late" }))
        .status,
    ).toBe(400);

    const log = getDb()
      .select({ action: t.auditLog.action, detail: t.auditLog.detail })
      .from(t.auditLog)
      .where(and(eq(t.auditLog.entity, "debrief"), eq(t.auditLog.entityId, interviewId)))
      .all();
    expect(log.map((l) => l.action)).toEqual(["debrief.opened", "debrief.revote", "debrief.decided"]);
    expect(log[1].detail).toEqual({
      interviewerId: bob.id,
      from: "no",
      to: "yes",
      reason: "Alice's repair evidence convinced me.",
    });

    const { debrief } = await page(lead);
    expect(debrief).toMatchObject({
      decision: "hire",
      votes: expect.arrayContaining([expect.objectContaining({ interviewerId: bob.id, round: "revote" })]),
    });
  });

  it("is run by leads only; a panellist reads it only once they may see the panel", async () => {
    await submit(alice, "yes");
    expect((await post(alice, { intent: "open" })).status).toBe(404);
    await submit(bob, "no");
    await submit(cara, "yes");
    await post(lead, { intent: "open" });
    expect((await page(alice)).debrief).toMatchObject({ votes: expect.any(Array) });
    setIndependenceMode("never", lead.id);
    expect((await page(alice)).debrief).toBeNull();
  });
});

describe("calibration: agreement with final decisions", () => {
  it("shows per interviewer how their votes compare with decisions and how they changed, with Fleiss' kappa", async () => {
    await submit(alice, "strong_yes");
    await submit(bob, "no");
    await submit(cara, "yes");
    await post(lead, { intent: "open" });
    await post(lead, {
      intent: "revote",
      interviewerId: String(bob.id),
      recommendation: "yes",
      reason: "Convinced by the repair evidence.",
    });
    await post(lead, { intent: "decide", decision: "hire", note: "Strong." });

    const res = await decisionsLoader({
      request: await request("/calibration/decisions", { cookie: await sessionCookieFor(lead.id) }),
      params: {},
      context: {},
    });
    const data = await res.json();
    expect(data.decided).toBeGreaterThanOrEqual(1);
    const bobRow = data.interviewers.find((r: { interviewerId: number }) => r.interviewerId === bob.id);
    expect(bobRow).toEqual({
      interviewerId: bob.id,
      name: "Bob",
      debriefs: 1,
      independentAgreed: 0,
      finalAgreed: 1,
      changed: 1,
      toward: 1,
      away: 0,
      sideways: 0,
    });
    expect(data.kappaIndependent).not.toBeNull();
    const refused = await decisionsLoader({
      request: await request("/calibration/decisions", { cookie: await sessionCookieFor(alice.id) }),
      params: {},
      context: {},
    }).catch((e: unknown) => e as Response);
    expect(refused.status).toBe(404);
  });
  it("answers 404 to a lead posting to an interview that does not exist, and records nothing", async () => {
    const missing = interviewId + 1000;
    const before = getDb().select().from(t.debriefs).all();
    const req = await request(`/interviews/${missing}`, {
      cookie: await sessionCookieFor(lead.id),
      form: { intent: "open" },
    });
    const res = await debriefAction({ request: req, params: { interviewId: String(missing) }, context: {} }).catch(
      (e: unknown) => e as Response,
    );
    expect(res.status).toBe(404);
    expect(getDb().select().from(t.debriefs).all()).toEqual(before);
  });
});
