// An acknowledged save survives `kill -9` of the server: the real built server, a real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuild, startServer, type RunningServer } from "../support/server-process";

const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-crash-"));
const databasePath = join(dir, "crash.db");
let server: RunningServer | undefined;

beforeAll(() => ensureBuild(), 180_000);
afterAll(async () => {
  await server?.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "interviewer@demo.test", password: "panel-demo" }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

function upcomingInterviewId(): number {
  const db = new Database(databasePath, { readonly: true });
  const row = db
    .prepare(
      `select i.id from interviews i join panel_assignments p on p.interview_id = i.id join users u on u.id = p.interviewer_id
       where u.email = 'interviewer@demo.test' and i.scheduled_at > strftime('%Y-%m-%dT%H:%M:%fZ','now') order by i.scheduled_at limit 1`,
    )
    .get() as { id: number };
  db.close();
  return row.id;
}

it("keeps every acknowledged save through a SIGKILL and a restart", async () => {
  server = await startServer({ databasePath, env: { SESSION_SECRET: "crash-test" } });
  const cookie = await signIn(server.url);
  const interviewId = upcomingInterviewId();
  const save = (revision: number, ownership: number) =>
    fetch(`${server!.url}/interviews/${interviewId}/scorecard?_data=routes%2Finterviews.%24interviewId.scorecard`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({
        intent: "save",
        baseRevision: revision,
        rubricVersionId: 1,
        ratings: { ownership },
        redFlags: [],
        star: ["situation"],
        recommendation: null,
        recommendationJustification: "",
        notes: [{ id: `crash-${revision}`, dimension: "ownership", elapsedSeconds: revision * 10, text: `note ${revision}` }],
        timer: { elapsedMs: revision * 1000, runningSince: null },
      }),
    });

  let acknowledged = 0;
  for (let revision = 0; revision < 25; revision++) {
    const res = await save(revision, (revision % 4) + 1);
    expect(res.status).toBe(200);
    acknowledged = (await res.json()).revision;
  }
  expect(acknowledged).toBe(25);

  await server.stop("SIGKILL");
  server = await startServer({ databasePath, env: { SESSION_SECRET: "crash-test" } });

  const page = await fetch(`${server.url}/interviews/${interviewId}/scorecard?_data=routes%2Finterviews.%24interviewId.scorecard`, {
    headers: { Cookie: cookie },
  });
  expect(page.status).toBe(200);
  const { scorecard } = await page.json();
  expect(scorecard).toMatchObject({ revision: 25, ratings: { ownership: 1 }, star: ["situation"], timer: { elapsedMs: 24_000 } });
  expect(scorecard.notes).toEqual([{ id: "crash-24", dimension: "ownership", elapsedSeconds: 240, text: "note 24" }]);

  const db = new Database(databasePath, { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  db.close();
}, 180_000);
