// Calibration reviews: who may use them, opening one on a split panel, and a review's page.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { startPractice, ensureSeedExemplars } from "~/models/exemplar.server";
import { loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { request } from "../support/factories";
import { cookieOf } from "../support/route-calls";
import {
  lead,
  interviewer,
  alice,
  useReviewPeople,
  list,
  postList,
  show,
  postReview,
  splitInterview,
  openFor,
  reviewRow,
  reviewCount,
  auditCount,
  versionOf,
} from "../support/reviews";

useReviewPeople();

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
