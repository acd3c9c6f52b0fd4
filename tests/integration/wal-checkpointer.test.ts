// WAL checkpoints run on a thread of their own, never inside a commit on the server's connection
// (app/server/wal-checkpointer.ts, #16): a commit that took the WAL past 1,000 pages used to write
// the pages back into the database file and fsync it on the main thread, with every request waiting.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { databasePath, getConnection } from "~db/client";
import { startWalCheckpointer } from "~/server/wal-checkpointer";

const scratch = mkdtempSync(join(tmpdir(), "wal-checkpointer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const autocheckpoint = () => getConnection().sqlite.pragma("wal_autocheckpoint", { simple: true });

/** Rows of `action` in the database file itself, without its WAL (a copy of the file alone, opened). */
function rowsInDatabaseFile(action: string): number {
  const copy = join(scratch, `copy-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(databasePath(), copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare("select count(*) from audit_log where action = ?").pluck().get(action) as number;
  } finally {
    db.close();
  }
}

/** One commit of ~1,500 pages: past SQLite's default checkpoint threshold of 1,000 pages. */
function writeManyPages(action: string): void {
  const { sqlite } = getConnection();
  const insert = sqlite.prepare("insert into audit_log (action, entity, detail) values (?, 'test', ?)");
  sqlite.transaction(() => {
    for (let k = 0; k < 1500; k++) insert.run(action, JSON.stringify({ k, pad: "x".repeat(4000) }));
  })();
}

describe("the WAL checkpointer", () => {
  it("leaves checkpoints out of the process connection's commits and copies the WAL into the file itself", async () => {
    getConnection(); // opened (in WAL mode) first, as the server's start does
    // An hour between its own checkpoints: only the one asked for below runs during the test.
    const checkpointer = startWalCheckpointer(databasePath(), { intervalMs: 3_600_000 });
    try {
      await checkpointer.checkpoint(); // the thread is up (and the WAL so far copied)
      expect(autocheckpoint()).toBe(0);
      writeManyPages("test.big_commit");
      // The commit did not checkpoint: its rows are in the WAL only.
      expect(rowsInDatabaseFile("test.big_commit")).toBe(0);
      const result = await checkpointer.checkpoint();
      expect(result.log).toBeGreaterThan(1000);
      expect(result.checkpointed).toBe(result.log);
      expect(rowsInDatabaseFile("test.big_commit")).toBe(1500);
    } finally {
      await checkpointer.stop();
    }
    // Stopped: the connection checkpoints for itself again.
    expect(autocheckpoint()).toBe(1000);
  }, 60_000);

  it("hands checkpoints back to the connection when its thread cannot run", async () => {
    const checkpointer = startWalCheckpointer(join(scratch, "no-such.db"));
    await expect(checkpointer.checkpoint()).rejects.toThrow(/stopped/);
    expect(autocheckpoint()).toBe(1000);
    writeManyPages("test.after_failure");
    expect(rowsInDatabaseFile("test.after_failure")).toBe(1500);
    await checkpointer.stop();
  }, 60_000);
});
