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
  reminderStepKey,
  settledReminderSteps,
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
 * How long a pass may hold the event loop before it lets other work run. A claim is a write
 * transaction (~0.5 ms); on a large organisation a pass weighs thousands of due steps, and in one
 * turn it held the server's event loop, and every autosave with it, for seconds (3.4 s for the
 * 7,541 claims of the bench's database at its first pass; 4.6 s for a later pass that sent nothing).
 */
const HOLD_EVENT_LOOP_MS = 5;

/**
 * One pass over the late scorecards: each due step is claimed in the database first and sent only
 * by its claimant, so a step goes out once however many passes or processes run. Without a mail
 * server the reminder lands in the recipient's in-app notifications instead. Steps already settled
 * are skipped without a claim; the pass gives the event loop a turn every HOLD_EVENT_LOOP_MS
 * (`holdMs`, for tests).
 */
export async function runReminderPass(
  config: ReminderConfig,
  opts: { now?: Date; mailer?: Mailer | null; holdMs?: number } = {},
): Promise<ReminderOutcome[]> {
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const mailer =
    opts.mailer !== undefined ? opts.mailer : config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : null;
  const channel = mailer ? "email" : "in_app";
  const outcomes: ReminderOutcome[] = [];
  const holdMs = opts.holdMs ?? HOLD_EVENT_LOOP_MS;
  let heldSince = performance.now();
  let settled = new Set<string>();
  const deliver = async (claim: Omit<ReminderClaim, "channel" | "subject">, to: string, message: ReminderMessage) => {
    // The turn first: a pass whose steps are all settled still walks every late seat and lead.
    if (performance.now() - heldSince >= holdMs) {
      await new Promise((resolve) => setImmediate(resolve));
      heldSince = performance.now();
    }
    if (settled.has(reminderStepKey(claim))) return;
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
    const lateScorecards = listLateScorecards(new Date(nowMs - config.policy.firstAfterMs));
    settled = settledReminderSteps([...new Set(lateScorecards.map((late) => late.interviewId))]);
    for (const late of lateScorecards) {
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
