// The evidence coach on a file of notes, one note per line:
//   tsx app/cli/coach.ts --input FILE [--json]
// --json prints one JSON array, one entry per line of FILE in order (blank lines included, so
// entry k is line k+1): [{ "text", "signals": [{ "kind", "start", "end", "flag" }] }], offsets in
// UTF-16 code units into "text". Exit codes: 0 done, 1 bad data (missing, empty or binary file),
// 2 bad usage. Errors are one line on stderr and nothing on stdout.
import { readFileSync } from "node:fs";
import process from "node:process";

import { analyseNote, type Signal } from "../domain/coach/analyse-note";
import { parseCliArguments } from "./cli-arguments";
import { CliError, reportCliError } from "./cli-error";

const USAGE = "usage: coach --input FILE [--json]";

function parseArguments(args: string[]): { input: string; json: boolean } | "help" {
  const { values } = parseCliArguments(args, { input: { type: "string" }, json: { type: "boolean" } }, USAGE);
  if (values.help) return "help";
  if (values.input === undefined || values.input === "") throw new CliError(2, `missing --input; ${USAGE}`);
  return { input: values.input, json: values.json === true };
}

/** The file's lines, refusing what is not a text of notes: unreadable, binary, not UTF-8, empty. */
export function readNotes(path: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new CliError(1, `cannot read ${path} (${reason})`);
  }
  if (bytes.includes(0)) throw new CliError(1, `${path} is a binary file, not notes (a NUL byte)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CliError(1, `${path} is not UTF-8 text`);
  }
  if (text.trim() === "") throw new CliError(1, `${path} holds no notes`);
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop(); // the newline that ends the last line
  return lines;
}

function formatText(entries: Array<{ text: string; signals: Signal[] }>): string {
  return (
    entries
      .map(({ text, signals }, k) => {
        const found = signals.map(
          (s) => `  ${s.kind} "${text.slice(s.start, s.end)}" ${s.start}-${s.end}${s.flag ? ` -> ${s.flag}` : ""}`,
        );
        return [`${k + 1}: ${text}`, ...found].join("\n");
      })
      .join("\n") + "\n"
  );
}

function run(args: string[]): string {
  const options = parseArguments(args);
  if (options === "help") return `${USAGE}\n`;
  const entries = readNotes(options.input).map((text) => ({ text, signals: analyseNote(text) }));
  return options.json ? `${JSON.stringify(entries)}\n` : formatText(entries);
}

try {
  process.stdout.write(run(process.argv.slice(2)));
} catch (error) {
  if (error instanceof CliError) reportCliError("coach", error.message, error.exitCode);
  else reportCliError("coach", error instanceof Error ? error.message : String(error), 1);
}
