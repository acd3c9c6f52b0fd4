import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  dueInterviewerStep,
  interviewerReminder,
  interviewerStepDueAt,
  isEscalationDue,
  type ReminderPolicy,
} from "~/domain/reminders";

const H = 3_600_000;
const policy: ReminderPolicy = { firstAfterMs: H, maxInterviewerReminders: 3, escalateAfterMs: 48 * H };
// Thursday 26 Nov 2026, 10:45 UTC: the interview ends.
const ended = Date.parse("2026-11-26T10:45:00.000Z");

describe("reminder schedule", () => {
  it("skips weekends when counting business days", () => {
    expect(new Date(addBusinessDays(ended, 1)).toISOString()).toBe("2026-11-27T10:45:00.000Z"); // Friday
    expect(new Date(addBusinessDays(ended, 2)).toISOString()).toBe("2026-11-30T10:45:00.000Z"); // Monday
    expect(new Date(addBusinessDays(Date.parse("2026-11-28T09:00:00Z"), 1)).toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    ); // Sat → Mon
  });

  it("is due one hour after the end, then once a business day, up to the maximum", () => {
    expect(dueInterviewerStep(ended, ended + 59 * 60_000, policy)).toBeNull();
    expect(dueInterviewerStep(ended, ended + H, policy)).toBe(0);
    expect(new Date(interviewerStepDueAt(ended, 1, policy)).toISOString()).toBe("2026-11-27T11:45:00.000Z");
    expect(dueInterviewerStep(ended, Date.parse("2026-11-27T11:44:00Z"), policy)).toBe(0);
    expect(dueInterviewerStep(ended, Date.parse("2026-11-27T11:45:00Z"), policy)).toBe(1);
    // The weekend adds nothing: step 2 waits for Monday.
    expect(dueInterviewerStep(ended, Date.parse("2026-11-29T23:00:00Z"), policy)).toBe(1);
    expect(dueInterviewerStep(ended, Date.parse("2026-11-30T11:45:00Z"), policy)).toBe(2);
    // Never past the maximum (3 reminders: steps 0, 1, 2), however late.
    expect(dueInterviewerStep(ended, ended + 400 * 24 * H, policy)).toBe(2);
  });

  it("escalates to the leads after the configured delay", () => {
    expect(isEscalationDue(ended, ended + 47 * H, policy)).toBe(false);
    expect(isEscalationDue(ended, ended + 48 * H, policy)).toBe(true);
  });

  it("writes the link and the step into the message", () => {
    const late = {
      interviewId: 7,
      interviewerId: 3,
      interviewerName: "Jordan Lee",
      candidateName: "Ana Nowak",
      endedAt: new Date(ended).toISOString(),
    };
    const message = interviewerReminder(
      late,
      1,
      "https://scorecard.example/interviews/7/scorecard",
      ended + 26 * H,
      policy,
    );
    expect(message.subject).toBe("Scorecard due: Ana Nowak");
    expect(message.text).toContain("https://scorecard.example/interviews/7/scorecard");
    expect(message.text).toContain("ended 26 hours ago");
    expect(message.text).toContain("reminder 2 of 3");
  });
});
