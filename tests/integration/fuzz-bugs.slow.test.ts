// The bugs the fuzz properties (fuzz-*.test.ts) found, each as its smallest payload, sent over HTTP
// to the real built app (app/server/http.ts in-process, as security.test.ts does): regression tests
// now that each is fixed.
import http from "node:http";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { toRubricFormValues } from "~/domain/rubric/rubric-form-values";
import { createInterview, createUser, PASSWORD, sessionCookieFor } from "../support/factories";
import { flattenForm } from "../support/fuzz-kit";
import { startBuiltApp } from "../support/fuzz-server";

type User = Awaited<ReturnType<typeof createUser>>;
let close: (() => Promise<void>) | undefined;
let base: string;
let admin: User;
let me: User;
let colleague: User;
let adminCookie: string;
let myCookie: string;

beforeAll(async () => {
  ({ base, close } = await startBuiltApp());
  admin = await createUser({ roles: ["admin", "lead"] });
  me = await createUser();
  colleague = await createUser();
  adminCookie = await sessionCookieFor(admin.id);
  myCookie = await sessionCookieFor(me.id);
}, 300_000);
afterAll(() => close?.());

const FORM = "application/x-www-form-urlencoded";
const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: "POST", headers, body, redirect: "manual" });
const scorecardOf = (interviewId: number) =>
  getDb().select({ n: count() }).from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!.n;
const sessionsOf = (userId: number) =>
  getDb().select({ n: count() }).from(t.sessions).where(eq(t.sessions.userId, userId)).get()!.n;

describe("bugs found by fuzzing, fixed", () => {
  describe("scorecard numbers read with Number()/z.coerce.number(): a 500", () => {
    it("form post with a dotted name under a number field: baseRevision.x=0", async () => {
      const { id } = createInterview({ panel: [me, colleague] });
      const reply = await post(`/interviews/${id}/scorecard`, "intent=save&baseRevision.x=0&rubricVersionId=1", {
        "Content-Type": FORM,
        Cookie: myCookie,
      });
      expect(reply.status).toBeLessThan(500);
      expect(scorecardOf(id)).toBe(0);
    });

    it('JSON object whose valueOf and toString are not functions: {"baseRevision":{"valueOf":1,"toString":1}}', async () => {
      const { id } = createInterview({ panel: [me, colleague] });
      const body = '{"intent":"save","baseRevision":{"valueOf":1,"toString":1},"rubricVersionId":1}';
      const reply = await post(`/interviews/${id}/scorecard`, body, {
        "Content-Type": "application/json",
        Cookie: myCookie,
      });
      expect(reply.status).toBeLessThan(500);
    });

    it("JSON array nested 5,000 deep in a number field (10 kB, well under the 1 MB limit)", async () => {
      const { id } = createInterview({ panel: [me, colleague] });
      const body = `{"intent":"save","baseRevision":0,"rubricVersionId":${"[".repeat(5000)}${"]".repeat(5000)}}`;
      const reply = await post(`/interviews/${id}/scorecard`, body, {
        "Content-Type": "application/json",
        Cookie: myCookie,
      });
      expect(reply.status).toBeLessThan(500);
    });
  });

  it("admin checkbox groups: panel.toString=x reaches checkedList's .map(String) as an object: a 500", async () => {
    const a = await createUser();
    const b = await createUser();
    const candidate = createInterview({ panel: [] }).candidate.id;
    const body = new URLSearchParams([
      ["candidateId", String(candidate)],
      ["variantKey", "default"],
      ["scheduledAt", "2031-03-05T14:30"],
      ["durationMinutes", "60"],
      ["panel", String(a.id)],
      ["panel", String(b.id)],
      ["panel.toString", "x"],
    ]).toString();
    const reply = await post("/admin/interviews", body, { "Content-Type": FORM, Cookie: adminCookie });
    expect(reply.status).toBeLessThan(500);
    const roles = await post("/admin/people", `intent=roles&userId=${a.id}&roles=interviewer&roles.toString=x`, {
      "Content-Type": FORM,
      Cookie: adminCookie,
    });
    expect(roles.status).toBeLessThan(500);
  });

  it("every form action answers a body that is not a form (Content-Type text/plain or application/json) with a 500", async () => {
    const { id } = createInterview({ panel: [me, colleague] });
    const targets: [string, string | undefined][] = [
      ["/login", undefined],
      ["/admin/people", adminCookie],
      ["/admin/candidates", adminCookie],
      ["/admin/interviews", adminCookie],
      ["/admin/rubric", adminCookie],
      ["/admin/settings", adminCookie],
      ["/calibration/reviews", adminCookie],
      ["/calibration/practice/new", adminCookie],
      ["/practice", myCookie],
      [`/admin/interviews/${id}`, adminCookie],
    ];
    const answers: string[] = [];
    for (const [path, cookie] of targets) {
      const reply = await post(path, '{"intent":"create"}', {
        "Content-Type": "application/json",
        ...(cookie ? { Cookie: cookie } : {}),
      });
      answers.push(`${path} ${reply.status}`);
    }
    expect(answers.filter((a) => / 5\d\d$/.test(a))).toEqual([]);
  });

  it("a refused rubric post with fewer dimensions than the rubric has crashes the page's re-render: a 500", async () => {
    const latest = getLatestRubricVersion();
    const values = toRubricFormValues(latest.rubric, latest.id);
    values.note = "Fewer dimensions";
    values.dimensions = values.dimensions.slice(0, -1); // weights no longer sum to 100: refused with 400
    const reply = await post(
      "/admin/rubric",
      new URLSearchParams(flattenForm(values as unknown as Record<string, unknown>)).toString(),
      {
        "Content-Type": FORM,
        Cookie: adminCookie,
      },
    );
    expect(reply.status).toBeLessThan(500);
    expect(getLatestRubricVersion().id).toBe(latest.id);
  });

  it('a refused rubric post with an object where text was ("dimensions.0.name.x=…") crashes the re-render: a 500', async () => {
    const latest = getLatestRubricVersion();
    const values = flattenForm(toRubricFormValues(latest.rubric, latest.id) as unknown as Record<string, unknown>).map(
      ([k, v]): [string, string] =>
        k === "note" ? [k, "Object name"] : k === "dimensions.0.name" ? ["dimensions.0.name.x", "Ownership"] : [k, v],
    );
    const reply = await post("/admin/rubric", new URLSearchParams(values).toString(), {
      "Content-Type": FORM,
      Cookie: adminCookie,
    });
    expect(reply.status).toBeLessThan(500);
    expect(getLatestRubricVersion().id).toBe(latest.id);
  });

  it("an amendment may change only the recommendation, and the audit log records a recommendation change", async () => {
    const { id } = createInterview({ panel: [me, colleague] });
    const card = {
      intent: "submit",
      baseRevision: 0,
      rubricVersionId: 1,
      ratings: { ownership: 2, accountability: 2, repair: 2, behavioural_change: 2 },
      redFlags: [],
      star: [],
      recommendation: "no",
      notes: [],
    };
    const send = (body: object) =>
      scorecardAction({
        request: new Request(`http://localhost/interviews/${id}/scorecard`, {
          method: "POST",
          headers: { Cookie: myCookie, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        }),
        params: { interviewId: String(id) },
        context: {},
      }) as Promise<Response>;
    expect((await send(card)).status).toBe(200);
    // "no" -> "strong_no" (both fit a weighted score of 2.0): a real change of the recommendation.
    const onlyRecommendation = await send({
      ...card,
      intent: "amend",
      baseRevision: 1,
      recommendation: "strong_no",
      recommendationJustification: "Reconsidered.",
      reason: "Reconsidered.",
    });
    expect(onlyRecommendation.status, await onlyRecommendation.clone().text()).toBe(200);
    // With a rating changed too, the audit entry names both changes.
    const both = await send({
      ...card,
      intent: "amend",
      baseRevision: 2,
      recommendation: "no",
      ratings: { ...card.ratings, repair: 1 },
      recommendationJustification: "Reconsidered.",
      reason: "Reconsidered.",
    });
    expect(both.status).toBe(200);
    const audit = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "scorecard.amended")).all().at(-1)!;
    const fields = ((audit.detail as { changes: { field: string }[] }).changes ?? []).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["ratings.repair", "recommendation"]));
  });

  describe("sign-in's redirectTo (safeRedirect)", () => {
    it('"/\\t/evil.example" passes safeRedirect, and a browser drops the tab: an open redirect to evil.example', async () => {
      const user = await createUser();
      const body = new URLSearchParams({
        email: user.email,
        password: PASSWORD,
        redirectTo: "/\t/evil.example",
      }).toString();
      const reply = await post("/login", body, { "Content-Type": FORM });
      expect(reply.status).toBe(302);
      const location = reply.headers.get("Location")!;
      expect(new URL(location, base).origin).toBe(base);
    });

    it('a redirectTo a Location header cannot carry ("/日本", "/a\\nb") throws in redirect(): a 500, after the session row was written', async () => {
      for (const redirectTo of ["/日本", "/a\nb"]) {
        const user = await createUser();
        const body = new URLSearchParams({ email: user.email, password: PASSWORD, redirectTo }).toString();
        const reply = await post("/login", body, { "Content-Type": FORM });
        expect.soft(reply.status, JSON.stringify(redirectTo)).toBeLessThan(500);
        expect
          .soft(sessionsOf(user.id) === 0 || reply.status < 400, "a session row left behind by a failed sign-in")
          .toBe(true);
      }
    });
  });

  it("a body the route never read does not stall the next request on a kept-alive connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = `x=${"a".repeat(200_000)}`;
    const { port } = new URL(base);
    const send = () =>
      new Promise<number | string>((done) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            path: "/logout",
            method: "POST",
            agent,
            headers: { "Content-Type": FORM, "Content-Length": Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on("end", () => done(res.statusCode!));
          },
        );
        req.on("error", (error: NodeJS.ErrnoException) => done(error.code ?? "error"));
        req.setTimeout(3000, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
        req.end(body);
      });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await send());
    agent.destroy();
    expect(answers).toEqual([302, 302, 302]);
  });

  it("admin ids read from a post nested under toString are refused, not a 500", async () => {
    for (const [path, body] of [
      ["/admin/people", "intent=roles&userId.toString=x&roles=interviewer"],
      ["/admin/rubric", "baseVersionId.toString=1"],
    ]) {
      const reply = await post(path, body, { "Content-Type": FORM, Cookie: adminCookie });
      expect(reply.status, path).toBeLessThan(500);
    }
  });
});
