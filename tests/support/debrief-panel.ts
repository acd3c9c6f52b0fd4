// Shared by the debrief tests (debrief-*.test.ts): a panel of Alice and Bob where Bob has submitted,
// with a note nobody else should read before submitting their own.
import { beforeEach, expect } from "vitest";
import { setIndependenceMode } from "~/models/settings.server";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { createInterview, createUser, request } from "./factories";
import { cookieOf, type User } from "./route-calls";

export let alice: User;
export let bob: User;
export let lead: User;
export let interviewId: number;

export const card = (over: Record<string, unknown> = {}) => ({
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

export async function post(user: User, body: Record<string, unknown>) {
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

export async function debriefAs(user: User) {
  const res = await debriefLoader({
    request: await request(`/interviews/${interviewId}`, { cookie: await cookieOf(user) }),
    params: { interviewId: String(interviewId) },
    context: {},
  }).catch((e: unknown) => e as Response);
  return { status: res.status, text: await res.text() };
}

/** Before each test: Alice and Bob on a panel three days ago, a lead, independence "after submit", and Bob's submitted scorecard. */
export function useDebriefPanel(): void {
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
}
