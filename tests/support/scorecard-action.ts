// Shared by the scorecard action tests (scorecard-autosave, scorecard-submit): before each test a new
// interview with me and a colleague on its panel, and my saves and submits sent to the real action.
import { sql } from "drizzle-orm";
import { beforeEach, expect } from "vitest";
import { getDb } from "~db/client";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, sessionCookieFor } from "./factories";

export type Json = Record<string, unknown>;
export let cookie: string;
export let userId: number;
export let interviewId: number;

/** Before each test: a new interview with me and a colleague on its panel, and my session. */
export function useScorecardInterview(): void {
  beforeEach(async () => {
    const me = await createUser();
    const colleague = await createUser();
    userId = me.id;
    interviewId = createInterview({ panel: [me, colleague] }).id;
    cookie = await sessionCookieFor(me.id);
  });
}

export const draft = (over: Json = {}): Json => ({
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
export const complete = (over: Json = {}): Json =>
  draft({
    ratings: { ownership: 2, accountability: 3, repair: 3, behavioural_change: 4 },
    recommendation: "yes",
    ...over,
  });

export async function post(body: Json | string, opts: { as?: string; id?: number | string } = {}) {
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

export async function postForm(form: Record<string, string | string[]>) {
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
export function stored() {
  return getDb().all(sql`
    select s.*, (select json_group_array(dimension_key || '=' || score) from ratings r where r.scorecard_id = s.id) as r,
      (select json_group_array(flag_key) from raised_red_flags f where f.scorecard_id = s.id) as f,
      (select json_group_array(star_key) from star_ticks x where x.scorecard_id = s.id) as x,
      (select json_group_array(client_id || ':' || text) from evidence_notes n where n.scorecard_id = s.id) as n
    from scorecards s where s.interview_id = ${interviewId}`);
}

export async function expectRefused(response: Promise<Response>, status: number, message: RegExp) {
  const before = stored();
  const res = await response.catch((e: unknown) => e as Response);
  expect(res.status).toBe(status);
  const text = await res.text();
  expect(text).toMatch(message);
  expect(stored()).toEqual(before);
}
