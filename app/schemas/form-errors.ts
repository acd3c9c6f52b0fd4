import type { ZodError } from "zod/v3";

export type FieldErrors = Record<string, string>;

/** The first message per field path ("ratings.repair"), as shown beside each field. */
export function toFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    errors[path] ??= issue.message;
  }
  return errors;
}
