import { z } from "zod/v3";
import { CONVERSATION_EFFECT_KEYS } from "~/domain/conversation-effects";
import { isIsoDate } from "~/domain/iso-date";

// Recording a calibration conversation, and closing its follow-up. Lengths match the
// calibration_conversations CHECK constraint.

export const AGREED_MAX = 5000;
export const FOLLOW_UP_NOTE_MAX = 5000;

const day = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).refine(isIsoDate, message);

const id = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .regex(/^\d{1,12}$/, message)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n > 0, message);

export const ConversationSchema = z
  .object({
    intent: z.literal("record"),
    interviewerId: id("Choose the interviewer"),
    effect: z.enum(CONVERSATION_EFFECT_KEYS, { errorMap: () => ({ message: "Choose the effect you discussed" }) }),
    agreed: z
      .string({ invalid_type_error: "Expected text" })
      .trim()
      .min(1, "Write down what you agreed")
      .max(AGREED_MAX, `At most ${AGREED_MAX.toLocaleString("en")} characters`),
    heldOn: day("Give the day you talked (YYYY-MM-DD)"),
    followUpOn: z.union([z.literal(""), day("Give the follow-up day (YYYY-MM-DD) or leave it empty")]).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.followUpOn && value.followUpOn < value.heldOn) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["followUpOn"],
        message: "The follow-up comes after the conversation",
      });
    }
  });

export const FollowUpDoneSchema = z.object({
  intent: z.literal("follow-up-done"),
  conversationId: id("Choose a conversation"),
  note: z
    .string({ invalid_type_error: "Expected text" })
    .trim()
    .max(FOLLOW_UP_NOTE_MAX, `At most ${FOLLOW_UP_NOTE_MAX.toLocaleString("en")} characters`)
    .default(""),
});

export const ConversationActionSchema = z.discriminatedUnion(
  "intent",
  [ConversationSchema.innerType(), FollowUpDoneSchema],
  {
    errorMap: () => ({ message: "Unknown action" }),
  },
);

export type ConversationForm = z.input<typeof ConversationSchema>;
export type Conversation = z.output<typeof ConversationSchema>;
