// What the submit check needs once zod is here, in the schema's chunk (draft-schema.ts): the
// schema, and the reading of its errors (which runs only on what the schema found).
export { scorecardDraftSchema } from "~/schemas/scorecard-schema";
export { toFieldErrors } from "~/schemas/form-errors";
