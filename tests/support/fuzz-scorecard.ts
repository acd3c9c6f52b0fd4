// Shared by the scorecard fuzz tests (fuzz-scorecard.slow.test.ts): the interviews the payloads aim at,
// and the arbitraries for where a request goes and what a valid draft holds.
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser } from "./factories";
import {
  actorCookies,
  brokenJsonText,
  hostileIdParam,
  hostileJson,
  IMG_TAG,
  jsonMutation,
  jsonRequest,
  mutateJson,
  printTally,
  RawJson,
  SCRIPT,
  useHttpBase,
  type Actor,
  type Call,
} from "./fuzz-kit";
import { startBuiltApp } from "./fuzz-server";

export type User = Awaited<ReturnType<typeof createUser>>;
export const DIMS = DEFAULT_RUBRIC.dimensions.map((d) => d.key);
export const FLAGS = DEFAULT_RUBRIC.redFlags.map((f) => f.key);
export const STAR = DEFAULT_RUBRIC.star.map((s) => s.key);

export let me: User;
export let colleague: User;
export let cookieOf: (who: Actor) => string | undefined;
export let submittedId: number;
export let otherId: number;
export const draftPool: number[] = [];

export const card = (interviewId: number) =>
  getDb()
    .select()
    .from(t.scorecards)
    .where(and(eq(t.scorecards.interviewId, interviewId), eq(t.scorecards.interviewerId, me.id)))
    .get();

/** An interview of mine whose scorecard is not submitted; a new one once all are. */
export function draftInterview(): number {
  const open = draftPool.find((id) => card(id)?.status !== "submitted");
  if (open) return open;
  const id = createInterview({ panel: [me, colleague] }).id;
  draftPool.push(id);
  return id;
}

export const complete = {
  intent: "submit",
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 2, accountability: 3, repair: 3, behavioural_change: 4 },
  capJustifications: {},
  redFlags: [],
  star: ["situation"],
  recommendation: "yes",
  recommendationJustification: "",
  notes: [{ id: "n-1", dimension: "ownership", elapsedSeconds: 10, text: "First person." }],
};
/**
 * Before the file's tests: the built app over HTTP, me and a colleague on a pool of draft interviews,
 * one interview I have submitted and one I am not on. After them, the tally.
 */
export function useScorecardFuzzFixtures(): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const app = await startBuiltApp();
    close = app.close;
    useHttpBase(app.base);
    me = await createUser({ name: "Fuzz Interviewer" });
    colleague = await createUser();
    const lead = await createUser({ roles: ["lead"] });
    cookieOf = await actorCookies(me, lead); // a lead not on the panel is the wrong person here
    for (let i = 0; i < 3; i++) draftPool.push(createInterview({ panel: [me, colleague] }).id);
    submittedId = createInterview({ panel: [me, colleague] }).id;
    otherId = createInterview({ panel: [colleague, lead] }).id;
    const res = (await action({
      request: jsonRequest(`/interviews/${submittedId}/scorecard`, JSON.stringify(complete), cookieOf("right")),
      params: { interviewId: String(submittedId) },
      context: {},
    })) as Response;
    if (res.status !== 200) throw new Error(`setup submit failed: ${res.status} ${await res.text()}`);
  });

  afterAll(async () => {
    printTally("fuzz-scorecard");
    await close?.();
  });
}

// Where the request goes: an interview of mine (draft or submitted), someone else's, none, or a malformed id.
export const target = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      "$DRAFT",
      "$DRAFT",
      "$DRAFT",
      "$DRAFT",
      "$DRAFT",
      "$DRAFT",
      "$SUBMITTED",
      "$SUBMITTED",
      "$OTHER",
      "$MISSING",
    ),
  },
  { weight: 1, arbitrary: hostileIdParam },
);

export function resolveTarget(token: string): string {
  if (token === "$DRAFT") return String(draftInterview());
  if (token === "$SUBMITTED") return String(submittedId);
  if (token === "$OTHER") return String(otherId);
  if (token === "$MISSING") return "987654";
  return token;
}

export function revisionTokens(interviewId: string) {
  const rev = () => card(Number(interviewId))?.revision ?? 0;
  return {
    $REV: rev,
    $STALE_REV: () => (rev() > 0 ? rev() - 1 : rev() + 1),
    $FUTURE_REV: () => rev() + 5,
  };
}

export const rating = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(null));
export const validDraft = fc.record({
  intent: fc.constantFrom("save", "save", "save", "submit", "amend"),
  baseRevision: fc.constantFrom<unknown>("$REV", "$REV", "$REV", "$REV", "$REV", "$STALE_REV", "$FUTURE_REV", 0),
  rubricVersionId: fc.constantFrom<unknown>(1, 1, 1, 1, 1, "1", 2, 0),
  ratings: fc.record(Object.fromEntries(DIMS.map((d) => [d, rating])), { requiredKeys: [] }),
  capJustifications: fc.record(Object.fromEntries(DIMS.map((d) => [d, fc.constantFrom("Strong evidence.", SCRIPT)])), {
    requiredKeys: [],
  }),
  redFlags: fc.subarray(FLAGS, { maxLength: 2 }),
  star: fc.subarray(STAR),
  recommendation: fc.constantFrom(null, "strong_no", "no", "yes", "strong_yes"),
  recommendationJustification: fc.constantFrom("", "On balance.", SCRIPT),
  reason: fc.constantFrom("Misread a rating.", "", SCRIPT),
  notes: fc.array(
    fc.record({
      id: fc.constantFrom("n-1", "n-2", "note_3"),
      dimension: fc.constantFrom(...DIMS),
      elapsedSeconds: fc.nat(86_400),
      text: fc.constantFrom("Said “I decided”.", SCRIPT, IMG_TAG),
    }),
    { maxLength: 3 },
  ),
  timer: fc.record({ elapsedMs: fc.nat(3_600_000), runningSince: fc.constantFrom(null, 1_700_000_000_000) }),
});

export const PATHS = [
  ["intent"],
  ["baseRevision"],
  ["rubricVersionId"],
  ["ratings"],
  ["ratings", "ownership"],
  ["ratings", "behavioural_change"],
  ["capJustifications"],
  ["capJustifications", "repair"],
  ["redFlags"],
  ["redFlags", "0"],
  ["star"],
  ["recommendation"],
  ["recommendationJustification"],
  ["reason"],
  ["notes"],
  ["notes", "0"],
  ["notes", "0", "id"],
  ["notes", "0", "text"],
  ["notes", "0", "dimension"],
  ["notes", "0", "elapsedSeconds"],
  ["timer"],
  ["timer", "elapsedMs"],
  ["timer", "runningSince"],
];

export const jsonBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(validDraft, fc.array(jsonMutation(PATHS), { minLength: 1, maxLength: 3 }))
      .map(([d, ms]) => mutateJson(d, ms)) as fc.Arbitrary<unknown>,
  },
  { weight: 4, arbitrary: validDraft as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: hostileJson },
  { weight: 1, arbitrary: brokenJsonText.map((text) => new RawJson(text)) },
);

export const post = (interviewId: string, request: Request): Call => ({ action, request, params: { interviewId } });
