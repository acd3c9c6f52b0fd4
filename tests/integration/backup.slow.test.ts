// `db:backup` end to end: an online backup of the real server's database while autosaves pour in,
// restored into a second real server that must serve the same data. Loopback only; every child
// process is stopped and every file removed at the end (tests/support/backup-cli.ts). Bad usage:
// backup-usage.slow.test.ts.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { backupCli, integrity, start, stopChild, useBackupWorkspace } from "../support/backup-cli";
import { ensureBuild } from "../support/server-process";

const LIST_DATA = "?_data=routes%2Finterviews._index";
const SCORECARD_DATA = "?_data=routes%2Finterviews.%24interviewId.scorecard";

const dir = useBackupWorkspace();

beforeAll(() => ensureBuild(), 180_000);

const timeout = () => AbortSignal.timeout(15_000);

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: "interviewer@demo.test", password: "panel-demo" }),
    redirect: "manual",
    signal: timeout(),
  });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

/** What the scorecard loader answers, as far as this test reads it. */
type ScorecardData = { scorecard: { revision: number; notes: unknown[]; timer: unknown } };
type ListItem = { id: number; scorecardStatus: string };
type ListData = { groups: { today: ListItem[]; upcoming: ListItem[] } };

async function getJson<T = Record<string, unknown>>(url: string, cookie: string): Promise<T> {
  const res = await fetch(url, { headers: { Cookie: cookie }, signal: timeout() });
  expect(res.status, url).toBe(200);
  return res.json();
}

/** What the load writes with `baseRevision`: the note names it, so any stored revision can be checked. */
const noteText = (interviewId: number, baseRevision: number) => `load ${interviewId} from revision ${baseRevision}`;

async function save(url: string, cookie: string, interviewId: number, baseRevision: number): Promise<number> {
  const res = await fetch(`${url}/interviews/${interviewId}/scorecard${SCORECARD_DATA}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify({
      intent: "save",
      baseRevision,
      rubricVersionId: 1,
      ratings: { ownership: (baseRevision % 4) + 1 },
      redFlags: [],
      star: ["situation"],
      recommendation: null,
      recommendationJustification: "",
      notes: [
        {
          id: `load-${baseRevision}`,
          dimension: "ownership",
          elapsedSeconds: baseRevision,
          text: noteText(interviewId, baseRevision),
        },
      ],
      timer: { elapsedMs: baseRevision * 1000, runningSince: null },
    }),
    signal: timeout(),
  });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  expect(body.revision).toBe(baseRevision + 1);
  return body.revision;
}

describe("db:backup", () => {
  it("backs up the live database under autosave load; a server restored from the copy serves the same data", async () => {
    const liveDb = join(dir, "live", "panel-scorecard.db");
    const backupFile = join(dir, "backups", "scorecard-backup.db");
    mkdirSync(join(dir, "backups"));
    const live = await start(liveDb);
    const cookie = await signIn(live.url);

    const before = await getJson<ListData>(`${live.url}/interviews${LIST_DATA}`, cookie);
    const targets: number[] = [...before.groups.today, ...before.groups.upcoming]
      .filter((item) => item.scorecardStatus !== "submitted")
      .map((item) => item.id)
      .slice(0, 4);
    expect(targets.length).toBeGreaterThanOrEqual(2);

    // One save each first, so the list's scorecard statuses no longer change under the load.
    const acknowledged = new Map<number, number>();
    for (const id of targets) {
      const { scorecard } = await getJson<ScorecardData>(
        `${live.url}/interviews/${id}/scorecard${SCORECARD_DATA}`,
        cookie,
      );
      acknowledged.set(id, await save(live.url, cookie, id, scorecard?.revision ?? 0));
    }
    const listed = await getJson(`${live.url}/interviews${LIST_DATA}`, cookie);

    // The load: one loop per interview, each save based on the revision the previous reply gave.
    let stopped = false;
    let saves = 0;
    const loops = Promise.allSettled(
      targets.map(async (id) => {
        while (!stopped) {
          acknowledged.set(id, await save(live.url, cookie, id, acknowledged.get(id)!));
          saves += 1;
        }
      }),
    );
    const deadline = Date.now() + 30_000;
    while (saves < 5 * targets.length && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));

    // First as an operator runs it (the demo database fits in one step of 1000 pages)...
    const plainBefore = new Map(acknowledged);
    const plainFile = join(dir, "backups", "plain.db");
    const plain = await backupCli(liveDb, plainFile);
    // ...then in steps of 8 pages 25 ms apart, so the server's writes land between steps and SQLite
    // restarts the copy: the CLI must then finish it in one step, from one snapshot.
    const acknowledgedBefore = new Map(acknowledged);
    const savesBefore = saves;
    const result = await backupCli(liveDb, "--step-pages", "8", "--pause-ms", "25", backupFile);
    const savesDuring = saves - savesBefore;
    stopped = true;
    const outcomes = await loops;
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    const acknowledgedAfter = new Map(acknowledged);

    const summaryLine =
      /^backed up .* to .*\.db: [\d.]+ KiB, \d+ pages of \d+ B, \d+ ms.*; integrity ok; newest migration \S+ \((\d+) of \1 in this checkout\)$/;
    for (const run of [plain, result]) {
      expect(run.code, run.stderr).toBe(0);
      const summary = run.stdout.trimEnd().split("\n");
      expect(summary).toHaveLength(1);
      expect(summary[0]).toMatch(summaryLine);
      expect(run.stderr).toMatch(/^backup: copying \d+ pages, \d+ per step$/m);
      expect(run.stderr).toMatch(/^backup: (\d+)\/\1 pages$/m);
      expect(
        run.stderr
          .trimEnd()
          .split("\n")
          .every((line) => line.startsWith("backup: ")),
      ).toBe(true);
    }
    expect(savesDuring, "autosaves acknowledged while the backup ran").toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^backup: the database changed meanwhile: copying all \d+ pages again in one step$/m);
    expect(result.stdout).toContain("(finished in one step: the database changed meanwhile)");
    console.info(
      `db:backup under load (${savesDuring} autosaves acknowledged meanwhile):\n${plain.stderr}${plain.stdout}${result.stderr}${result.stdout}`,
    );

    // The plain backup: whole, and at least as new as every save acknowledged before it began.
    expect(integrity(plainFile)).toBe("ok");
    const plainDb = new Database(plainFile, { readonly: true, fileMustExist: true });
    const revisions = new Map(
      (
        plainDb
          .prepare(
            `select s.interview_id as id, s.revision from scorecards s join users u on u.id = s.interviewer_id where u.email = 'interviewer@demo.test'`,
          )
          .all() as { id: number; revision: number }[]
      ).map((row) => [row.id, row.revision]),
    );
    plainDb.close();
    for (const id of targets) expect(revisions.get(id), `interview ${id}`).toBeGreaterThanOrEqual(plainBefore.get(id)!);
    rmSync(plainFile);

    // Only the finished file: no temporary file, no -wal/-shm/-journal beside it.
    expect(readdirSync(join(dir, "backups"))).toEqual(["scorecard-backup.db"]);
    expect(integrity(backupFile)).toBe("ok");

    // Restore as the README says: the copy at a fresh DATABASE_PATH, then start the server on it.
    const restoredDb = join(dir, "restored", "panel-scorecard.db");
    mkdirSync(join(dir, "restored"));
    copyFileSync(backupFile, restoredDb);
    const restored = await start(restoredDb);
    const restoredCookie = await signIn(restored.url);

    expect(await getJson(`${restored.url}/interviews${LIST_DATA}`, restoredCookie)).toEqual(listed);
    for (const id of targets) {
      const { scorecard } = await getJson<ScorecardData>(
        `${restored.url}/interviews/${id}/scorecard${SCORECARD_DATA}`,
        restoredCookie,
      );
      expect(scorecard.revision, `interview ${id}`).toBeGreaterThanOrEqual(acknowledgedBefore.get(id)!);
      expect(scorecard.revision, `interview ${id}`).toBeLessThanOrEqual(acknowledgedAfter.get(id)!);
      // The stored content is the one saved as that revision, not a mix of two saves.
      expect(scorecard.notes).toEqual([
        {
          id: `load-${scorecard.revision - 1}`,
          dimension: "ownership",
          elapsedSeconds: scorecard.revision - 1,
          text: noteText(id, scorecard.revision - 1),
        },
      ]);
      expect(scorecard.timer).toMatchObject({ elapsedMs: (scorecard.revision - 1) * 1000 });
    }
    // The restored server goes on from there: the next autosave builds on the restored revision.
    const first = targets[0];
    const { scorecard } = await getJson<ScorecardData>(
      `${restored.url}/interviews/${first}/scorecard${SCORECARD_DATA}`,
      restoredCookie,
    );
    expect(await save(restored.url, restoredCookie, first, scorecard.revision)).toBe(scorecard.revision + 1);

    for (const server of [live, restored]) await stopChild(server.child);
    expect(integrity(restoredDb)).toBe("ok");
    expect(integrity(liveDb)).toBe("ok");
  }, 240_000);
});
