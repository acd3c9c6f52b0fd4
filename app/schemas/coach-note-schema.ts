import { z } from "zod/v3";

/** A note sent to the evidence coach (POST /coach/signals): the same limit as a stored note. */
export const CoachNoteSchema = z.object({
  text: z
    .string({ required_error: "Send the note's text" })
    .min(1, "Send the note's text")
    .max(5000, "A note is at most 5,000 characters"),
});
export type CoachNote = z.infer<typeof CoachNoteSchema>;
