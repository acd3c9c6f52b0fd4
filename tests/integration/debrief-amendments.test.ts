// Amending a submitted scorecard: reasons, revisions, what the others see, and the audit.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { request } from "../support/factories";
import { cookieOf } from "../support/route-calls";
import { alice, bob, lead, interviewId, card, post, debriefAs, useDebriefPanel } from "../support/debrief-panel";

useDebriefPanel();

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
