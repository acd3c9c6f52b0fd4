import { z } from "zod/v3";
import { RECOMMENDATIONS } from "~/domain/calibration/types";
import { DECISIONS } from "~/domain/debrief-votes";

// The debrief's three posts on /interviews/:id, by intent. Lengths match debrief_votes and
// debriefs CHECK constraints, so the database never refuses what this schema accepted.

export const REVOTE_REASON_MAX = 2000;
export const DECISION_NOTE_MAX = 5000;

const id = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .regex(/^\d{1,12}$/, message)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n > 0, message);

const required = (max: number, message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .min(1, message)
    .max(max, `At most ${max.toLocaleString("en")} characters`);

export const DebriefOpenSchema = z.object({ intent: z.literal("open") });

export const RevoteSchema = z.object({
  intent: z.literal("revote"),
  interviewerId: id("Choose the panellist who re-votes"),
  recommendation: z.enum(RECOMMENDATIONS, { errorMap: () => ({ message: "Choose the new vote" }) }),
  reason: required(REVOTE_REASON_MAX, "Say why the vote changed (or was confirmed)"),
});

export const DecisionSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: "Choose hire or no hire" }) }),
  note: required(DECISION_NOTE_MAX, "Write down what the decision rests on"),
});

export const DebriefActionSchema = z.discriminatedUnion("intent", [DebriefOpenSchema, RevoteSchema, DecisionSchema], {
  errorMap: () => ({ message: "Unknown action" }),
});

export type RevoteForm = z.input<typeof RevoteSchema>;
export type Revote = z.output<typeof RevoteSchema>;
export type DecisionForm = z.input<typeof DecisionSchema>;
export type DecisionValues = z.output<typeof DecisionSchema>;
