// Hostile payloads against the scorecard action: autosave, submit and amend, as JSON (the autosave
// fetcher) and as a plain HTML form post.
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser } from "../support/factories";
import {
  actor,
  actorCookies,
  brokenJsonText,
  changedTables,
  fingerprint,
  formEncoding,
  formPayload,
  fuzzAction,
  hostileIdParam,
  hostileJson,
  IMG_TAG,
  jsonMutation,
  jsonRequest,
  mutateJson,
  printTally,
  RawJson,
  resolveJson,
  resolvePairs,
  SCRIPT,
  formRequest,
  toJsonText,
  useHttpBase,
  type Actor,
  type Call,
  type Pairs,
} from "../support/fuzz-kit";
import { startBuiltApp } from "../support/fuzz-server";

type User = Awaited<ReturnType<typeof createUser>>;
const DIMS = DEFAULT_RUBRIC.dimensions.map((d) => d.key);
const FLAGS = DEFAULT_RUBRIC.redFlags.map((f) => f.key);
const STAR = DEFAULT_RUBRIC.star.map((s) => s.key);

let me: User;
let colleague: User;
let cookieOf: (who: Actor) => string | undefined;
let submittedId: number;
let otherId: number;
const draftPool: number[] = [];

const card = (interviewId: number) =>
  getDb()
    .select()
    .from(t.scorecards)
    .where(and(eq(t.scorecards.interviewId, interviewId), eq(t.scorecards.interviewerId, me.id)))
    .get();

/** An interview of mine whose scorecard is not submitted; a new one once all are. */
function draftInterview(): number {
  const open = draftPool.find((id) => card(id)?.status !== "submitted");
  if (open) return open;
  const id = createInterview({ panel: [me, colleague] }).id;
  draftPool.push(id);
  return id;
}

const complete = {
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
  // Loading the built app takes over 10 s (the default hook timeout) on a busy shared machine.
}, 240_000);

afterAll(async () => {
  printTally("fuzz-scorecard");
  await close?.();
});

// Where the request goes: an interview of mine (draft or submitted), someone else's, none, or a malformed id.
const target = fc.oneof(
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

function resolveTarget(token: string): string {
  if (token === "$DRAFT") return String(draftInterview());
  if (token === "$SUBMITTED") return String(submittedId);
  if (token === "$OTHER") return String(otherId);
  if (token === "$MISSING") return "987654";
  return token;
}

function revisionTokens(interviewId: string) {
  const rev = () => card(Number(interviewId))?.revision ?? 0;
  return {
    $REV: rev,
    $STALE_REV: () => (rev() > 0 ? rev() - 1 : rev() + 1),
    $FUTURE_REV: () => rev() + 5,
  };
}

const rating = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(null));
const validDraft = fc.record({
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

const PATHS = [
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

const jsonBody = fc.oneof(
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

const post = (interviewId: string, request: Request): Call => ({ action, request, params: { interviewId } });

describe("the scorecard action under hostile payloads", () => {
  it("the harness sees a write to any table, audit_log included", () => {
    const before = fingerprint();
    const row = getDb().insert(t.auditLog).values({ action: "fuzz.self-check", entity: "none" }).returning().get();
    const changed = changedTables(before, fingerprint());
    getDb().delete(t.auditLog).where(eq(t.auditLog.id, row.id)).run();
    expect(changed.map((c) => c.split(" ")[0])).toEqual(["audit_log", "sqlite_sequence"]);
    expect(changedTables(before, fingerprint()).map((c) => c.split(" ")[0])).toEqual(["sqlite_sequence"]); // AUTOINCREMENT remembers
  });

  it("JSON autosave / submit / amend: never a 5xx, nothing stored when refused", { timeout: 120_000 }, async () => {
    await fuzzAction(
      "scorecard JSON (autosave, submit, amend)",
      fc.record({ body: jsonBody, target, who: actor }),
      async ({ body, target, who }) => {
        const interviewId = resolveTarget(target);
        const text = toJsonText(resolveJson(body, revisionTokens(interviewId)));
        return post(
          interviewId,
          jsonRequest(`/interviews/${encodeURIComponent(interviewId)}/scorecard`, text, cookieOf(who)),
        );
      },
      { numRuns: 300 },
    );
  });

  const FORM_NAMES = [
    "intent",
    "baseRevision",
    "rubricVersionId",
    ...DIMS.map((d) => `ratings.${d}`),
    ...DIMS.map((d) => `capJustifications.${d}`),
    "redFlags",
    "star",
    "recommendation",
    "recommendationJustification",
    "reason",
    "timer.elapsedMs",
    "timer.runningSince",
    "notes",
  ];
  const validForm: fc.Arbitrary<Pairs> = fc
    .record({
      intent: fc.constantFrom("save", "save", "submit", "submit", "amend"),
      baseRevision: fc.constantFrom("$REV", "$REV", "$REV", "$STALE_REV", "0"),
      ratings: fc.tuple(...DIMS.map(() => fc.constantFrom("", "1", "2", "3", "4"))),
      flags: fc.subarray(FLAGS, { maxLength: 2 }),
      star: fc.subarray(STAR),
      recommendation: fc.constantFrom("", "no", "yes", "strong_yes"),
      justification: fc.constantFrom("", "Because.", SCRIPT),
      reason: fc.constantFrom("", "Changed a rating.", SCRIPT),
    })
    .map((f) => [
      ["intent", f.intent],
      ["baseRevision", f.baseRevision],
      ["rubricVersionId", "1"],
      ...DIMS.map((d, i): [string, string] => [`ratings.${d}`, f.ratings[i]]),
      ...f.flags.map((k): [string, string] => ["redFlags", k]),
      ...f.star.map((k): [string, string] => ["star", k]),
      ["recommendation", f.recommendation],
      ["recommendationJustification", f.justification],
      ["reason", f.reason],
      ["timer.elapsedMs", "60000"],
    ]);

  it("plain HTML form posts: never a 5xx, nothing stored when refused", { timeout: 120_000 }, async () => {
    await fuzzAction(
      "scorecard form post (save, submit, amend)",
      fc.record({ pairs: formPayload(validForm, FORM_NAMES), target, who: actor, encoding: formEncoding }),
      async ({ pairs, target, who, encoding }) => {
        const interviewId = resolveTarget(target);
        const tokens = Object.fromEntries(
          Object.entries(revisionTokens(interviewId)).map(([k, f]) => [k, () => String(f())]),
        );
        const request = formRequest(
          `/interviews/${encodeURIComponent(interviewId)}/scorecard`,
          resolvePairs(pairs, tokens),
          {
            cookie: cookieOf(who),
            encoding,
          },
        );
        return post(interviewId, request);
      },
      { numRuns: 200 },
    );
  });

  it("JSON bodies that are not objects, or sent with the wrong Content-Type", { timeout: 60_000 }, async () => {
    await fuzzAction(
      "scorecard odd envelopes",
      fc.record({
        body: fc.oneof(
          hostileJson,
          brokenJsonText.map((x) => new RawJson(x)),
        ),
        contentType: fc.constantFrom(
          "application/json",
          "application/json; charset=latin1",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "",
        ),
      }),
      async ({ body, contentType }) => {
        const interviewId = String(draftInterview());
        const headers = new Headers({ Cookie: cookieOf("right")! });
        if (contentType) headers.set("Content-Type", contentType);
        const request = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
          method: "POST",
          headers,
          body: toJsonText(body),
        });
        return post(interviewId, request);
      },
      { numRuns: 100 },
    );
  });
});
