// Hostile payloads against the scorecard action: autosave, submit and amend, as JSON (the autosave
// fetcher) and as a plain HTML form post.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import {
  actor,
  brokenJsonText,
  changedTables,
  fingerprint,
  formEncoding,
  formPayload,
  fuzzAction,
  hostileJson,
  jsonRequest,
  RawJson,
  resolveJson,
  resolvePairs,
  SCRIPT,
  formRequest,
  toJsonText,
  type Pairs,
} from "../support/fuzz-kit";
import {
  FLAGS,
  STAR,
  cookieOf,
  draftInterview,
  useScorecardFuzzFixtures,
  target,
  resolveTarget,
  revisionTokens,
  jsonBody,
  post,
  DIMS,
} from "../support/fuzz-scorecard";

useScorecardFuzzFixtures();

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
