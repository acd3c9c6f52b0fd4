// When an unsubmitted scorecard is reminded about: once an hour after the interview ends, then once
// a business day (Monday to Friday, UTC) up to a maximum; the leads hear once, after a delay.
// Only the latest step due is sent: a server that was down for three days sends one reminder, not four.

export interface ReminderPolicy {
  /** After the interview's end, before the first reminder. Greenhouse: one hour. */
  firstAfterMs: number;
  /** Reminders to the interviewer in all, the first included. */
  maxInterviewerReminders: number;
  /** After the interview's end, before the leads are told. */
  escalateAfterMs: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  firstAfterMs: 3_600_000,
  maxInterviewerReminders: 5,
  escalateAfterMs: 48 * 3_600_000,
};

const DAY_MS = 86_400_000;

function isBusinessDay(ms: number): boolean {
  const day = new Date(ms).getUTCDay();
  return day !== 0 && day !== 6;
}

/** `ms` moved forward by `days` business days, same time of day (weekends are skipped). */
export function addBusinessDays(ms: number, days: number): number {
  let at = ms;
  for (let left = days; left > 0;) {
    at += DAY_MS;
    if (isBusinessDay(at)) left--;
  }
  return at;
}

/** When the interviewer's reminder `step` (0 = the first) is due. */
export function interviewerStepDueAt(endedAtMs: number, step: number, policy: ReminderPolicy): number {
  return addBusinessDays(endedAtMs + policy.firstAfterMs, step);
}

/** The latest interviewer reminder step due at `nowMs`, or null when none is (yet, or any more). */
export function dueInterviewerStep(endedAtMs: number, nowMs: number, policy: ReminderPolicy): number | null {
  let due: number | null = null;
  for (let step = 0; step < policy.maxInterviewerReminders; step++) {
    if (interviewerStepDueAt(endedAtMs, step, policy) > nowMs) break;
    due = step;
  }
  return due;
}

export function isEscalationDue(endedAtMs: number, nowMs: number, policy: ReminderPolicy): boolean {
  return nowMs - endedAtMs >= policy.escalateAfterMs;
}

export interface LateScorecard {
  interviewId: number;
  interviewerId: number;
  interviewerName: string;
  candidateName: string;
  endedAt: string;
}

export interface ReminderMessage {
  subject: string;
  text: string;
}

function lateBy(endedAt: string, nowMs: number): string {
  const hours = Math.max(1, Math.floor((nowMs - Date.parse(endedAt)) / 3_600_000));
  return hours < 48 ? `${hours} hours` : `${Math.floor(hours / 24)} days`;
}

export function interviewerReminder(
  late: LateScorecard,
  step: number,
  link: string,
  nowMs: number,
  policy: ReminderPolicy,
): ReminderMessage {
  const count = `reminder ${step + 1} of ${policy.maxInterviewerReminders}`;
  return {
    subject: `Scorecard due: ${late.candidateName}`,
    text: [
      `Hello ${late.interviewerName},`,
      "",
      `Your scorecard for ${late.candidateName} is not submitted yet; the interview ended ${lateBy(late.endedAt, nowMs)} ago.`,
      "Scores written while the interview is fresh are the ones a panel can rely on.",
      "",
      `Open your scorecard: ${link}`,
      "",
      `(${count})`,
    ].join("\n"),
  };
}

export function leadEscalation(late: LateScorecard, leadName: string, link: string, nowMs: number): ReminderMessage {
  return {
    subject: `Overdue scorecard: ${late.interviewerName} on ${late.candidateName}`,
    text: [
      `Hello ${leadName},`,
      "",
      `${late.interviewerName} has not submitted their scorecard for ${late.candidateName}; the interview ended ${lateBy(late.endedAt, nowMs)} ago and they have been reminded.`,
      "",
      `The interview: ${link}`,
    ].join("\n"),
  };
}
