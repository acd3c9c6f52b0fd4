// Issue #15 on the server: plain HTML posts keep typed notes (defect 7), and the interview clock
// and answer marks are stored, with the elapsed time counted up to the submit (defect 4).
import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";

let cookie: string;
let interviewId: number;

beforeEach(async () => {
  const me = await createUser();
  interviewId = createInterview({ panel: [me, await createUser()] }).id;
  cookie = await sessionCookieFor(me.id);
});

async function post(body: Record<string, unknown> | URLSearchParams) {
  const isForm = body instanceof URLSearchParams;
  const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": isForm ? "application/x-www-form-urlencoded" : "application/json" },
    body: isForm ? body : JSON.stringify(body),
  });
  return (await action({ request: req, params: { interviewId: String(interviewId) }, context: {} }).catch(
    (e: unknown) => e,
  )) as Response;
}

const card = () => getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!;
const notes = () => getDb().select().from(t.evidenceNotes).where(eq(t.evidenceNotes.scorecardId, card().id)).all();

it("a plain HTML Save draft stores the typed notes beside the stored ones and lands back on the page", async () => {
  const first = await post(
    new URLSearchParams({
      intent: "save",
      baseRevision: "0",
      rubricVersionId: "1",
      "ratings.ownership": "3",
      "noteDrafts.ownership": "Typed without JavaScript",
    }),
  );
  expect(first.status).toBe(302);
  const second = await post(
    new URLSearchParams({
      intent: "save",
      baseRevision: "1",
      rubricVersionId: "1",
      "ratings.ownership": "3",
      "noteDrafts.repair": "Rolled it back the same day",
    }),
  );
  expect(second.status).toBe(302);
  expect(notes().map((n) => [n.dimensionKey, n.text])).toEqual([
    ["ownership", "Typed without JavaScript"],
    ["repair", "Rolled it back the same day"],
  ]);
  expect(card().status).toBe("draft");
});

it("a refused plain HTML submit sends the typed notes back and stores nothing", async () => {
  const res = await post(
    new URLSearchParams({
      intent: "submit",
      baseRevision: "0",
      rubricVersionId: "1",
      "ratings.ownership": "3",
      "noteDrafts.ownership": "keep me",
    }),
  );
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.rejected.values.noteDrafts).toMatchObject({ ownership: "keep me" });
  expect(getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()).toBeUndefined();
});

it("stores the clock's first start and the answer marks; a later start never moves the clock; submit counts the running time", async () => {
  const startedAt = Date.now() - 90_000;
  const timing = { clockStartedAt: startedAt, answerStartSeconds: 20, answerEndSeconds: 160 };
  const base = {
    rubricVersionId: 1,
    ratings: { ownership: 3, accountability: 3, repair: 3, behavioural_change: 3 },
    recommendation: "yes",
    redFlags: [],
    star: [],
  };
  expect(
    (await post({ ...base, intent: "save", baseRevision: 0, timer: { elapsedMs: 0, runningSince: startedAt }, timing }))
      .status,
  ).toBe(200);
  expect(card()).toMatchObject({ clockStartedAt: startedAt, answerStartSeconds: 20, answerEndSeconds: 160 });
  // Another device that thinks it started the clock later: the first start stands.
  await post({
    ...base,
    intent: "save",
    baseRevision: 1,
    timer: { elapsedMs: 0, runningSince: startedAt },
    timing: { ...timing, clockStartedAt: startedAt + 5_000 },
  });
  expect(card().clockStartedAt).toBe(startedAt);
  const res = await post({
    ...base,
    intent: "submit",
    baseRevision: 2,
    timer: { elapsedMs: 0, runningSince: startedAt },
    timing,
  });
  expect((await res.json()).submitted).toBe(true);
  expect(card().timerElapsedMs).toBeGreaterThanOrEqual(90_000);
  expect(card().timerRunningSince).toBeNull();
});

it("refuses malformed timing with 400 and changes nothing", async () => {
  const res = await post({
    intent: "save",
    baseRevision: 0,
    rubricVersionId: 1,
    timing: { clockStartedAt: -4, answerStartSeconds: "soon", answerEndSeconds: null },
  });
  expect(res.status).toBe(400);
  expect(getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()).toBeUndefined();
});
