import { z } from "zod/v3";

// A calibration review's outcome form, used by react-hook-form on the page and by the action.
// Lengths match the calibration_reviews CHECK constraint, so the database never refuses a value
// this schema accepted.

export const AGREED_READING_MAX = 5000;
export const REVIEW_NOTES_MAX = 10_000;
export const FOLLOW_UPS_MAX = 5000;

const text = (max: number) =>
  z
    .string({ invalid_type_error: "Expected text" })
    .trim()
    .max(max, `At most ${max.toLocaleString("en")} characters`)
    .default("");

export const ReviewOutcomeSchema = z
  .object({
    /** "save" keeps the review open; "close" also closes it, and needs an agreed reading. */
    intent: z.enum(["save", "close"], { errorMap: () => ({ message: "Unknown action" }) }),
    agreedReading: text(AGREED_READING_MAX),
    notes: text(REVIEW_NOTES_MAX),
    followUps: text(FOLLOW_UPS_MAX),
    /** The stored outcome the form was based on: a save over someone else's change is refused. */
    version: z.string().regex(/^[0-9a-f]{1,64}$/, "Reload the page and try again"),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "close" && !value.agreedReading) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["agreedReading"],
        message: "Write the agreed reading before closing the review",
      });
    }
  });

export type ReviewOutcomeForm = z.input<typeof ReviewOutcomeSchema>;
export type ReviewOutcome = z.output<typeof ReviewOutcomeSchema>;

/** Opening a review for an interview (the disagreement queue posts it). */
export const ReviewOpenSchema = z.object({
  intent: z.literal("open", { errorMap: () => ({ message: "Unknown action" }) }),
  interviewId: z
    .string({ required_error: "Choose an interview", invalid_type_error: "Choose an interview" })
    .regex(/^\d{1,12}$/, "Choose an interview")
    .transform(Number)
    .refine((id) => Number.isSafeInteger(id) && id > 0, "Choose an interview"),
});

export const REVIEW_STATUSES = ["open", "closed", "all"] as const;

/** The review list's search: ?q=...&status=open|closed|all. */
export const ReviewSearchSchema = z.object({
  q: z.string().trim().max(200, "At most 200 characters").default(""),
  status: z.enum(REVIEW_STATUSES, { errorMap: () => ({ message: "Choose open, closed or all" }) }).default("all"),
});

export type ReviewSearch = z.output<typeof ReviewSearchSchema>;
