// Shared by the calibration review tests (review-*.test.ts): a lead, an interviewer and a split panel
// (Alice and Bob), and the review list and review page called as those users.
import { count, eq } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as listAction, loader as listLoader } from "~/routes/calibration.reviews";
import { action as reviewAction, loader as reviewLoader } from "~/routes/calibration.reviews_.$reviewId";
import { createInterview, createUser, request } from "./factories";
import { cookieOf, settle, submitScorecard, type User } from "./route-calls";

export let lead: User;
export let interviewer: User;
export let alice: User;
export let bob: User;

/** Creates this file's lead, interviewer, Alice and Bob before its tests. */
export function useReviewPeople(): void {
  beforeAll(async () => {
    lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
    interviewer = await createUser({ name: "Ivan Interviewer" });
    alice = await createUser({ name: "Alice" });
    bob = await createUser({ name: "Bob" });
  });
}

export const list = async (user: User, search = "") =>
  settle(
    listLoader({
      request: await request(`/calibration/reviews${search}`, { cookie: await cookieOf(user) }),
      params: {},
      context: {},
    }),
  );
export const postList = async (user: User, form: Record<string, string>) =>
  settle(
    listAction({
      request: await request("/calibration/reviews", { cookie: await cookieOf(user), form }),
      params: {},
      context: {},
    }),
  );
export const show = async (user: User, reviewId: number | string) =>
  settle(
    reviewLoader({
      request: await request(`/calibration/reviews/${reviewId}`, { cookie: await cookieOf(user) }),
      params: { reviewId: String(reviewId) },
      context: {},
    }),
  );
export const postReview = async (user: User, reviewId: number, form: Record<string, string>) =>
  settle(
    reviewAction({
      request: await request(`/calibration/reviews/${reviewId}`, { cookie: await cookieOf(user), form }),
      params: { reviewId: String(reviewId) },
      context: {},
    }),
  );

/** A split panel: Alice reads the answer strong, Bob weak. */
export async function splitInterview(candidateName: string) {
  const interview = createInterview({
    panel: [alice, bob],
    scheduledAt: new Date(Date.now() - 2 * 86_400_000),
    candidateName,
  });
  await submitScorecard(alice, interview.id, { ownership: 4, accountability: 3, repair: 3, behavioural_change: 4 });
  await submitScorecard(
    bob,
    interview.id,
    { ownership: 2, accountability: 2, repair: 3, behavioural_change: 1 },
    {
      recommendation: "no",
    },
  );
  return interview;
}

export async function openFor(interviewId: number): Promise<number> {
  const res = await postList(lead, { intent: "open", interviewId: String(interviewId) });
  expect(res.status).toBe(302);
  const match = /^\/calibration\/reviews\/(\d+)$/.exec(res.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

export const reviewRow = (id: number) =>
  getDb().select().from(t.calibrationReviews).where(eq(t.calibrationReviews.id, id)).get()!;
export const reviewCount = () => getDb().select({ n: count() }).from(t.calibrationReviews).get()!.n;
export const auditCount = () => getDb().select({ n: count() }).from(t.auditLog).get()!.n;
export const versionOf = async (id: number) =>
  ((await (await show(lead, id)).json()) as { review: { version: string } }).review.version;
