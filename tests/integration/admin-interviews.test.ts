import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as detailAction, loader as detailLoader } from "~/routes/admin.interviews.$interviewId";
import { action as listAction, loader as listLoader } from "~/routes/admin.interviews._index";
import { createInterview, createUser, panelOf, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let admin: User;
let cookie: string;
let panel: User[];
let candidateId: number;

beforeAll(async () => {
  admin = await createUser({ roles: ["admin", "lead"] });
  cookie = await sessionCookieFor(admin.id);
  panel = [];
  for (let i = 0; i < 7; i++) panel.push(await createUser({ roles: ["interviewer"], name: `Panellist ${i}` }));
  candidateId = getDb()
    .insert(t.candidates)
    .values({ name: "Farah Gupta", targetLevel: "senior" })
    .returning()
    .get().id;
});

function form(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}
const settle = (p: Promise<unknown>) => p.catch((e: unknown) => e) as Promise<Response>;
const schedule = (fields: Record<string, string | string[]>) =>
  settle(listAction({ request: form("/admin/interviews?index", fields), params: {}, context: {} }));
const changePanel = (id: number, fields: Record<string, string | string[]>) =>
  settle(
    detailAction({
      request: form(`/admin/interviews/${id}`, { intent: "panel", ...fields }),
      params: { interviewId: String(id) },
      context: {},
    }),
  );
const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
const valid = (over: Record<string, string | string[]> = {}) => ({
  candidateId: String(candidateId),
  variantKey: "amazon",
  scheduledAt: inAWeek(),
  durationMinutes: "60",
  panel: panel.slice(0, 3).map((p) => String(p.id)),
  ...over,
});
const rows = () => ({
  interviews: getDb().select({ n: count() }).from(t.interviews).get()!.n,
  panel: getDb().select({ n: count() }).from(t.panelAssignments).get()!.n,
  audit: getDb().select({ n: count() }).from(t.auditLog).get()!.n,
});

async function expectRefused(response: Promise<Response>, status: number, errors: Record<string, string | RegExp>) {
  const before = rows();
  const res = await response;
  expect(res.status).toBe(status);
  const body = await res.json();
  for (const [field, message] of Object.entries(errors)) expect(body.errors[field]).toMatch(message);
  expect(rows()).toEqual(before);
  return body;
}

describe("admin interviews: scheduling", () => {
  it("offers the latest rubric's variants, active interviewers only, and schedulable candidates", async () => {
    const gone = await createUser({ roles: ["interviewer"], active: false, name: "Gone Interviewer" });
    const leadOnly = await createUser({ roles: ["lead"], name: "Lead Only" });
    const data = await (await listLoader({ request: get("/admin/interviews"), params: {}, context: {} })).json();
    expect(data.rubricVersionId).toBe(1);
    expect(data.variants.map((v: { key: string }) => v.key)).toContain("amazon");
    const ids = data.interviewers.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining(panel.map((p) => p.id)));
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(leadOnly.id);
    expect(data.candidates).toContainEqual({ id: candidateId, name: "Farah Gupta", targetLevel: "senior" });
  });

  it("schedules an interview on the latest rubric version with its panel, and records it", async () => {
    const at = inAWeek();
    const res = await schedule(valid({ scheduledAt: at }));
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.match(/^\/admin\/interviews\?scheduled=(\d+)$/)![1]);
    expect(getDb().select().from(t.interviews).where(eq(t.interviews.id, id)).get()).toMatchObject({
      candidateId,
      rubricVersionId: 1,
      variantKey: "amazon",
      scheduledAt: `${at}:00.000Z`,
      durationMinutes: 60,
    });
    expect(panelOf(id)).toEqual(panel.slice(0, 3).map((p) => p.id));
    const audit = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "interview.scheduled")).all().at(-1)!;
    expect(audit).toMatchObject({
      actorId: admin.id,
      entity: "interview",
      entityId: id,
      detail: { candidateId, variantKey: "amazon", rubricVersionId: 1, panel: panel.slice(0, 3).map((p) => p.id) },
    });

    const list = await (
      await listLoader({ request: get(`/admin/interviews?scheduled=${id}`), params: {}, context: {} })
    ).json();
    expect(list.upcoming).toContainEqual(
      expect.objectContaining({
        id,
        candidateName: "Farah Gupta",
        variantName: "Amazon — Earn Trust",
        panelSize: 3,
        scorecards: 0,
      }),
    );
  });

  it("refuses a panel of 1 and of 7, beside the panel, saving nothing", async () => {
    await expectRefused(schedule(valid({ panel: String(panel[0].id) })), 400, {
      panel: "Choose at least 2 interviewers",
    });
    await expectRefused(schedule(valid({ panel: [] })), 400, { panel: "Choose at least 2 interviewers" });
    await expectRefused(schedule(valid({ panel: panel.map((p) => String(p.id)) })), 400, {
      panel: "Choose at most 6 interviewers",
    });
    // The same person ticked twice is one panellist.
    await expectRefused(schedule(valid({ panel: [String(panel[0].id), String(panel[0].id)] })), 400, {
      panel: "Choose at least 2 interviewers",
    });
  });

  it("refuses an unknown variant, a time in the past, a malformed time, no candidate and a bad duration", async () => {
    await expectRefused(schedule(valid({ variantKey: "google" })), 400, {
      variantKey: "Choose a variant of the current rubric",
    });
    await expectRefused(schedule(valid({ scheduledAt: "2020-01-01T09:00" })), 400, {
      scheduledAt: "Choose a time in the future",
    });
    await expectRefused(schedule(valid({ scheduledAt: "2099-02-30T09:00" })), 400, {
      scheduledAt: /Enter a date and time like/,
    });
    await expectRefused(schedule(valid({ scheduledAt: "" })), 400, { scheduledAt: "Enter a date and time" });
    await expectRefused(schedule(valid({ candidateId: "" })), 400, { candidateId: "Choose a candidate" });
    await expectRefused(schedule(valid({ candidateId: "999999" })), 400, { candidateId: "Choose a candidate" });
    await expectRefused(schedule(valid({ durationMinutes: "2" })), 400, {
      durationMinutes: "Between 5 and 480 minutes",
    });
    await expectRefused(schedule(valid({ durationMinutes: "" })), 400, {
      durationMinutes: "Enter a duration in minutes",
    });
    const body = await expectRefused(schedule(valid({ variantKey: "google", panel: "1" })), 400, {
      variantKey: /variant/,
      panel: /at least 2/,
    });
    expect(body.values).toMatchObject({ variantKey: "google", panel: "1", candidateId: String(candidateId) });
  });

  it("refuses someone who is not an active interviewer on the panel", async () => {
    const gone = await createUser({ roles: ["interviewer"], active: false });
    const leadOnly = await createUser({ roles: ["lead"] });
    await expectRefused(schedule(valid({ panel: [String(panel[0].id), String(gone.id)] })), 400, {
      panel: "Only active interviewers can sit on a panel",
    });
    await expectRefused(schedule(valid({ panel: [String(panel[0].id), String(leadOnly.id)] })), 400, {
      panel: "Only active interviewers can sit on a panel",
    });
    await expectRefused(schedule(valid({ panel: [String(panel[0].id), "999999"] })), 400, {
      panel: "Only active interviewers can sit on a panel",
    });
  });
});

describe("admin interviews: changing the panel", () => {
  it("changes the panel before anyone has started scoring, and records before and after", async () => {
    const interview = createInterview({ panel: panel.slice(0, 2) });
    const after = [panel[1], panel[2], panel[3]].map((p) => p.id);
    const res = await changePanel(interview.id, { panel: after.map(String) });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/interviews/${interview.id}?saved=1`);
    expect(panelOf(interview.id)).toEqual(after);
    const audit = getDb()
      .select()
      .from(t.auditLog)
      .where(eq(t.auditLog.action, "interview.panel_changed"))
      .all()
      .at(-1)!;
    expect(audit).toMatchObject({
      entityId: interview.id,
      actorId: admin.id,
      detail: { before: [panel[0].id, panel[1].id], after },
    });
  });

  it("refuses a panel of 1 with 400, changing nothing", async () => {
    const interview = createInterview({ panel: panel.slice(0, 2) });
    await expectRefused(changePanel(interview.id, { panel: String(panel[3].id) }), 400, {
      panel: "Choose at least 2 interviewers",
    });
    expect(panelOf(interview.id)).toEqual([panel[0].id, panel[1].id]);
  });

  it("locks the panel once any scorecard exists: 409 with a clear message, nothing changed", async () => {
    const interview = createInterview({ panel: panel.slice(0, 2) });
    getDb()
      .insert(t.scorecards)
      .values({ interviewId: interview.id, interviewerId: panel[0].id, rubricVersionId: 1, variantKey: "default" })
      .run();
    const body = await expectRefused(
      changePanel(interview.id, { panel: [panel[0].id, panel[1].id, panel[2].id].map(String) }),
      409,
      {
        form: /The panel is locked: scoring has started/,
      },
    );
    expect(body.errors).toEqual({ form: expect.any(String) });
    expect(panelOf(interview.id)).toEqual([panel[0].id, panel[1].id]);
    const page = await (
      await detailLoader({
        request: get(`/admin/interviews/${interview.id}`),
        params: { interviewId: String(interview.id) },
        context: {},
      })
    ).json();
    expect(page.interview).toMatchObject({ id: interview.id, scorecards: 1 });
    expect(page.interview.panel.map((m: { status: string }) => m.status).sort()).toEqual(["draft", "not_started"]);
  });

  it("lets someone deactivated since stay on the panel, but adds nobody new who can't score", async () => {
    const leaving = await createUser({ roles: ["interviewer"] });
    const interview = createInterview({ panel: [panel[0], leaving] });
    getDb().update(t.users).set({ active: false }).where(eq(t.users.id, leaving.id)).run();
    let res = await changePanel(interview.id, { panel: [panel[0].id, leaving.id, panel[4].id].map(String) });
    expect(res.status).toBe(302);
    const outsider = await createUser({ roles: ["interviewer"], active: false });
    res = await changePanel(interview.id, { panel: [panel[0].id, outsider.id].map(String) });
    expect(res.status).toBe(400);
    expect(panelOf(interview.id)).toEqual([panel[0].id, leaving.id, panel[4].id].sort((a, b) => a - b));
  });

  it("answers 404 for an interview that does not exist", async () => {
    expect((await changePanel(999999, { panel: [panel[0].id, panel[1].id].map(String) })).status).toBe(404);
    expect(
      (
        await settle(
          detailLoader({ request: get("/admin/interviews/999999"), params: { interviewId: "999999" }, context: {} }),
        )
      ).status,
    ).toBe(404);
  });
});
