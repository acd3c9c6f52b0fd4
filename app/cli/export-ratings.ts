// Submitted ratings from the database at DATABASE_PATH as long-format CSV (what `calibrate` and
// `db:import` read):
//   npm run --silent db:export -- [--output FILE] [--from yyyy-mm-dd] [--to yyyy-mm-dd]
//     [--variant KEY ...] [--level LEVEL ...] [--interviewer EMAIL ...] [--dimension KEY]
// Repeating --variant, --level or --interviewer admits any of the values. Without --output the CSV
// goes to stdout. Exit codes: 0 done, 1 bad data (unknown interviewer, unwritable file), 2 bad usage.
import { writeFileSync } from "node:fs";
import process from "node:process";
import { inArray } from "drizzle-orm";

import { getDb } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { users } from "~db/schema";
import { exportRatingsCsv, RatingFilterError, type RatingFilter } from "../models/rating-export.server";
import { ensureDefaultRubric } from "../models/rubric.server";
import { isLevel, LEVELS } from "../domain/rubric/types";
import { parseCliArguments } from "./cli-arguments";
import { CliError, reportCliError } from "./cli-error";

const USAGE =
  "usage: db:export [--output FILE] [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--variant KEY ...] [--level LEVEL ...] [--interviewer EMAIL ...] [--dimension KEY]";

interface CliOptions {
  output?: string;
  filter: RatingFilter;
  interviewers?: string[];
}

function parseArguments(args: readonly string[]): CliOptions | "help" {
  const { values } = parseCliArguments(
    args,
    {
      output: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      variant: { type: "string", multiple: true },
      level: { type: "string", multiple: true },
      interviewer: { type: "string", multiple: true },
      dimension: { type: "string" },
    },
    USAGE,
  );
  if (values.help) return "help";
  for (const [name, value] of Object.entries(values)) {
    const empty = Array.isArray(value) ? value.includes("") : value === "";
    if (empty) throw new CliError(2, `--${name} needs a value; ${USAGE}`);
  }
  const levels = values.level?.map((level) => {
    if (!isLevel(level)) throw new CliError(2, `--level must be one of ${LEVELS.join(", ")}, got "${level}"`);
    return level;
  });
  return {
    output: values.output,
    filter: { from: values.from, to: values.to, variants: values.variant, levels, dimension: values.dimension },
    interviewers: values.interviewer?.map((email) => email.toLowerCase()),
  };
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
    const found = db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, options.interviewers))
      .all();
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
