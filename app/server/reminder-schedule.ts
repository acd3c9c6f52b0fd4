import type { ReminderConfig } from "~/utils/reminder-config.server";
import { describeOutcome, runReminderPass } from "./reminder-pass";

/**
 * Runs a reminder pass shortly after start and then every `intervalMs`, one pass at a time.
 * Returns the line `npm start` prints about it. Other servers or a cron `reminders:send` may run
 * passes too: each step is claimed in the database before it is sent.
 */
export function startReminderSchedule(config: ReminderConfig): string {
  if (config.intervalMs === 0)
    return "Reminders: the in-server schedule is off (REMINDER_INTERVAL_MINUTES=0); run `npm run reminders:send` from cron.";
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      for (const outcome of await runReminderPass(config)) console.log(`reminder: ${describeOutcome(outcome)}`);
    } catch (error) {
      console.error("reminder pass failed:", error);
    } finally {
      running = false;
    }
  };
  setTimeout(pass, 5_000).unref();
  setInterval(pass, config.intervalMs).unref();
  const how = config.smtpUrl
    ? `by email from ${config.mailFrom}`
    : "to in-app notifications (set SMTP_URL to send email)";
  return `Reminders: every ${config.intervalMs / 60_000} min, ${how}, links to ${config.appUrl}`;
}
