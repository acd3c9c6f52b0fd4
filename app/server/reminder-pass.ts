import {
  dueInterviewerStep,
  interviewerReminder,
  isEscalationDue,
  leadEscalation,
  type ReminderMessage,
} from "~/domain/reminders";
import {
  claimReminder,
  listActiveLeads,
  listLateScorecards,
  markReminderFailed,
  markReminderSent,
  type ReminderClaim,
} from "~/models/reminder.server";
import { createSmtpMailer, type Mailer } from "~/utils/mailer.server";
import type { ReminderConfig } from "~/utils/reminder-config.server";

export interface ReminderOutcome {
  kind: "interviewer" | "lead";
  step: number;
  to: string;
  channel: "email" | "in_app";
  subject: string;
  link: string;
  /** Set when the mail server refused; the step is tried again on the next pass. */
  error?: string;
}

/**
 * One pass over the late scorecards: each due step is claimed in the database first and sent only
 * by its claimant, so a step goes out once however many passes or processes run. Without a mail
 * server the reminder lands in the recipient's in-app notifications instead.
 */
export async function runReminderPass(
  config: ReminderConfig,
  opts: { now?: Date; mailer?: Mailer | null } = {},
): Promise<ReminderOutcome[]> {
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const mailer =
    opts.mailer !== undefined ? opts.mailer : config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : null;
  const channel = mailer ? "email" : "in_app";
  const outcomes: ReminderOutcome[] = [];
  const deliver = async (claim: Omit<ReminderClaim, "channel" | "subject">, to: string, message: ReminderMessage) => {
    const id = claimReminder({ ...claim, channel, subject: message.subject }, now);
    if (id === null) return;
    const outcome: ReminderOutcome = {
      kind: claim.kind,
      step: claim.step,
      to,
      channel,
      subject: message.subject,
      link: `${config.appUrl}${claim.link}`,
    };
    if (mailer) {
      try {
        await mailer.send({ to, subject: message.subject, text: message.text });
        markReminderSent(id);
      } catch (error) {
        outcome.error = error instanceof Error ? error.message : String(error);
        markReminderFailed(id, outcome.error);
      }
    }
    outcomes.push(outcome);
  };

  try {
    const leads = listActiveLeads();
    for (const late of listLateScorecards(new Date(nowMs - config.policy.firstAfterMs))) {
      const endedMs = Date.parse(late.endedAt);
      const step = dueInterviewerStep(endedMs, nowMs, config.policy);
      if (step !== null) {
        const link = `/interviews/${late.interviewId}/scorecard`;
        const message = interviewerReminder(late, step, `${config.appUrl}${link}`, nowMs, config.policy);
        await deliver(
          {
            interviewId: late.interviewId,
            interviewerId: late.interviewerId,
            kind: "interviewer",
            step,
            recipientId: late.interviewerId,
            link,
          },
          late.interviewerEmail,
          message,
        );
      }
      if (!isEscalationDue(endedMs, nowMs, config.policy)) continue;
      for (const lead of leads) {
        if (lead.id === late.interviewerId) continue;
        const link = `/interviews/${late.interviewId}`;
        const message = leadEscalation(late, lead.name, `${config.appUrl}${link}`, nowMs);
        await deliver(
          {
            interviewId: late.interviewId,
            interviewerId: late.interviewerId,
            kind: "lead",
            step: 0,
            recipientId: lead.id,
            link,
          },
          lead.email,
          message,
        );
      }
    }
  } finally {
    if (opts.mailer === undefined) mailer?.close();
  }
  return outcomes;
}

/** One line per reminder, as `npm run reminders:send` prints them. */
export function describeOutcome(o: ReminderOutcome): string {
  const what = o.kind === "interviewer" ? `reminder ${o.step + 1}` : "lead escalation";
  const how = o.error ? `FAILED (${o.error}; tried again next pass)` : o.channel === "email" ? "emailed" : "in-app";
  return `${how}\t${what}\t${o.to}\t${o.subject}\t${o.link}`;
}
