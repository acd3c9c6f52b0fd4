import { z } from "zod/v3";

/** "Practise" on /practice: start (or resume) the user's practice interview on an exemplar. */
export const PracticeStartSchema = z.object({
  intent: z.literal("practise", { errorMap: () => ({ message: "Unknown action" }) }),
  exemplarId: z
    .string({ required_error: "Choose an exemplar", invalid_type_error: "Choose an exemplar" })
    .regex(/^\d{1,12}$/, "Choose an exemplar")
    .transform(Number),
});
