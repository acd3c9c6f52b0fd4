// Candidates, their interviews, and who sits on each panel.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, LEVELS, oneOf, requiredRef, serialId } from "./columns";
import { exemplars, ofVariant, rubricVersionRef, variantKey } from "./rubric";
import { userRef } from "./users";

export const candidates = sqliteTable(
  "candidates",
  {
    id: serialId(),
    name: text("name").notNull(),
    targetLevel: text("target_level", { enum: LEVELS }).notNull(),
    /** Set when the candidate's name and free text were erased on request. */
    erasedAt: text("erased_at"),
    createdAt: createdAt(),
  },
  (t) => [check("candidates_level", oneOf(t.targetLevel, LEVELS))],
);

export const interviews = sqliteTable(
  "interviews",
  {
    id: serialId(),
    candidateId: requiredRef("candidate_id", () => candidates.id),
    /** Set for a practice interview on an exemplar: kept out of every real statistic. */
    exemplarId: integer("exemplar_id").references(() => exemplars.id),
    rubricVersionId: rubricVersionRef(),
    variantKey: variantKey(),
    scheduledAt: text("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(45),
    createdAt: createdAt(),
  },
  (t) => [
    ofVariant(t),
    index("interviews_scheduled").on(t.scheduledAt),
    index("interviews_candidate").on(t.candidateId),
    check("interviews_duration", sql`${t.durationMinutes} between 5 and 480`),
  ],
);

/** A required reference to an interview (`interview_id`). */
export const interviewRef = (cascade?: "cascade") => requiredRef("interview_id", () => interviews.id, cascade);

export const panelAssignments = sqliteTable(
  "panel_assignments",
  {
    interviewId: interviewRef("cascade"),
    interviewerId: userRef("interviewer_id"),
    /**
     * The seat's scorecard is submitted. Kept by triggers on scorecards and on this table (migration
     * 0010), never written by the app: the open seats, a few thousand of an organisation's hundred
     * thousand, are then read from an index of their own instead of a scan of every seat.
     */
    submitted: integer("submitted", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.interviewId, t.interviewerId] }),
    index("panel_interviewer").on(t.interviewerId),
    index("panel_open_seats")
      .on(t.interviewId)
      .where(sql`${t.submitted} = 0`),
  ],
);
