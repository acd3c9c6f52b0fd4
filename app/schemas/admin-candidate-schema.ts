import { z } from "zod/v3";
import { LEVELS } from "~/domain/rubric/types";

export const NewCandidateSchema = z.object({
  name: z.string().trim().min(1, "Enter the candidate's name").max(120, "At most 120 characters"),
  targetLevel: z.enum(LEVELS, { errorMap: () => ({ message: "Choose a target level" }) }),
});
export type NewCandidate = z.output<typeof NewCandidateSchema>;
export type NewCandidateForm = z.input<typeof NewCandidateSchema>;

const collapse = (s: string) => s.trim().replace(/\s+/g, " ");

/** Erasure cannot be undone, so the admin types the candidate's name to confirm it. */
export function eraseCandidateSchema(candidateName: string) {
  return z.object({
    confirmation: z
      .string({ required_error: "Type the candidate's name to confirm" })
      .refine((typed) => typed.trim() !== "", "Type the candidate's name to confirm")
      .refine(
        (typed) => typed.trim() === "" || collapse(typed) === collapse(candidateName),
        "That is not the candidate's name as shown above",
      ),
  });
}
export type EraseCandidateForm = { confirmation: string };
