// The copy itself: SQLite's online backup API on a read-only connection, which in WAL mode never
// blocks the server.
import { chmodSync, closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import { CliError, errorText } from "../cli-error";

/** sqlite3_backup_step's "all remaining pages": one read transaction, so no restart is possible. */
const ALL_PAGES = 0x7fffffff;
/** Give up if the source stays locked (SQLITE_BUSY) this long without a page copied. */
const BUSY_LIMIT_MS = 30_000;

/** Opens the server's database read-only, refusing a file that is not one of ours. */
export function openSource(source: string): Database.Database {
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

export interface Copied {
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
export async function copyPages(
  source: Database.Database,
  temporary: string,
  options: { stepPages: number; pauseMs: number },
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
