// Historical ratings from a long-format CSV into the database at DATABASE_PATH, all or nothing:
//   npm run --silent db:import -- --input FILE.csv [--create-people] [--skip-existing]
// The CSV is what `db:export` writes (candidate,interviewer,dimension,score[,variant,level,date,
// recommendation,rubric_version]); app/models/rating-import.server.ts says how rows map onto the
// schema. Exit codes: 0 imported, 1 bad data (nothing was changed), 2 bad usage. An error is one
// line on stderr; large files report progress on stderr while they are written.
import process from "node:process";

import { getDb } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { parseRatingsCsv } from "../domain/calibration";
import { importRatings, RatingImportError, type ImportSummary } from "../models/rating-import.server";
import { ensureDefaultRubric } from "../models/rubric.server";
import { parseCliArguments } from "./cli-arguments";
import { CliError, readInputFile, reportCliError } from "./cli-error";

const USAGE = "usage: db:import --input FILE.csv [--create-people] [--skip-existing]";
/** Files with at least this many ratings show progress. */
const PROGRESS_FROM = 20_000;

interface Options {
  input: string;
  createPeople: boolean;
  skipExisting: boolean;
}

function parseArguments(args: string[]): Options | "help" {
  const { values } = parseCliArguments(
    args,
    { input: { type: "string" }, "create-people": { type: "boolean" }, "skip-existing": { type: "boolean" } },
    USAGE,
  );
  if (values.help) return "help";
  if (values.input === undefined) throw new CliError(2, `missing --input; ${USAGE}`);
  if (values.input === "") throw new CliError(2, `--input needs a value; ${USAGE}`);
  return {
    input: values.input,
    createPeople: values["create-people"] ?? false,
    skipExisting: values["skip-existing"] ?? false,
  };
}

const where = (line: number | null) => (line === null ? "" : `line ${line}: `);

function describe(summary: ImportSummary, input: string): string {
  const lines = [
    `imported ${summary.ratings} ratings from ${input}`,
    `  scorecards:   ${summary.scorecards} (submitted)`,
    `  interviews:   ${summary.interviewsCreated} created, ${summary.interviewsReused} existing`,
    `  candidates:   ${summary.candidatesCreated} created, ${summary.candidatesMatched} existing`,
    `  interviewers: ${summary.interviewersCreated} created (inactive), ${summary.interviewersMatched} existing`,
  ];
  if (summary.skippedScorecards > 0) {
    lines.push(
      `  skipped:      ${summary.skippedScorecards} scorecards (${summary.skippedRatings} ratings) imported before (--skip-existing)`,
    );
  }
  if (summary.rubricVersionFallbacks > 0) {
    lines.push(
      `  ${summary.rubricVersionFallbacks} rows named a rubric version the database does not have: the latest was used`,
    );
  }
  return lines.join("\n") + "\n";
}

function progressReporter(total: number): ((done: number, total: number) => void) | undefined {
  if (total < PROGRESS_FROM) return undefined;
  const tty = process.stderr.isTTY === true;
  let lastPercent = 0;
  return (done) => {
    const percent = Math.floor((done / total) * 100);
    if (tty) {
      process.stderr.write(`\rimporting: ${done}/${total} ratings (${percent}%)${done === total ? "\n" : ""}`);
    } else if (percent >= lastPercent + 10 || done === total) {
      lastPercent = percent;
      process.stderr.write(`importing: ${done}/${total} ratings (${percent}%)\n`);
    }
  };
}

function run(args: string[]): string {
  const options = parseArguments(args);
  if (options === "help") return `${USAGE}\n`;
  const text = readInputFile(options.input);
  const parsed = parseRatingsCsv(text);
  if (!parsed.ok) throw new CliError(1, `${where(parsed.error.line)}${parsed.error.message}`);

  const db = getDb();
  applyMigrations(db);
  ensureDefaultRubric(db);
  const summary = importRatings(parsed.ratings, {
    lines: parsed.lines,
    createPeople: options.createPeople,
    skipExisting: options.skipExisting,
    onProgress: progressReporter(parsed.ratings.length),
  });
  return describe(summary, options.input);
}

try {
  process.stdout.write(run(process.argv.slice(2)));
} catch (error) {
  if (!(error instanceof CliError || error instanceof RatingImportError)) throw error;
  const message = error instanceof RatingImportError ? `${where(error.line)}${error.message}` : error.message;
  reportCliError("import", message, error instanceof CliError ? error.exitCode : 1);
}
