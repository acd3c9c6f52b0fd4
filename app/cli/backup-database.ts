// A consistent online backup of the database at DATABASE_PATH, safe while the server runs:
//   npm run --silent db:backup -- [--force] [--step-pages N] [--pause-ms N] FILE
// Uses SQLite's backup API through a read-only connection: in WAL mode it never blocks the server.
// It copies --step-pages pages at a time (default 1000), --pause-ms apart (default 0, to go easy on
// a slow disk); if the server writes in between, the rest is copied in one step (one snapshot).
// The copy goes to a hidden temporary file beside FILE and is renamed to FILE only once it is
// complete, passes `PRAGMA integrity_check` and is on disk; FILE is a single self-contained SQLite
// file (rollback-journal mode; the server switches it back to WAL when it opens it).
// Progress (pages) goes to stderr, a one-line summary to stdout. Exit codes: 0 done, 1 cannot back
// up (no database, FILE's directory missing, FILE exists without --force, check failed), 2 bad
// usage. Errors are one line on stderr; nothing is left behind.
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

import { databasePath } from "~db/client";
import { parseCliArguments } from "./cli-arguments";
import { CliError, reportCliError } from "./cli-error";

const USAGE = "usage: db:backup [--force] [--step-pages N] [--pause-ms N] FILE";
const JOURNAL = fileURLToPath(new URL("../../migrations/meta/_journal.json", import.meta.url));
/** Pages copied per step of the backup; the event loop (signals, progress) runs between steps. */
const DEFAULT_STEP_PAGES = 1000;
/** sqlite3_backup_step's "all remaining pages": one read transaction, so no restart is possible. */
const ALL_PAGES = 0x7fffffff;
/** Give up if the source stays locked (SQLITE_BUSY) this long without a page copied. */
const BUSY_LIMIT_MS = 30_000;
const SIDECARS = ["-wal", "-shm", "-journal"];

interface CliOptions {
  file: string;
  force: boolean;
  stepPages: number;
  pauseMs: number;
}

function parseArguments(args: readonly string[]): CliOptions | "help" {
  const { values, positionals: files } = parseCliArguments(
    args,
    { force: { type: "boolean" }, "step-pages": { type: "string" }, "pause-ms": { type: "string" } },
    USAGE,
    { positionals: true },
  );
  if (values.help) return "help";
  const stepPages = values["step-pages"] ?? String(DEFAULT_STEP_PAGES);
  if (!/^[1-9]\d{0,8}$/.test(stepPages))
    throw new CliError(2, `--step-pages needs a whole number of pages ≥ 1; ${USAGE}`);
  const pauseMs = values["pause-ms"] ?? "0";
  if (!/^\d{1,6}$/.test(pauseMs)) throw new CliError(2, `--pause-ms needs a whole number of milliseconds; ${USAGE}`);
  if (files.length === 0) throw new CliError(2, `no backup FILE given; ${USAGE}`);
  if (files.length > 1) throw new CliError(2, `one backup FILE only, got ${files.length}; ${USAGE}`);
  if (files[0] === "") throw new CliError(2, `the backup FILE name is empty; ${USAGE}`);
  return { file: files[0], force: values.force ?? false, stepPages: Number(stepPages), pauseMs: Number(pauseMs) };
}

const exists = (path: string) => existsSync(path);

/** Everything that can be checked before a byte is written. */
function checkPaths(source: string, target: string, force: boolean): void {
  if (!exists(source))
    throw new CliError(1, `no database at ${source} (set DATABASE_PATH to the server's database file)`);
  if (!statSync(source).isFile())
    throw new CliError(1, `${source} is not a file (set DATABASE_PATH to the server's database file)`);
  if (target === source) throw new CliError(2, `the backup FILE is the database itself (${source})`);
  if (SIDECARS.some((suffix) => target === source + suffix))
    throw new CliError(2, `the backup FILE is one of the database's own files (${target})`);
  const directory = dirname(target);
  if (!exists(directory) || !statSync(directory).isDirectory())
    throw new CliError(1, `the directory ${directory} does not exist`);
  if (exists(target)) {
    if (statSync(target).isDirectory()) throw new CliError(1, `${target} is a directory; give a file name`);
    if (!force) throw new CliError(1, `${target} already exists; pass --force to replace it`);
  }
  // A -wal or -journal beside FILE would be replayed into the new backup when it is opened.
  const sidecar = SIDECARS.map((suffix) => target + suffix).find(exists);
  if (sidecar !== undefined)
    throw new CliError(
      1,
      `${sidecar} exists: ${target} looks like a database in use; stop what uses it or remove ${sidecar} first`,
    );
}

function openSource(source: string): Database.Database {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(source, { readonly: true, fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    const migrated = sqlite
      .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get();
    if (migrated === undefined)
      throw new CliError(1, `${source} is not a Panel Scorecard database (no __drizzle_migrations table)`);
    return sqlite;
  } catch (error) {
    sqlite?.close();
    if (error instanceof CliError) throw error;
    throw new CliError(1, `cannot read ${source} as a SQLite database (${errorText(error)})`);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error)
    return "code" in error && typeof error.code === "string" ? `${error.code}: ${error.message}` : error.message;
  return String(error);
}

interface Copied {
  totalPages: number;
  /** Whether the step-wise copy gave way to a one-step copy because the server wrote meanwhile. */
  restarted: boolean;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Copies `stepPages` pages per step, pausing `pauseMs` between steps. SQLite restarts the backup
 * from page 1 when another connection (the server) writes between two steps; then the rest is
 * copied in one step, which reads one snapshot (in WAL mode the server's writes go on meanwhile),
 * so the backup ends however busy the server is.
 */
async function copyPages(
  source: Database.Database,
  temporary: string,
  options: CliOptions,
  log: (line: string) => void,
): Promise<Copied> {
  let rate = options.stepPages;
  let restarted = false;
  let copiedBefore = -1;
  let lastProgressAt = Date.now();
  let lastLogAt = 0;
  // Created owner-only (0600) before SQLite writes a page: the copy holds sessions and password hashes.
  closeSync(openSync(temporary, "w", 0o600));
  chmodSync(temporary, 0o600);
  const result = await source.backup(temporary, {
    progress({ totalPages, remainingPages }) {
      const copied = totalPages - remainingPages;
      const now = Date.now();
      if (copiedBefore < 0) {
        log(`copying ${totalPages} pages, ${rate} per step`);
      } else if (copied > copiedBefore) {
        lastProgressAt = now;
        if (now - lastLogAt >= 500) {
          log(`${copied}/${totalPages} pages`);
          lastLogAt = now;
        }
      } else if (rate !== ALL_PAGES) {
        // Back to the start (the server wrote) or nothing copied (SQLITE_BUSY): one step for all.
        restarted = true;
        rate = ALL_PAGES;
        lastProgressAt = now;
        log(`the database changed meanwhile: copying all ${totalPages} pages again in one step`);
      } else if (now - lastProgressAt > BUSY_LIMIT_MS) {
        throw new CliError(1, `the database stayed locked for ${BUSY_LIMIT_MS / 1000} s; try again`);
      }
      copiedBefore = copied;
      // No read transaction is open between steps: the pause holds nothing up.
      if (options.pauseMs > 0 && rate !== ALL_PAGES) Atomics.wait(sleeper, 0, 0, options.pauseMs);
      return rate;
    },
  });
  log(`${result.totalPages}/${result.totalPages} pages`);
  return { totalPages: result.totalPages, restarted };
}

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
function checkBackup(temporary: string): Checked {
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

function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string): void {
  try {
    syncFile(path);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  }
}

/** Moves the finished copy to FILE in one step: never a half-written FILE. */
function publish(temporary: string, target: string, force: boolean): void {
  if (force) {
    renameSync(temporary, target);
    return;
  }
  try {
    // link() fails if FILE appeared meanwhile, where rename() would silently replace it.
    linkSync(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new CliError(1, `${target} already exists; pass --force to replace it`);
    if (exists(target)) throw new CliError(1, `${target} already exists; pass --force to replace it`);
    renameSync(temporary, target); // a file system without hard links
    return;
  }
  unlinkSync(temporary);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

let temporaryFile: string | undefined;

function removeTemporary(): void {
  if (temporaryFile === undefined) return;
  for (const suffix of ["", ...SIDECARS]) rmSync(temporaryFile + suffix, { force: true });
  temporaryFile = undefined;
}

async function run(args: readonly string[]): Promise<void> {
  const options = parseArguments(args);
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const source = resolve(databasePath());
  const target = resolve(options.file);
  checkPaths(source, target, options.force);

  const started = performance.now();
  const sqlite = openSource(source);
  let copied: Copied;
  try {
    temporaryFile = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
    // Left over by a process that was killed with this pid earlier; removed on failure or a signal.
    for (const suffix of ["", ...SIDECARS]) rmSync(temporaryFile + suffix, { force: true });
    copied = await copyPages(sqlite, temporaryFile, options, (line) => process.stderr.write(`backup: ${line}\n`));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(1, `the backup failed (${errorText(error)})`);
  } finally {
    sqlite.close();
  }
  const checked = checkBackup(temporaryFile);
  syncFile(temporaryFile);
  publish(temporaryFile, target, options.force);
  temporaryFile = undefined;
  syncDirectory(dirname(target));
  const milliseconds = Math.round(performance.now() - started);

  const size = statSync(target).size;
  const restarted = copied.restarted ? " (finished in one step: the database changed meanwhile)" : "";
  process.stdout.write(
    `backed up ${source} to ${target}: ${formatBytes(size)}, ${checked.pageCount} pages of ${checked.pageSize} B, ` +
      `${milliseconds} ms${restarted}; integrity ok; ${checked.migration}\n`,
  );
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => {
    removeTemporary();
    process.stderr.write(`backup: interrupted by ${signal}; nothing written\n`);
    process.exit(code);
  });
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  removeTemporary();
  if (error instanceof CliError) reportCliError("backup", error.message, error.exitCode);
  else reportCliError("backup", `failed: ${errorText(error)}`, 1);
}
