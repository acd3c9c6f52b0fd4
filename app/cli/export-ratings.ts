// Submitted ratings from the database at DATABASE_PATH as long-format CSV (what `calibrate` and
// `db:import` read):
//   npm run --silent db:export -- [--output FILE] [--from yyyy-mm-dd] [--to yyyy-mm-dd]
//     [--variant KEY ...] [--level LEVEL ...] [--interviewer EMAIL ...] [--dimension KEY]
// Repeating --variant, --level or --interviewer admits any of the values. Without --output the CSV
// goes to stdout. Exit codes: 0 done, 1 bad data (unknown interviewer, unwritable file), 2 bad usage.
import { writeFileSync } from "node:fs";
import process from "node:process";
import { inArray } from "drizzle-orm";

import { getDb } from "../../db/client";
import { applyMigrations } from "../../db/migrate";
import { users } from "../../db/schema";
import { exportRatingsCsv, RatingFilterError, type RatingFilter } from "../models/rating-export.server";
import { ensureDefaultRubric } from "../models/rubric.server";
import { CliError, reportCliError } from "./cli-error";

const USAGE =
  "usage: db:export [--output FILE] [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--variant KEY ...] [--level LEVEL ...] [--interviewer EMAIL ...] [--dimension KEY]";
const LEVELS = ["mid", "senior", "staff"];

interface CliOptions {
  output?: string;
  filter: RatingFilter;
  interviewers?: string[];
}

function parseArguments(args: readonly string[]): CliOptions | "help" {
  const options: CliOptions = { filter: {} };
  const { filter } = options;
  for (let k = 0; k < args.length; k++) {
    const equals = args[k].startsWith("--") ? args[k].indexOf("=") : -1;
    const flag = equals > 0 ? args[k].slice(0, equals) : args[k];
    const inlineValue = equals > 0 ? args[k].slice(equals + 1) : undefined;
    const value = (): string => {
      const next = inlineValue ?? args[++k];
      if (next === undefined || next === "") throw new CliError(2, `${flag} needs a value; ${USAGE}`);
      return next;
    };
    if (flag === "--help" || flag === "-h") return "help";
    else if (flag === "--output") options.output = value();
    else if (flag === "--from") filter.from = value();
    else if (flag === "--to") filter.to = value();
    else if (flag === "--variant") (filter.variants ??= []).push(value());
    else if (flag === "--level") {
      const level = value();
      if (!LEVELS.includes(level)) throw new CliError(2, `--level must be one of ${LEVELS.join(", ")}, got "${level}"`);
      (filter.levels ??= []).push(level);
    } else if (flag === "--interviewer") (options.interviewers ??= []).push(value().toLowerCase());
    else if (flag === "--dimension") filter.dimension = value();
    else throw new CliError(2, `unknown argument "${args[k]}"; ${USAGE}`);
  }
  return options;
}

function run(args: readonly string[]): void {
  const options = parseArguments(args);
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const db = getDb();
  applyMigrations(db);
  ensureDefaultRubric(db);
  if (options.interviewers) {
    const found = db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, options.interviewers)).all();
    const unknown = options.interviewers.find((email) => !found.some((user) => user.email === email));
    if (unknown !== undefined) throw new CliError(1, `no user has the email "${unknown}"`);
    options.filter.interviewerIds = found.map((user) => user.id);
  }
  let csv: string;
  try {
    csv = exportRatingsCsv(options.filter);
  } catch (error) {
    if (error instanceof RatingFilterError) throw new CliError(2, error.message);
    throw error;
  }
  if (options.output === undefined) {
    process.stdout.write(csv);
    return;
  }
  try {
    writeFileSync(options.output, csv);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unwritable";
    throw new CliError(1, `cannot write ${options.output} (${reason})`);
  }
}

// `db:export | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

try {
  run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  reportCliError("export", error.message, error.exitCode);
}
