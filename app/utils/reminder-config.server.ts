import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from "~/domain/reminders";

// Reminder settings from the environment (the README's configuration table lists them).

export interface ReminderConfig {
  policy: ReminderPolicy;
  /** Null: no mail server, so reminders go to the in-app notifications list. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The public base URL the links in an email start with. */
  appUrl: string;
  /** How often the server runs a reminder pass; 0 turns the in-server schedule off. */
  intervalMs: number;
}

export class ReminderConfigError extends Error {
  override name = "ReminderConfigError";
}

function whole(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) < min)
    throw new ReminderConfigError(`${name} must be a whole number from ${min}, not "${raw}"`);
  return Number(raw);
}

export function readReminderConfig(env: Record<string, string | undefined> = process.env): ReminderConfig {
  const appUrl = env.APP_URL || `http://localhost:${env.PORT || 3000}`;
  let parsed: URL;
  try {
    parsed = new URL(appUrl);
  } catch {
    throw new ReminderConfigError(`APP_URL must be an absolute http(s) URL, not "${appUrl}"`);
  }
  if (!/^https?:$/.test(parsed.protocol))
    throw new ReminderConfigError(`APP_URL must be an absolute http(s) URL, not "${appUrl}"`);
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\//.test(smtpUrl))
    throw new ReminderConfigError(`SMTP_URL must start with smtp:// or smtps://`);
  return {
    policy: {
      firstAfterMs:
        whole(env, "REMINDER_FIRST_AFTER_MINUTES", DEFAULT_REMINDER_POLICY.firstAfterMs / 60_000, 0) * 60_000,
      maxInterviewerReminders: whole(env, "REMINDER_MAX", DEFAULT_REMINDER_POLICY.maxInterviewerReminders, 1),
      escalateAfterMs:
        whole(env, "REMINDER_ESCALATE_AFTER_HOURS", DEFAULT_REMINDER_POLICY.escalateAfterMs / 3_600_000, 0) * 3_600_000,
    },
    smtpUrl,
    mailFrom: env.MAIL_FROM || "Panel Scorecard <no-reply@localhost>",
    appUrl: appUrl.replace(/\/+$/, ""),
    intervalMs: whole(env, "REMINDER_INTERVAL_MINUTES", 15, 0) * 60_000,
  };
}
