// `db:backup` as the tests run it: the CLI in a child process (tsx, as `npm run db:backup`), servers
// on the databases it copies, a temporary folder for both, and SQLite's integrity check of a copy.
// Shared by backup.slow.test.ts (a backup under load, restored) and backup-usage.slow.test.ts (bad
// usage refused). Every child process is stopped and the folder removed after the file's tests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { startServer, type RunningServer } from "./server-process";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");
const SESSION_SECRET = "backup-test";

const servers: RunningServer[] = [];
const children = new Set<ChildProcess>();

/** This file's temporary folder; after its tests, every server and CLI still running is stopped and the folder removed. */
export function useBackupWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-backup-"));
  afterAll(async () => {
    await Promise.all([...servers.map((server) => stopChild(server.child)), ...[...children].map(stopChild)]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return dir;
}

/** The pids of a process's direct children (tsx runs the script in a node child of its own). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** SIGTERM (tsx passes it on to its node child), then SIGKILL to both if it is still there after 10 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const inner = childPids(child.pid);
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 10_000).unref());
  if ((await Promise.race([exited, timer])) !== "timeout") return;
  for (const pid of inner) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  child.kill("SIGKILL");
  await exited;
}

/** The real built server on `databasePath` (the demo organisation seeded into a new one), stopped after the file. */
export async function start(databasePath: string): Promise<RunningServer> {
  const server = await startServer({ databasePath, env: { SESSION_SECRET } });
  servers.push(server);
  return server;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function backupCli(databasePath: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["app/cli/backup-database.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    const timer = setTimeout(() => void stopChild(child), 60_000);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

export function integrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}
