// Checks the finished copy and names the schema version in it, so a restore knows what it gets.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { CliError } from "../cli-error";

const JOURNAL = fileURLToPath(new URL("../../../migrations/meta/_journal.json", import.meta.url));

interface Checked {
  pageSize: number;
  pageCount: number;
  migration: string;
}

function describeMigration(sqlite: Database.Database): string {
  const applied = sqlite.prepare("select count(*) as n, max(created_at) as newest from __drizzle_migrations").get() as {
    n: number;
    newest: number | null;
  };
  if (applied.n === 0 || applied.newest === null) return "no migrations applied";
  let entries: { when: number; tag: string }[];
  try {
    entries = (JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: { when: number; tag: string }[] }).entries;
  } catch {
    return `newest migration from ${new Date(Number(applied.newest)).toISOString()} (${applied.n} applied; this checkout's migration journal is unreadable)`;
  }
  const index = entries.findIndex((entry) => entry.when === Number(applied.newest));
  if (index < 0) {
    const newer = entries.every((entry) => entry.when < Number(applied.newest));
    return `newest migration from ${new Date(Number(applied.newest)).toISOString()}, ${newer ? "newer than" : "not in"} this checkout's migrations/ (${applied.n} applied)`;
  }
  const behind = entries.length - 1 - index;
  return `newest migration ${entries[index].tag} (${index + 1} of ${entries.length} in this checkout${behind ? `; the server applies the other ${behind} on start` : ""})`;
}

/** Makes the copy self-contained, checks it, and says which app version wrote it. */
export function checkBackup(temporary: string): Checked {
  const sqlite = new Database(temporary, { fileMustExist: true });
  try {
    // The copy keeps the source's WAL flag; a rollback-journal file needs no -wal/-shm beside it.
    sqlite.pragma("journal_mode = DELETE");
    const problems = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    if (problems.length !== 1 || problems[0].integrity_check !== "ok") {
      throw new CliError(
        1,
        `the copy failed PRAGMA integrity_check: ${problems.map((row) => row.integrity_check).join("; ")}`,
      );
    }
    return {
      pageSize: sqlite.pragma("page_size", { simple: true }) as number,
      pageCount: sqlite.pragma("page_count", { simple: true }) as number,
      migration: describeMigration(sqlite),
    };
  } finally {
    sqlite.close();
  }
}
