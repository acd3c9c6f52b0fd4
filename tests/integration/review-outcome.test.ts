// Calibration reviews: recording the outcome (notes, decisions, versions and the audit log).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { createUser } from "../support/factories";
import {
  lead,
  useReviewPeople,
  show,
  postReview,
  splitInterview,
  openFor,
  reviewRow,
  auditCount,
  versionOf,
} from "../support/reviews";

useReviewPeople();

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
