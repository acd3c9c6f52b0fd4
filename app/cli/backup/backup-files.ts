// The backup's files: what can be checked before a byte is written, and the atomic, durable move of
// the finished copy to FILE.
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { CliError } from "../cli-error";

/** The files SQLite may keep beside a database. */
export const SIDECARS = ["-wal", "-shm", "-journal"];

const exists = (path: string) => existsSync(path);

/** Everything that can be checked before a byte is written. */
export function checkPaths(source: string, target: string, force: boolean): void {
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

export function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDirectory(path: string): void {
  try {
    syncFile(path);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  }
}

/** Moves the finished copy to FILE in one step: never a half-written FILE. */
export function publish(temporary: string, target: string, force: boolean): void {
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
