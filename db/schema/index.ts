// The drizzle schema, one module per area; `import * as t from "~db/schema"` sees every table (and
// only tables: the column helpers stay inside this folder).
export { users, userRoles, sessions, loginAttempts, settings } from "./users";
export { rubricVersions, variants, exemplars } from "./rubric";
export { candidates, interviews, panelAssignments } from "./interviews";
export {
  scorecards,
  ratings,
  raisedRedFlags,
  starTicks,
  evidenceNotes,
  evidenceNoteFlags,
  scorecardRevisions,
  scorecardDraftSnapshots,
} from "./scorecards";
export { calibrationReviews, debriefs, debriefVotes, calibrationConversations } from "./calibration";
export { reminderSends } from "./reminders";
export { auditLog } from "./audit";
