// Hostile payloads against the calibration actions: opening a review, saving / closing / reopening
// it, starting practice on an exemplar, and adding an exemplar.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { ensureSeedExemplars, listExemplars, startPractice } from "~/models/exemplar.server";
import { getReview, openReview, saveReviewOutcome } from "~/models/review.server";
import { action as newExemplarAction } from "~/routes/calibration.practice_.new";
import { action as openAction } from "~/routes/calibration.reviews";
import { action as reviewAction } from "~/routes/calibration.reviews_.$reviewId";
import { action as practiceAction } from "~/routes/practice";
import { createInterview, createUser } from "../support/factories";
import { startBuiltApp } from "../support/fuzz-server";
import {
  actor,
  actorCookies,
  formEncoding,
  formPayload,
  formRequest,
  fuzzAction,
  hostileIdParam,
  IMG_TAG,
  printTally,
  resolvePairs,
  SCRIPT,
  useHttpBase,
  type Action,
  type Actor,
  type Call,
  type FormEncoding,
  type Pairs,
} from "../support/fuzz-kit";

type User = Awaited<ReturnType<typeof createUser>>;

let lead: User;
let admin: User;
let alice: User;
let bob: User;
let leadCookie: (who: Actor) => string | undefined;
let adminCookie: (who: Actor) => string | undefined;
let userCookie: (who: Actor) => string | undefined;
let practiceInterviewId: number;
let exemplarIds: number[];

let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const app = await startBuiltApp();
  close = app.close;
  useHttpBase(app.base);
  lead = await createUser({ roles: ["lead"], name: "Lena Lead" });
  admin = await createUser({ roles: ["admin", "lead"], name: "Ada Admin" }); // exemplars need both roles
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
  leadCookie = await actorCookies(lead, alice); // an interviewer is the wrong role for reviews
  adminCookie = await actorCookies(admin, lead); // a lead who is not an admin, for exemplars
  userCookie = await actorCookies(alice, bob); // practice is open to anyone signed in
  ensureSeedExemplars(getDb());
  exemplarIds = listExemplars().map((e) => e.id);
  const practice = startPractice(exemplarIds[0], bob.id);
  if (practice.kind === "not_found") throw new Error("no exemplar");
  practiceInterviewId = practice.interviewId;
});

afterAll(async () => {
  printTally("fuzz-calibration");
  await close?.();
});

const newInterview = () => createInterview({ panel: [alice, bob], scheduledAt: new Date(Date.now() - 86_400_000) }).id;

/** An open review (opened if there is none), and a closed one (closed if there is none). */
function openReviewId(): number {
  const row = getDb()
    .select({ id: t.calibrationReviews.id })
    .from(t.calibrationReviews)
    .where(eq(t.calibrationReviews.status, "open"))
    .get();
  if (row) return row.id;
  const opened = openReview(newInterview(), lead.id);
  if (opened.kind === "not_found") throw new Error("could not open a review");
  return opened.reviewId;
}
function closedReviewId(): number {
  const row = getDb()
    .select({ id: t.calibrationReviews.id })
    .from(t.calibrationReviews)
    .where(eq(t.calibrationReviews.status, "closed"))
    .get();
  if (row) return row.id;
  const opened = openReview(newInterview(), lead.id);
  if (opened.kind === "not_found") throw new Error("could not open a review");
  const review = getReview(opened.reviewId)!;
  saveReviewOutcome(review.id, lead.id, {
    intent: "close",
    agreedReading: "Split on repair.",
    notes: "",
    followUps: "",
    version: review.version,
  });
  return review.id;
}

async function send(
  act: Action,
  path: string,
  params: Record<string, string>,
  pairs: Pairs,
  cookie: string | undefined,
  encoding: FormEncoding,
  tokens: Record<string, () => string> = {},
) {
  const request = formRequest(path, resolvePairs(pairs, tokens), { cookie, encoding });
  return { action: act, request, params } satisfies Call;
}

describe("calibration actions under hostile payloads", () => {
  it("reviews: open one for an interview", { timeout: 60_000 }, async () => {
    const valid = fc.constantFrom("$EXISTING", "$EXISTING", "$FRESH", "$PRACTICE", "$MISSING").map((id): Pairs => [
      ["intent", "open"],
      ["interviewId", id],
    ]);
    await fuzzAction(
      "calibration review open",
      fc.record({ pairs: formPayload(valid, ["intent", "interviewId"]), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        const existing =
          getDb().select({ id: t.calibrationReviews.interviewId }).from(t.calibrationReviews).get()?.id ??
          newInterview();
        const fresh = pairs.some(([, v]) => v === "$FRESH") ? newInterview() : existing;
        const tokens = {
          $EXISTING: () => String(existing),
          $FRESH: () => String(fresh),
          $PRACTICE: () => String(practiceInterviewId),
          $MISSING: () => "987654",
        };
        return send(openAction, "/calibration/reviews", {}, pairs, leadCookie(who), encoding, tokens);
      },
      { numRuns: 150 },
    );
  });

  it("reviews: save, close, reopen", { timeout: 60_000 }, async () => {
    const text = fc.constantFrom(
      "",
      "Split on repair.",
      SCRIPT,
      IMG_TAG,
      "x".repeat(5001),
      "y".repeat(10_001),
      "  \n  ",
    );
    const valid = fc
      .record({
        intent: fc.constantFrom("save", "save", "close", "reopen"),
        agreedReading: text,
        notes: text,
        followUps: text,
        version: fc.constantFrom("$VERSION", "$VERSION", "$VERSION", "$STALE", "0123456789abcdef", "XYZ"),
      })
      .map((r): Pairs => [
        ["intent", r.intent],
        ["agreedReading", r.agreedReading],
        ["notes", r.notes],
        ["followUps", r.followUps],
        ["version", r.version],
      ]);
    const target = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom("$OPEN", "$OPEN", "$OPEN", "$CLOSED", "$CLOSED", "$MISSING") },
      { weight: 1, arbitrary: hostileIdParam },
    );
    await fuzzAction(
      "calibration review save/close/reopen",
      fc.record({
        pairs: formPayload(valid, ["intent", "agreedReading", "notes", "followUps", "version"]),
        target,
        who: actor,
        encoding: formEncoding,
      }),
      async ({ pairs, target, who, encoding }) => {
        const id =
          target === "$OPEN"
            ? String(openReviewId())
            : target === "$CLOSED"
              ? String(closedReviewId())
              : target === "$MISSING"
                ? "987654"
                : target;
        const review = /^\d+$/.test(id) ? getReview(Number(id)) : null;
        const tokens = {
          $VERSION: () => review?.version ?? "abc",
          $STALE: () => (review ? `${review.version.slice(0, -1)}${review.version.endsWith("0") ? "1" : "0"}` : "abc"),
        };
        return send(
          reviewAction,
          `/calibration/reviews/${encodeURIComponent(id)}`,
          { reviewId: id },
          pairs,
          leadCookie(who),
          encoding,
          tokens,
        );
      },
      { numRuns: 200 },
    );
  });

  it("practice: start on an exemplar", { timeout: 60_000 }, async () => {
    const valid = fc.constantFrom("$EX1", "$EX2", "$MISSING", "0").map((id): Pairs => [
      ["intent", "practise"],
      ["exemplarId", id],
    ]);
    await fuzzAction(
      "practice start",
      fc.record({ pairs: formPayload(valid, ["intent", "exemplarId"]), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        const tokens = {
          $EX1: () => String(exemplarIds[0]),
          $EX2: () => String(exemplarIds[1]),
          $MISSING: () => "987654",
        };
        return send(practiceAction, "/practice", {}, pairs, userCookie(who), encoding, tokens);
      },
      { numRuns: 150 },
    );
  });

  it("exemplars: add one with its reference key", { timeout: 60_000 }, async () => {
    const DIMS = DEFAULT_RUBRIC.dimensions.map((d) => d.key);
    const valid = fc
      .record({
        seed: fc.constantFrom(...SEED_EXEMPLARS),
        title: fc.constantFrom("A worked answer", SCRIPT, "t".repeat(121)),
        answer: fc.constantFrom("I shipped a bug and fixed it.", SCRIPT, IMG_TAG),
        rationale: fc.constantFrom(null, "One line.", SCRIPT, "two\nlines"),
      })
      .map(({ seed, title, answer, rationale }): Pairs => [
        ["title", title],
        ["level", seed.level],
        ["answer", answer],
        ["source", seed.source],
        ["recommendation", seed.referenceKey.recommendation],
        ...DIMS.map((d): [string, string] => [`ratings.${d}`, String(seed.referenceKey.ratings[d])]),
        ...DIMS.map((d): [string, string] => [`rationale.${d}`, rationale ?? seed.referenceKey.rationale[d]]),
        ...seed.referenceKey.redFlags.map((f): [string, string] => ["redFlags", f]),
      ]);
    const names = [
      "title",
      "level",
      "answer",
      "source",
      "recommendation",
      "redFlags",
      ...DIMS.map((d) => `ratings.${d}`),
      ...DIMS.map((d) => `rationale.${d}`),
    ];
    await fuzzAction(
      "exemplar creation",
      fc.record({ pairs: formPayload(valid, names), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) =>
        send(newExemplarAction, "/calibration/practice/new", {}, pairs, adminCookie(who), encoding),
      { numRuns: 150 },
    );
  });
});
