// Acknowledged saves survive `kill -9` of the server: 20 concurrent autosave streams against the real
// built server on a real SQLite file, SIGKILL mid-stream, restart, then every acknowledged save is there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { applyMigrations } from "~db/migrate";
import * as t from "~db/schema";
import { ensureDefaultRubric } from "~/models/rubric.server";
import { hashPassword } from "~/models/password.server";
import { ensureBuild, startServer, type RunningServer } from "../support/server-process";

const STREAMS = 20;
const PASSWORD = "crash-test-password";
const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-crash-"));
const databasePath = join(dir, "crash.db");
let server: RunningServer | undefined;
const ROUTE = "?_data=routes%2Finterviews.%24interviewId.scorecard";

beforeAll(async () => {
  ensureBuild();
  // Twenty interviewers, each alone on the panel of an interview of their own.
  const { db, sqlite } = openDatabase(databasePath);
  applyMigrations(db);
  ensureDefaultRubric(db);
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < STREAMS; i++) {
    const user = db
      .insert(t.users)
      .values({ email: `stream${i}@crash.test`, name: `Stream ${i}`, passwordHash })
      .returning()
      .get();
    db.insert(t.userRoles).values({ userId: user.id, role: "interviewer" }).run();
    const candidate = db
      .insert(t.candidates)
      .values({ name: `Candidate ${i}`, targetLevel: "mid" })
      .returning()
      .get();
    const interview = db
      .insert(t.interviews)
      .values({
        candidateId: candidate.id,
        rubricVersionId: 1,
        variantKey: "default",
        scheduledAt: new Date().toISOString(),
      })
      .returning()
      .get();
    db.insert(t.panelAssignments).values({ interviewId: interview.id, interviewerId: user.id }).run();
  }
  sqlite.close();
}, 180_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const start = () => startServer({ databasePath, env: { SESSION_SECRET: "crash-test", SEED_DEMO: "0" } });

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: PASSWORD }),
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

const draft = (revision: number) => ({
  intent: "save",
  baseRevision: revision,
  rubricVersionId: 1,
  ratings: { ownership: (revision % 4) + 1, repair: ((revision + 2) % 4) + 1 },
  redFlags: revision % 2 ? ["passive_voice"] : [],
  star: ["situation"],
  recommendation: null,
  recommendationJustification: "",
  notes: [
    { id: `note-${revision}`, dimension: "ownership", elapsedSeconds: revision, text: `said at revision ${revision}` },
  ],
  timer: { elapsedMs: revision * 1000, runningSince: null },
});

it("keeps every save the server acknowledged through a SIGKILL mid-stream", async () => {
  server = await start();
  const url = server.url;
  // One after another: sign-ins still being checked count against the client (one IP here) as
  // failures until their password checks out, so 20 at once from one client would be throttled.
  const streams: { interviewId: number; cookie: string; acknowledged: number }[] = [];
  for (let i = 0; i < STREAMS; i++)
    streams.push({ interviewId: i + 1, cookie: await signIn(url, `stream${i}@crash.test`), acknowledged: 0 });

  // Each stream saves as fast as the server answers, each save based on the last acknowledged one.
  let stopping = false;
  const loops = streams.map(async (stream) => {
    while (!stopping) {
      try {
        const res = await fetch(`${url}/interviews/${stream.interviewId}/scorecard${ROUTE}`, {
          method: "POST",
          headers: { Cookie: stream.cookie, "Content-Type": "application/json" },
          body: JSON.stringify(draft(stream.acknowledged)),
        });
        if (res.status !== 200) throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        stream.acknowledged = (await res.json()).revision;
      } catch (error) {
        if (stopping) return; // the server is gone: this save was never acknowledged
        throw error;
      }
    }
  });
  // Every stream has had a save acknowledged (however slow a loaded machine is), then 1.5 s more.
  for (const deadline = Date.now() + 90_000; !streams.every((s) => s.acknowledged > 0) && Date.now() < deadline;) {
    await new Promise((done) => setTimeout(done, 100));
  }
  await new Promise((done) => setTimeout(done, 1500));
  stopping = true;
  await server.stop("SIGKILL");
  await Promise.all(loops);
  expect(streams.every((s) => s.acknowledged > 0)).toBe(true);

  server = await start();
  for (const [i, stream] of streams.entries()) {
    const cookie = await signIn(server.url, `stream${i}@crash.test`);
    const res = await fetch(`${server.url}/interviews/${stream.interviewId}/scorecard${ROUTE}`, {
      headers: { Cookie: cookie },
    });
    const { scorecard } = await res.json();
    // A save in flight at the kill may have committed without its answer arriving: at least, never less.
    expect(scorecard.revision).toBeGreaterThanOrEqual(stream.acknowledged);
    expect(scorecard.revision).toBeLessThanOrEqual(stream.acknowledged + 1);
    const expected = draft(scorecard.revision - 1);
    expect(scorecard.ratings).toEqual(expected.ratings);
    expect(scorecard.notes).toEqual(expected.notes);
  }
  const db = new Database(databasePath, { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  db.close();
}, 180_000);
