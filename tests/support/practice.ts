// Shared by the practice tests (practice*.test.ts): the seed exemplars, a lead and an admin, and the
// practice routes called as a user.
import { count } from "drizzle-orm";
import { beforeAll, expect } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { ensureSeedExemplars } from "~/models/exemplar.server";
import { loader as scorecardLoader } from "~/routes/interviews.$interviewId.scorecard";
import { action as practiceAction, loader as practiceLoader } from "~/routes/practice";
import { createUser, request } from "./factories";
import { cookieOf, settle, submitScorecard, type User } from "./route-calls";

export let lead: User;
export let admin: User;

/** The seed exemplars, and this file's lead and admin, before its tests. */
export function usePracticeSetup(): void {
  beforeAll(async () => {
    ensureSeedExemplars(getDb());
    lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
    admin = await createUser({ name: "Ada Admin", roles: ["admin", "lead"] });
  });
}

export const PIP = 1; // SEED_EXEMPLARS[0], key 3 3 4 3
export const API = 2; // SEED_EXEMPLARS[1], key 4 4 3 4

export const practise = async (user: User, form: Record<string, string>) =>
  settle(
    practiceAction({
      request: await request("/practice", { cookie: await cookieOf(user), form }),
      params: {},
      context: {},
    }),
  );
export const practicePage = async (user: User) =>
  settle(
    practiceLoader({ request: await request("/practice", { cookie: await cookieOf(user) }), params: {}, context: {} }),
  );
export const scorecardPage = async (user: User, interviewId: number) =>
  settle(
    scorecardLoader({
      request: await request(`/interviews/${interviewId}/scorecard`, { cookie: await cookieOf(user) }),
      params: { interviewId: String(interviewId) },
      context: {},
    }),
  );

export async function startedInterview(user: User, exemplarId: number): Promise<number> {
  const res = await practise(user, { intent: "practise", exemplarId: String(exemplarId) });
  expect(res.status).toBe(302);
  const match = /^\/interviews\/(\d+)\/scorecard$/.exec(res.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

/** Submits a practice (or real) scorecard through the real action; it must be accepted. */
export const submit = (
  user: User,
  interviewId: number,
  ratings: Record<string, number>,
  recommendation = "yes",
  redFlags: string[] = [],
) => submitScorecard(user, interviewId, ratings, { recommendation, redFlags, justification: "Practice run." });

export const rows = () => ({
  candidates: getDb().select({ n: count() }).from(t.candidates).get()!.n,
  interviews: getDb().select({ n: count() }).from(t.interviews).get()!.n,
  panel: getDb().select({ n: count() }).from(t.panelAssignments).get()!.n,
  exemplars: getDb().select({ n: count() }).from(t.exemplars).get()!.n,
  audit: getDb().select({ n: count() }).from(t.auditLog).get()!.n,
});
