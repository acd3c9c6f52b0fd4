import { z } from "zod/v3";
import { checkedList, idField, wholeNumber } from "./form-data";

export const PANEL_MIN = 2;
export const PANEL_MAX = 6;
export const DURATION_MIN = 5;
export const DURATION_MAX = 480;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A datetime-local value ("2026-03-05T14:30") read as UTC, or null if it names no real time. */
export function parseUtcDateTime(value: string): Date | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 31 April over to 1 May: a round trip catches it.
  const ok =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  return ok ? date : null;
}

/** An ISO time as a datetime-local value in UTC. */
export function toUtcInputValue(iso: string): string {
  return iso.slice(0, 16);
}

export const panelField = checkedList(z.string().regex(/^\d{1,12}$/, "Unknown interviewer"))
  .pipe(
    z
      .array(z.string())
      .min(PANEL_MIN, `Choose at least ${PANEL_MIN} interviewers`)
      .max(PANEL_MAX, `Choose at most ${PANEL_MAX} interviewers`),
  )
  .transform((ids) => ids.map(Number));

/** Variants come from the latest rubric version; "now" is read at parse time, in either place. */
export function scheduleInterviewSchema(variantKeys: readonly string[], now: () => Date = () => new Date()) {
  return z.object({
    candidateId: idField("Choose a candidate"),
    variantKey: z
      .string({ required_error: "Choose a variant" })
      .refine((key) => key !== "", "Choose a variant")
      .refine((key) => key === "" || variantKeys.includes(key), "Choose a variant of the current rubric"),
    scheduledAt: z.string({ required_error: "Enter a date and time" }).transform((value, ctx) => {
      if (value.trim() === "") {
        ctx.addIssue({ code: "custom", message: "Enter a date and time" });
        return z.NEVER;
      }
      const date = parseUtcDateTime(value);
      if (!date) {
        ctx.addIssue({ code: "custom", message: "Enter a date and time like 2030-03-05 14:30" });
        return z.NEVER;
      }
      if (date.getTime() <= now().getTime()) {
        ctx.addIssue({ code: "custom", message: "Choose a time in the future" });
        return z.NEVER;
      }
      return date.toISOString();
    }),
    durationMinutes: wholeNumber({ required: "Enter a duration in minutes" }).pipe(
      z
        .number()
        .min(DURATION_MIN, `Between ${DURATION_MIN} and ${DURATION_MAX} minutes`)
        .max(DURATION_MAX, `Between ${DURATION_MIN} and ${DURATION_MAX} minutes`),
    ),
    panel: panelField,
  });
}
export type ScheduleInterview = z.output<ReturnType<typeof scheduleInterviewSchema>>;
export interface ScheduleInterviewForm {
  candidateId: string;
  variantKey: string;
  scheduledAt: string;
  durationMinutes: string | number;
  panel: string[] | string | false;
}

export const PanelSchema = z.object({ panel: panelField });
export interface PanelForm {
  panel: string[] | string | false;
}
