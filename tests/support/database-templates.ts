// Migrating a database and seeding the demo organisation cost seconds (the seed hashes a dozen
// passwords with argon2 and writes thousands of rows), and many test files need one each. So each is
// built once per test run, by the real migrations and the real seed, into a template file, and a test
// file gets its own copy of that file: still a real SQLite file of its own, made by the real code.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { closeConnection, getDb, openDatabase, type Connection, type Db } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { ensureDefaultRubric } from "~/models/rubric.server";
import { seedDemo } from "~/seed/demo.server";

/** The day most tests seed the demo organisation on: their expectations are about that day's data. */
export const DEMO_NOW = new Date("2026-11-22T08:00:00Z");

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The template named `name`, built by `build` on first use. Test files run in parallel workers:
 * whoever creates the lock file builds, the others wait for the finished file (renamed into place
 * whole, so nobody copies half of it).
 */
async function template(name: string, build: (db: Db) => void | Promise<unknown>): Promise<string> {
  const dir = inject("templateDir");
  const path = join(dir, `${name}.db`);
  const lock = `${path}.lock`;
  for (let waited = 0; !existsSync(path); waited += 50) {
    let mine = false;
    try {
      closeSync(openSync(lock, "wx"));
      mine = true;
    } catch {
      if (waited > 240_000) throw new Error(`gave up waiting for the ${name} template`);
      await sleep(50);
    }
    if (mine) {
      try {
        await buildInto(`${path}.building`, build);
        renameSync(`${path}.building`, path);
      } finally {
        rmSync(lock, { force: true });
      }
    }
  }
  return path;
}

/** Builds through the process's own connection (the seed's models use it), then puts it back. */
async function buildInto(path: string, build: (db: Db) => void | Promise<unknown>): Promise<void> {
  const own = process.env.DATABASE_PATH;
  closeConnection();
  process.env.DATABASE_PATH = path;
  try {
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    applyMigrations(getDb());
    ensureDefaultRubric(getDb());
    await build(getDb());
    // One self-contained file: everything checkpointed out of the WAL, which is then switched off.
    getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
    getDb().$client.pragma("journal_mode = DELETE");
  } finally {
    closeConnection();
    process.env.DATABASE_PATH = own;
  }
}

/** Replaces this test file's database with a copy of `templatePath`; the next getDb() opens it. */
function useCopyOf(templatePath: string): void {
  const path = process.env.DATABASE_PATH!;
  closeConnection();
  mkdirSync(join(path, ".."), { recursive: true });
  for (const file of [`${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  copyFileSync(templatePath, path);
}

/** This test file's database becomes a fresh migrated one holding only rubric v1 (what every file starts with). */
export async function useEmptyDatabase(): Promise<void> {
  useCopyOf(await template("empty", () => {}));
}

/** The demo organisation as seeded on `now`'s day by this run (the template file: copy it, never open it). */
function demoTemplate(now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  // The seed only looks at the day; a template seeded on `now` itself holds the same rows.
  return template(`demo-${day}`, (db) => seedDemo(db, { now }));
}

/** This test file's database becomes a fresh copy of the demo organisation as seeded on `now`'s day. */
export async function useDemoDatabase(now: Date = DEMO_NOW): Promise<void> {
  useCopyOf(await demoTemplate(now));
}

/**
 * A second connection, to a copy of the demo organisation this run seeded on `now`'s day, beside the
 * file's own database: to compare a seed of one's own with. Close it when done.
 */
export async function openDemoCopy(now: Date = DEMO_NOW): Promise<Connection> {
  const path = join(mkdtempSync(join(tmpdir(), "demo-copy-")), "demo.db");
  copyFileSync(await demoTemplate(now), path);
  return openDatabase(path);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDir: string;
  }
}
