// The scorecard route's action reads drafts through this server-only door: the browser build
// replaces *.server modules with nothing, so the route's own bundle never pulls in zod (the page
// loads the schema lazily, see app/components/scorecard/draft-schema.ts).
export { scorecardDraftSchema, type ScorecardDraft } from "./scorecard-schema";
export { formDataToObject } from "./form-data";
export { idFromText } from "./form-number";
export { toFieldErrors } from "./form-errors";
