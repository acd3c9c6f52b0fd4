// Calling routes' loaders and actions directly, as the signed-in users of a test file.
import { expect } from "vitest";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { sessionCookieFor, type createUser } from "./factories";

export type User = Awaited<ReturnType<typeof createUser>>;

// One real session per user per test file (each file has its own module instance and database).
const cookies = new Map<number, string>();
export const cookieOf = async (u: { id: number }) =>
  cookies.get(u.id) ?? cookies.set(u.id, await sessionCookieFor(u.id)).get(u.id)!;

/** Runs a loader or action; a thrown Response (404, redirect) is returned like a returned one. */
export const settle = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: unknown) => e as Response,
  );

/** Submits `user`'s scorecard for the interview (rubric v1) through the real action; it must be accepted. */
export async function submitScorecard(
  user: User,
  interviewId: number,
  ratings: Record<string, number>,
  opts: { recommendation?: string; redFlags?: string[]; justification?: string } = {},
) {
  const body = {
    intent: "submit",
    baseRevision: 0,
    rubricVersionId: 1,
    ratings,
    capJustifications: {},
    redFlags: opts.redFlags ?? [],
    star: [],
    recommendation: opts.recommendation ?? "yes",
    recommendationJustification: opts.justification ?? "Panel test.",
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
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A form POST to `path` on http://localhost as `cookie`'s user; a field given a list repeats (a checkbox group). */
export function formPost(path: string, fields: Record<string, string | string[]>, cookie: string): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}
