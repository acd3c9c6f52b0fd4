// `npm run reminders:send` against the demo organisation and a real SMTP server: every overdue
// scorecard gets a reminder whose link opens that scorecard on the running app; a second run, or
// two runs at once, send nothing twice.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";
import { startServer, type RunningServer } from "../support/server-process";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-reminders-"));
const demo = join(dir, "demo.db");
let sink: SmtpSink;
let server: RunningServer;

function sendReminders(
  databasePath: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/send-reminders.ts"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_PATH: databasePath,
        SMTP_URL: sink.url,
        MAIL_FROM: "Panel Scorecard <panel@demo.test>",
        APP_URL: server.url,
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

interface Overdue {
  interviewId: number;
  email: string;
  candidate: string;
  endedAt: string;
}

/** The demo data's overdue scorecards, read straight from the database. */
function overdueIn(path: string): Overdue[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `select i.id as interviewId, u.email as email, c.name as candidate,
           strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || i.duration_minutes || ' minutes') as endedAt from panel_assignments p
         join interviews i on i.id = p.interview_id join users u on u.id = p.interviewer_id join candidates c on c.id = i.candidate_id
         left join scorecards s on s.interview_id = i.id and s.interviewer_id = u.id
         where i.exemplar_id is null and (s.status is null or s.status = 'draft')
           and strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || i.duration_minutes || ' minutes') <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 hour')`,
      )
      .all() as Overdue[];
  } finally {
    db.close();
  }
}

async function signInCookie(email: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

beforeAll(async () => {
  const connection = openDatabase(demo);
  applyMigrations(connection.db);
  await seedDemo(connection.db);
  connection.sqlite.close();
  copyFileSync(demo, join(dir, "pristine.db"));
  sink = await startSmtpSink();
  // The server serves the demo database the reminders are sent from (its own schedule is off).
  server = await startServer({
    databasePath: demo,
    env: { SESSION_SECRET: "reminders-test", REMINDER_INTERVAL_MINUTES: "0", SEED_DEMO: "0" },
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run reminders:send", () => {
  it("emails a working link to each overdue scorecard in the demo data, and a second run sends nothing new", async () => {
    const overdue = overdueIn(demo);
    expect(overdue.length).toBeGreaterThanOrEqual(3);

    const first = await sendReminders(demo);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    for (const o of overdue) {
      const link = `${server.url}/interviews/${o.interviewId}/scorecard`;
      const mails = sink.received.filter((m) => m.to.includes(o.email) && m.text.includes(link));
      expect(mails, `${o.email} about interview ${o.interviewId}`).toHaveLength(1);
      expect(mails[0].subject).toBe(`Scorecard due: ${o.candidate}`);
      expect(first.stdout).toContain(link);

      // The link opens that scorecard for the interviewer it was sent to.
      const page = await fetch(link, { headers: { Cookie: await signInCookie(o.email) }, redirect: "manual" });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(o.candidate);
    }
    // The leads heard about each one late by 48 hours or more (the default escalation delay).
    const escalated = overdue.filter((o) => Date.now() - Date.parse(o.endedAt) >= 48 * 3_600_000);
    expect(escalated.length).toBeGreaterThan(0);
    expect(sink.received.filter((m) => m.to.includes("lead@demo.test")).length).toBe(escalated.length);
    expect(first.stdout).toMatch(new RegExp(`^${sink.received.length} reminders sent by email$`, "m"));

    const before = sink.received.length;
    const second = await sendReminders(demo);
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe("0 reminders sent by email");
    expect(sink.received.length).toBe(before);
  });

  it("two runs at the same time send each reminder once", async () => {
    const raced = join(dir, "raced.db");
    copyFileSync(join(dir, "pristine.db"), raced);
    sink.received.length = 0;
    const runs = await Promise.all([sendReminders(raced), sendReminders(raced)]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const keys = sink.received.map(
      (m) => `${m.to.join()} ${m.subject} ${/\/interviews\/\d+(\/scorecard)?/.exec(m.text)?.[0]}`,
    );
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    const total = runs.reduce((sum, r) => sum + Number(/^(\d+) reminders sent/m.exec(r.stdout)![1]), 0);
    expect(total).toBe(keys.length);
  });

  it("without SMTP_URL puts the reminders in the app and says so; bad settings exit 2 with one line", async () => {
    const inApp = join(dir, "in-app.db");
    copyFileSync(join(dir, "pristine.db"), inApp);
    sink.received.length = 0;
    const run = await sendReminders(inApp, { SMTP_URL: "" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ reminders sent to in-app notifications \(SMTP_URL is not set\)$/m);
    expect(run.stdout).toContain("in-app\treminder");
    expect(sink.received).toEqual([]);

    const bad = await sendReminders(inApp, { REMINDER_MAX: "none" });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^reminders:send: REMINDER_MAX must be a whole number/),
    ]);
  });
});
