import { readFileSync } from "node:fs";

/** A failure a command explains in one line: exit code 2 for bad usage, 1 for everything else. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

/** "<command>: <message>" as one line on stderr (a quoted value may hold line breaks), and the exit code. */
export function reportCliError(command: string, message: string, exitCode: number): void {
  process.stderr.write(`${command}: ${message.replace(/\s*[\r\n]+\s*/g, " ")}\n`);
  process.exitCode = exitCode;
}

/** An unexpected error as one short text, with its code (SQLITE_BUSY, ENOENT) where it has one. */
export function errorText(error: unknown): string {
  if (error instanceof Error)
    return "code" in error && typeof error.code === "string" ? `${error.code}: ${error.message}` : error.message;
  return String(error);
}

/** A command's input file as text, or the one line saying why it cannot be read (exit code 1). */
export function readInputFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new CliError(1, `cannot read ${path} (${reason})`);
  }
}
