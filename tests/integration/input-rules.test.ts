// Smaller holes of issue #10: duplicate note ids, one rule for calibration filters, a real scorecard
// submitted before its interview, and methods no route answers.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { loader as dashboardLoader } from "~/routes/calibration._index";
import { loader as exportLoader } from "~/routes/calibration.export[.csv]";
import { loader as layoutLoader } from "~/routes/calibration";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { startBuiltApp } from "../support/fuzz-server";
import { send } from "../support/http-send";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type Json = Record<string, unknown>;
let leadCookie: string;
let interviewerCookie: string;
let interviewer: { id: number };

beforeAll(async () => {
  leadCookie = await sessionCookieFor((await createUser({ roles: ["lead"] })).id);
  interviewer = await createUser();
  interviewerCookie = await sessionCookieFor(interviewer.id);
});

const complete = (over: Json = {}): Json => ({
  intent: "save",
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 2, accountability: 3, repair: 3, behavioural_change: 4 },
  capJustifications: {},
  redFlags: [],
  star: [],
  recommendation: "yes",
  recommendationJustification: "",
  notes: [],
  ...over,
});

async function post(interviewId: number, body: Json) {
  const req = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
    method: "POST",
    headers: { Cookie: interviewerCookie, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = (await scorecardAction({
    request: req,
    params: { interviewId: String(interviewId) },
    context: {},
  })) as Response;
  return { status: response.status, body: (await response.json()) as Json };
}

const storedOf = (interviewId: number) =>
  getDb()
    .all(sql`select s.status, s.revision, (select count(*) from evidence_notes n where n.scorecard_id = s.id) as notes
    from scorecards s where s.interview_id = ${interviewId}`);

describe("autosave", () => {
  it("refuses two notes sharing one id with 400 naming the field, and stores nothing", async () => {
    const { id } = createInterview({ panel: [interviewer] });
    const note = { dimension: "ownership", elapsedSeconds: 10, text: "first" };
    const reply = await post(
      id,
      complete({
        notes: [
          { id: "n1", ...note },
          { id: "n1", ...note, text: "second" },
        ],
      }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual({ "notes.1.id": 'Two notes share the id "n1"' });
    expect(storedOf(id)).toEqual([]);
  });
});

describe("submitting before the interview", () => {
  it("refuses a real scorecard's submit before the interview's start with 400, and keeps the draft saving", async () => {
    const { id } = createInterview({ panel: [interviewer], scheduledAt: new Date(Date.now() + 30 * 86_400_000) });
    const early = await post(id, complete({ intent: "submit" }));
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/has not started yet/);
    expect(storedOf(id)).toEqual([]);
    const saved = await post(id, complete());
    expect(saved.status).toBe(200);
    expect(storedOf(id)).toEqual([{ status: "draft", revision: 1, notes: 0 }]);
  });

  it("accepts it once the interview has begun", async () => {
    const { id } = createInterview({ panel: [interviewer], scheduledAt: new Date(Date.now() - 60_000) });
    expect((await post(id, complete({ intent: "submit" }))).status).toBe(200);
    expect(storedOf(id)).toEqual([{ status: "submitted", revision: 1, notes: 0 }]);
  });
});

describe("calibration filters: one rule", () => {
  const cases: [string, string][] = [
    ["dimension=evil", "dimension"],
    ["interviewer=99999999999999999999", "interviewer"],
    ["interviewer=424242", "interviewer"],
    ["interviewer=abc", "interviewer"],
    ["variant=evil", "variant"],
    ["variant=EVIL!", "variant"],
    ["level=evil", "level"],
    ["from=2026-13-01", "from"],
    ["from=2026-05-02&to=2026-05-01", "to"],
  ];
  it.each(cases)("?%s answers 400 naming %s, on the dashboard, its layout and the export", async (search, field) => {
    for (const loader of [dashboardLoader, layoutLoader, exportLoader]) {
      const thrown = await loader({
        request: await request(`/calibration?${search}`, { cookie: leadCookie }),
        params: {},
        context: {},
      }).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(new RegExp(`^Invalid filter: ${field}: `));
    }
  });

  it("accepts names that exist", async () => {
    const ok = await dashboardLoader({
      request: await request(
        `/calibration?dimension=ownership&variant=default&level=senior&interviewer=${interviewer.id}&from=2026-01-01`,
        { cookie: leadCookie },
      ),
      params: {},
      context: {},
    });
    expect((ok as Response).status).toBe(200);
  });
});

describe("HTTP methods", () => {
  let app: Awaited<ReturnType<typeof startBuiltApp>>;
  beforeAll(async () => {
    app = await startBuiltApp();
  }, 300_000);
  afterAll(() => app?.close());

  it("answers TRACE and other methods no route uses with 405 and Allow, not 500", async () => {
    for (const method of ["TRACE", "OPTIONS", "PUT", "DELETE", "PATCH", "PROPFIND"]) {
      const reply = await send(app.base, method, "/login", {});
      expect({ method, status: reply.status, allow: reply.headers.allow }).toEqual({
        method,
        status: 405,
        allow: "GET, HEAD, POST",
      });
    }
    expect((await send(app.base, "GET", "/login", {})).status).toBe(200);
  });
});
