// Shared by the admin fuzz files (fuzz-admin-*.slow.test.ts): the records the hostile payloads aim at,
// sending a post as one of the actors, and the admin-only check on every answer.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { ensureSeedExemplars, listExemplars, startPractice } from "~/models/exemplar.server";
import { deactivateUser } from "~/models/user.server";
import { createInterview, createUser } from "./factories";
import {
  actorCookies,
  formRequest,
  printTally,
  resolvePairs,
  useHttpBase,
  type Action,
  type Actor,
  type Call,
  type FormEncoding,
  type Pairs,
} from "./fuzz-kit";
import { startBuiltApp } from "./fuzz-server";

export type User = Awaited<ReturnType<typeof createUser>>;

export let admin: User;
export let cookieOf: (who: Actor) => string | undefined;
export const interviewers: User[] = [];
export let gone: User;
export let leadOnly: User;
export let lockedInterviewId: number;
export let unlockedInterviewId: number;
export let practiceInterviewId: number;
export let practiceCandidateId: number;
export let schedulableCandidateId: number;
export let erasedCandidateId: number;

export const userRow = (id: number) => getDb().select().from(t.users).where(eq(t.users.id, id)).get();
export const candidateRow = (id: number) => getDb().select().from(t.candidates).where(eq(t.candidates.id, id)).get();

let emailSequence = 0;
/** An email nobody has yet. */
export const newEmail = () => `fuzz${++emailSequence}@example.test`;

/**
 * Before the file's tests: the built app over HTTP, bystanders, an admin, a lead who is no admin,
 * interviewers (one deactivated), interviews with unlocked and locked panels, candidates (one
 * schedulable, one erased) and a practice interview. After them, the tally under `file`'s name.
 */
export function useAdminFuzzFixtures(file: string): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const app = await startBuiltApp();
    close = app.close;
    useHttpBase(app.base);
    // Users 1–10 are bystanders: hostile values include small numbers ("1", " 7 ", "01"), which the
    // people actions may then change or deactivate. The fixtures below get higher ids.
    for (let i = 0; i < 10; i++) await createUser({ name: `Bystander ${i}` });
    admin = await createUser({ roles: ["admin"], name: "Ada Admin" });
    leadOnly = await createUser({ roles: ["lead"], name: "Lena Lead" }); // signed in, not an admin
    cookieOf = await actorCookies(admin, leadOnly);
    for (let i = 0; i < 5; i++) interviewers.push(await createUser({ name: `Panel ${i}` }));
    gone = await createUser({ name: "Gone Interviewer" });
    deactivateUser(gone.id);

    unlockedInterviewId = createInterview({ panel: [interviewers[0], interviewers[1]] }).id;
    // Scoring has started (a draft scorecard exists): the panel is locked.
    lockedInterviewId = createInterview({ panel: [interviewers[0], interviewers[1]] }).id;
    getDb()
      .insert(t.scorecards)
      .values({
        interviewId: lockedInterviewId,
        interviewerId: interviewers[0].id,
        rubricVersionId: 1,
        variantKey: "default",
      })
      .run();

    schedulableCandidateId = getDb()
      .insert(t.candidates)
      .values({ name: "Sam Schedulable", targetLevel: "mid" })
      .returning()
      .get().id;
    erasedCandidateId = getDb()
      .insert(t.candidates)
      .values({ name: "Erased 1", targetLevel: "staff", erasedAt: new Date().toISOString() })
      .returning()
      .get().id;

    // A practice interview (on a seed exemplar): not a real interview, nor its candidate a real candidate.
    ensureSeedExemplars(getDb());
    const practice = startPractice(listExemplars()[0].id, interviewers[2].id);
    if (practice.kind === "not_found") throw new Error("no exemplar to practise on");
    practiceInterviewId = practice.interviewId;
    practiceCandidateId = getDb().select().from(t.interviews).where(eq(t.interviews.id, practiceInterviewId)).get()!
      .candidateId;
  }, 120_000);

  afterAll(async () => {
    printTally(file);
    await close?.();
  });
}

/** The request, with "$TOKEN" values resolved now (after any records prepare made). */
export function send(
  act: Action,
  path: string,
  params: Record<string, string>,
  pairs: Pairs,
  who: Actor,
  encoding: FormEncoding,
  tokens: Record<string, () => string> = {},
): Call {
  return {
    action: act,
    request: formRequest(path, resolvePairs(pairs, tokens), { cookie: cookieOf(who), encoding }),
    params,
  };
}

/**
 * Checks on every answer, besides the property: only the admin gets anything done (someone signed in
 * without the role gets a 404, anyone else is sent to sign in), and a redirect never leaves the site.
 * A 405 is no answer from an admin action at all: over HTTP an id of ".." takes the path to /admin,
 * which has no action.
 */
export function adminOnly(res: Response, who: Actor) {
  const location = res.headers.get("Location");
  if (location !== null && !/^\/(?![/\\])/.test(location))
    throw new Error(`redirected off the site: Location ${JSON.stringify(location)}`);
  if (who === "right" || res.status === 405) return;
  if (who === "wrong-role") {
    if (res.status !== 404)
      throw new Error(`a signed-in non-admin was answered ${res.status} ${location ?? ""}, not 404`);
  } else if (!(res.status === 302 && location?.startsWith("/login"))) {
    throw new Error(`a ${who} request was answered ${res.status} ${location ?? ""}, not sent to sign in`);
  }
}

/** Other records' ids, and ids of nothing, for any field that takes an id. */
export const ID_TOKENS = {
  $ADMIN: () => String(admin.id),
  $LEAD: () => String(leadOnly.id),
  $GONE: () => String(gone.id),
  $I0: () => String(interviewers[0].id),
  $I1: () => String(interviewers[1].id),
  $I2: () => String(interviewers[2].id),
  $I3: () => String(interviewers[3].id),
  $I4: () => String(interviewers[4].id),
  $CANDIDATE: () => String(schedulableCandidateId),
  $ERASED_CANDIDATE: () => String(erasedCandidateId),
  $PRACTICE_CANDIDATE: () => String(practiceCandidateId),
  $LOCKED_INTERVIEW: () => String(lockedInterviewId),
  $PRACTICE_INTERVIEW: () => String(practiceInterviewId),
  $MISSING: () => "987654",
};

export const checkboxes = (name: string, values: readonly string[]): Pairs =>
  values.map((v): [string, string] => [name, v]);
/** A field of the valid post: one of the good values four times in five, else one of the bad ones. */
export const mostly = <T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
