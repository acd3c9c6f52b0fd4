// One reminder pass over the database at DATABASE_PATH, for cron and for tests:
//   npm run --silent reminders:send
// Prints one line per reminder it sent (tab-separated: how, which, to, subject, link) and a
// total; a second run right after sends nothing new. SMTP_URL, MAIL_FROM, APP_URL and the
// REMINDER_* settings are read as the server reads them (README, Configuration). Exit codes: 0 done,
// 1 some reminder could not be sent (it is tried again on the next pass), 2 bad usage or settings.
import process from "node:process";
import { getDb } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { describeOutcome, runReminderPass } from "../server/reminder-pass";
import { ReminderConfigError, readReminderConfig } from "../utils/reminder-config.server";
import { parseCliArguments } from "./cli-arguments";
import { CliError, reportCliError } from "./cli-error";

const USAGE = "usage: reminders:send (settings come from the environment: SMTP_URL, MAIL_FROM, APP_URL, REMINDER_*)";

async function run(args: string[]): Promise<number> {
  if (parseCliArguments(args, {}, USAGE).values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config;
  try {
    config = readReminderConfig();
  } catch (error) {
    if (error instanceof ReminderConfigError) throw new CliError(2, error.message);
    throw error;
  }
  applyMigrations(getDb());
  const outcomes = await runReminderPass(config);
  for (const outcome of outcomes) process.stdout.write(`${describeOutcome(outcome)}\n`);
  const failed = outcomes.filter((o) => o.error).length;
  const where = config.smtpUrl ? "by email" : "to in-app notifications (SMTP_URL is not set)";
  process.stdout.write(`${outcomes.length - failed} reminders sent ${where}${failed ? `, ${failed} failed` : ""}\n`);
  return failed ? 1 : 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  reportCliError("reminders:send", error.message, error.exitCode);
}
