import type { Rubric } from "~/domain/rubric/types";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { scorecardDraftSchema } from "~/schemas/scorecard-schema";
import type { ScorecardFormValues } from "./form-values";

// The submit check's part that needs zod, in the schema's chunk (draft-schema.ts): the schema's
// errors for a payload, as the page shows them.

/** What the schema finds in `payload`, by field; a note's error beside its dimension's notes. */
export function draftErrors(rubric: Rubric, payload: unknown, values: ScorecardFormValues): FieldErrors {
  const parsed = scorecardDraftSchema(rubric).safeParse(payload);
  return parsed.success ? {} : noteErrorsByDimension(toFieldErrors(parsed.error), values);
}

/** "notes.3.text" names a note by its position; the page shows it beside its dimension's notes. */
function noteErrorsByDimension(errors: FieldErrors, values: ScorecardFormValues): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^notes\.(\d+)/.exec(key);
    const dimension = match ? values.notes[Number(match[1])]?.dimension : undefined;
    out[dimension ? `notes.${dimension}` : key] ??= message;
  }
  return out;
}
