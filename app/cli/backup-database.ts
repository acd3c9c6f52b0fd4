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
import { rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import process from "node:process";

import { databasePath } from "~db/client";
import { parseCliArguments } from "./cli-arguments";
import { CliError, errorText, reportCliError } from "./cli-error";
import { checkBackup } from "./backup/check-backup";
import { copyPages, openSource, type Copied } from "./backup/copy-pages";
import { checkPaths, publish, SIDECARS, syncDirectory, syncFile } from "./backup/backup-files";

const USAGE = "usage: db:backup [--force] [--step-pages N] [--pause-ms N] FILE";
/** Pages copied per step of the backup; the event loop (signals, progress) runs between steps. */
const DEFAULT_STEP_PAGES = 1000;

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
