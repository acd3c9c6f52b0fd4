import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { databasePath, getDb } from "~db/client";
import * as t from "~db/schema";
import { runReminderPass } from "../../app/server/reminder-pass";
import { createSmtpMailer } from "~/utils/mailer.server";
import { readReminderConfig, type ReminderConfig } from "~/utils/reminder-config.server";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const H = 3_600_000;
let sink: SmtpSink;
let config: ReminderConfig;

beforeAll(async () => {
  sink = await startSmtpSink();
  config = readReminderConfig({
    SMTP_URL: sink.url,
    MAIL_FROM: "Panel Scorecard <panel@example.test>",
    APP_URL: "https://scorecard.example/",
    REMINDER_MAX: "3",
    REMINDER_ESCALATE_AFTER_HOURS: "48",
  });
});
afterAll(() => sink.close());

beforeEach(() => {
  sink.received.length = 0;
  sink.refuse(false);
  // Earlier tests' interviews are still late: take their panellists off, so each test sees its own.
  getDb().delete(t.reminderSends).run();
  getDb().run(
    sql`delete from panel_assignments where not exists (select 1 from scorecards s where s.interview_id = panel_assignments.interview_id and s.interviewer_id = panel_assignments.interviewer_id)`,
  );
});

// An interview that ended `hoursAgo` hours before `now`, with one submitted and one missing scorecard.
async function lateInterview(now: Date, hoursAgo: number) {
  const late = await createUser({ name: "Jordan Late" });
  const done = await createUser({ name: "Pat Done" });
  const interview = createInterview({
    panel: [late, done],
    scheduledAt: new Date(now.getTime() - hoursAgo * H - 45 * 60_000),
    candidateName: "Ana Nowak",
  });
  getDb()
    .insert(t.scorecards)
    .values({
      interviewId: interview.id,
      interviewerId: done.id,
      rubricVersionId: 1,
      variantKey: "default",
      status: "submitted",
      submittedAt: now.toISOString(),
    })
    .run();
  return { late, done, interview };
}

const mine = (id: number) => sink.received.filter((m) => m.text.includes(`/interviews/${id}`));

describe("reminders by email", () => {
  it("emails the late interviewer once an hour after the end, with an absolute link, and never the same step twice", async () => {
    const now = new Date("2026-11-26T12:00:00Z"); // a Thursday
    const { late, interview } = await lateInterview(now, 0.5);
    expect(await runReminderPass(config, { now })).toEqual([]); // 30 minutes after: not yet

    const later = new Date(now.getTime() + 40 * 60_000);
    const sent = await runReminderPass(config, { now: later });
    expect(sent).toEqual([expect.objectContaining({ kind: "interviewer", step: 0, to: late.email, channel: "email" })]);
    const [mail] = mine(interview.id);
    expect(mail.to).toEqual([late.email]);
    expect(mail.from).toBe("panel@example.test");
    expect(mail.subject).toBe("Scorecard due: Ana Nowak");
    expect(mail.text).toContain(`https://scorecard.example/interviews/${interview.id}/scorecard`);

    // A second pass (or a restart) sends nothing for the same step.
    expect(await runReminderPass(config, { now: later })).toEqual([]);
    expect(await runReminderPass(config, { now: new Date(later.getTime() + 2 * H) })).toEqual([]);
    expect(mine(interview.id)).toHaveLength(1);
    const rows = getDb().select().from(t.reminderSends).where(eq(t.reminderSends.interviewId, interview.id)).all();
    expect(rows).toEqual([
      expect.objectContaining({ kind: "interviewer", step: 0, status: "sent", channel: "email", recipientId: late.id }),
    ]);
  });

  it("reminds daily on business days up to the maximum, and escalates to the leads after the delay", async () => {
    const lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
    const ended = new Date("2026-11-26T11:00:00Z"); // Thursday
    const { late, interview } = await lateInterview(ended, 0);
    const at = (iso: string) => runReminderPass(config, { now: new Date(iso) });
    const steps = async (iso: string) => (await at(iso)).map((o) => `${o.kind}:${o.step}:${o.to}`);

    expect(await steps("2026-11-26T12:00:00Z")).toEqual([`interviewer:0:${late.email}`]);
    expect(await steps("2026-11-27T12:00:00Z")).toEqual([`interviewer:1:${late.email}`]); // Friday
    expect(await steps("2026-11-28T12:00:00Z")).toEqual([`lead:0:${lead.email}`]); // Saturday: no reminder, but 48 h are up
    expect(await steps("2026-11-29T12:00:00Z")).toEqual([]); // Sunday
    expect(await steps("2026-11-30T12:00:00Z")).toEqual([`interviewer:2:${late.email}`]); // Monday: the third and last
    expect(await steps("2026-12-01T12:00:00Z")).toEqual([]);
    const leadMail = mine(interview.id).find((m) => m.to.includes(lead.email))!;
    expect(leadMail.subject).toBe("Overdue scorecard: Jordan Late on Ana Nowak");
    expect(leadMail.text).toContain(`https://scorecard.example/interviews/${interview.id}`);
    expect(mine(interview.id).filter((m) => m.to.includes(late.email))).toHaveLength(3);
    getDb().delete(t.userRoles).where(eq(t.userRoles.userId, lead.id)).run();
  });

  it("claims each step before sending: two passes at once send it once", async () => {
    const now = new Date("2026-11-26T15:00:00Z");
    const { interview } = await lateInterview(now, 2);
    const [a, b] = await Promise.all([runReminderPass(config, { now }), runReminderPass(config, { now })]);
    expect(a.length + b.length).toBe(1);
    expect(mine(interview.id)).toHaveLength(1);
  });

  it("keeps a refused send as failed and sends it on the next pass", async () => {
    const now = new Date("2026-11-26T15:00:00Z");
    const { interview } = await lateInterview(now, 2);
    sink.refuse(true);
    const [failed] = await runReminderPass(config, { now });
    expect(failed.error).toMatch(/550|mailbox unavailable/);
    expect(
      getDb().select().from(t.reminderSends).where(eq(t.reminderSends.interviewId, interview.id)).get(),
    ).toMatchObject({ status: "failed" });
    sink.refuse(false);
    const [retried] = await runReminderPass(config, { now });
    expect(retried.error).toBeUndefined();
    expect(mine(interview.id)).toHaveLength(1);
    expect(
      getDb().select().from(t.reminderSends).where(eq(t.reminderSends.interviewId, interview.id)).get(),
    ).toMatchObject({ status: "sent" });
  });

  it("sends nothing about practice interviews or submitted scorecards", async () => {
    const now = new Date("2026-11-26T15:00:00Z");
    const { done } = await lateInterview(now, 2);
    const outcomes = await runReminderPass(config, { now });
    expect(outcomes.some((o) => o.to === done.email)).toBe(false);
  });

  it("sends through the mailer with the configured sender", async () => {
    const mailer = createSmtpMailer(sink.url, "Someone <someone@example.test>");
    await mailer.send({ to: "x@example.test", subject: "hello", text: "body" });
    mailer.close();
    expect(sink.received.at(-1)).toMatchObject({
      from: "someone@example.test",
      to: ["x@example.test"],
      subject: "hello",
    });
  });
});

describe("reminders without SMTP_URL", () => {
  it("land in the interviewer's in-app notifications, never nowhere", async () => {
    const inApp = readReminderConfig({ APP_URL: "https://scorecard.example" });
    expect(inApp.smtpUrl).toBeNull();
    const now = new Date("2026-11-26T15:00:00Z");
    const { late, interview } = await lateInterview(now, 2);
    const outcomes = await runReminderPass(inApp, { now });
    expect(outcomes).toEqual([expect.objectContaining({ channel: "in_app", to: late.email })]);
    expect(sink.received).toEqual([]);

    const cookie = await sessionCookieFor(late.id);
    const res = await notificationsLoader({
      request: await request("/notifications", { cookie }),
      params: {},
      context: {},
    });
    const { notifications } = await res.json();
    expect(notifications).toEqual([
      expect.objectContaining({
        subject: "Scorecard due: Ana Nowak",
        link: `/interviews/${interview.id}/scorecard`,
        readAt: null,
      }),
    ]);
    expect(await runReminderPass(inApp, { now })).toEqual([]);

    const refused = await notificationsAction({
      request: await request("/notifications", { cookie, form: {} }),
      params: {},
      context: {},
    });
    expect(refused.status).toBe(400);
    const marked = await notificationsAction({
      request: await request("/notifications", { cookie, form: { intent: "read-all" } }),
      params: {},
      context: {},
    });
    expect(marked.status).toBe(302);
    const after = await (
      await notificationsLoader({ request: await request("/notifications", { cookie }), params: {}, context: {} })
    ).json();
    expect(after.notifications[0].readAt).not.toBeNull();
  });

  it("give the event loop a turn between claims, so a long pass never holds up the server's autosaves", async () => {
    // In-app claims are synchronous writes: before, a pass ran every claim in one turn of the event
    // loop (3.4 s for the 7,541 claims of the bench's database). holdMs 0: a turn before every claim.
    const inApp = readReminderConfig({ APP_URL: "https://scorecard.example" });
    const now = new Date("2026-11-26T15:00:00Z");
    await lateInterview(now, 2);
    await lateInterview(now, 3);
    let finished = false;
    let ranDuringPass = false;
    setImmediate(() => (ranDuringPass = !finished));
    const outcomes = await runReminderPass(inApp, { now, holdMs: 0 });
    finished = true;
    expect(outcomes).toHaveLength(2);
    expect(ranDuringPass).toBe(true);
    expect(await runReminderPass(inApp, { now, holdMs: 0 })).toEqual([]);
  });

  it("skip steps already settled without claiming them again: a pass with nothing new takes no write lock", async () => {
    // Every claim is a write transaction. A later pass over the same late seats (every 15 minutes,
    // thousands of them) must not queue behind the autosaves' writes, or hold them up, to learn
    // that each step is already sent. Another connection holds the write lock through the pass:
    // a claim would wait out the busy timeout and fail with SQLITE_BUSY.
    const inApp = readReminderConfig({ APP_URL: "https://scorecard.example" });
    const now = new Date("2026-11-26T15:00:00Z");
    await createUser({ roles: ["lead"] });
    await lateInterview(now, 2);
    await lateInterview(now, 24 * 7);
    const first = await runReminderPass(inApp, { now });
    expect(new Set(first.map((o) => o.kind))).toEqual(new Set(["interviewer", "lead"]));
    const writer = new Database(databasePath());
    try {
      writer.exec("BEGIN IMMEDIATE");
      expect(await runReminderPass(inApp, { now })).toEqual([]);
    } finally {
      writer.exec("ROLLBACK");
      writer.close();
    }
  });

  it("refuses bad settings with a message naming the variable", () => {
    expect(() => readReminderConfig({ REMINDER_MAX: "0" })).toThrow(/REMINDER_MAX/);
    expect(() => readReminderConfig({ APP_URL: "scorecard.example" })).toThrow(/APP_URL/);
    expect(() => readReminderConfig({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL/);
    expect(() => readReminderConfig({ REMINDER_ESCALATE_AFTER_HOURS: "two" })).toThrow(/REMINDER_ESCALATE_AFTER_HOURS/);
  });
});
