// What the two profiling scripts (profile-autosave.ts, profile-dashboard.ts) share: their options
// (--seconds N, --keep DIR, and flags of their own), a bench context whose temporary folders and
// deferred work are cleaned up by `finish`, and the folder the server's CPU profile goes to.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BenchContext } from "./bench-kit";

export function profileRun(name: string, flags: readonly string[] = [], args?: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: "string", default: "10" },
      keep: { type: "string" },
      ...Object.fromEntries(flags.map((flag) => [flag, { type: "boolean" as const }])),
    },
  });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, not "${values.seconds}"`);
  const keep = values.keep as string | undefined;
  const temps: string[] = [];
  const deferred: (() => void | Promise<void>)[] = [];
  const profileDir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), `${name}-profile-`));
  mkdirSync(profileDir, { recursive: true });
  const context: BenchContext = {
    root: resolve(import.meta.dirname, "../.."),
    runs: 1,
    runsGiven: false,
    build: false,
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-profile-"));
      temps.push(dir);
      return dir;
    },
    log: (message) => process.stderr.write(`${message}\n`),
    defer: (work) => void deferred.push(work),
  };
  return {
    seconds,
    flag: (flag: string) => (values as Record<string, unknown>)[flag] === true,
    context,
    profileFile: join(profileDir, "server.cpuprofile"),
    /** Runs the deferred work, removes the temporary folders, and the profile unless --keep. */
    finish: async () => {
      for (const work of deferred) await work();
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
      if (!keep) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
