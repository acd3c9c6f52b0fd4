// What leads do with the figures: calibration reviews, structured debriefs and their votes,
// conversations with interviewers.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, oneOf, RECOMMENDATIONS, requiredRef, serialId, stamp } from "./columns";
import { interviewRef, interviews } from "./interviews";
import { optionalUserRef, userRef } from "./users";

const REVIEW_STATUSES = ["open", "closed"] as const;

/** A lead's calibration review of a split panel: what was agreed, and what follows from it. */
export const calibrationReviews = sqliteTable(
  "calibration_reviews",
  {
    id: serialId(),
    interviewId: interviewRef(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull().default("open"),
    agreedReading: text("agreed_reading").notNull().default(""),
    notes: text("notes").notNull().default(""),
    followUps: text("follow_ups").notNull().default(""),
    openedBy: userRef("opened_by"),
    openedAt: stamp("opened_at"),
    closedBy: optionalUserRef("closed_by"),
    closedAt: text("closed_at"),
  },
  (t) => [
    index("calibration_reviews_interview").on(t.interviewId),
    check("calibration_reviews_status", oneOf(t.status, REVIEW_STATUSES)),
    check("calibration_reviews_closed", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check(
      "calibration_reviews_lengths",
      sql`length(${t.agreedReading}) <= 5000 and length(${t.notes}) <= 10000 and length(${t.followUps}) <= 5000`,
    ),
  ],
);

const DECISIONS = ["hire", "no_hire"] as const;

/** A structured debrief of one interview, run by a lead; decided once the final decision is recorded. */
export const debriefs = sqliteTable(
  "debriefs",
  {
    interviewId: integer("interview_id")
      .primaryKey()
      .references(() => interviews.id, { onDelete: "cascade" }),
    openedBy: userRef("opened_by"),
    openedAt: stamp("opened_at"),
    decision: text("decision", { enum: DECISIONS }),
    decisionNote: text("decision_note").notNull().default(""),
    decidedBy: optionalUserRef("decided_by"),
    decidedAt: text("decided_at"),
  },
  (t) => [
    check("debriefs_decision", sql`${t.decision} is null or ${oneOf(t.decision, DECISIONS)}`),
    check("debriefs_decided", sql`(${t.decision} is null) = (${t.decidedAt} is null)`),
    check("debriefs_note_length", sql`length(${t.decisionNote}) <= 5000`),
  ],
);

const ROUNDS = ["independent", "revote"] as const;

/**
 * A panellist's vote in a debrief: the independent vote (their submitted recommendation, locked
 * when the debrief opens) and at most one re-vote after the discussion, with its reason.
 */
export const debriefVotes = sqliteTable(
  "debrief_votes",
  {
    id: serialId(),
    interviewId: requiredRef("interview_id", () => debriefs.interviewId, "cascade"),
    interviewerId: userRef("interviewer_id"),
    round: text("round", { enum: ROUNDS }).notNull(),
    recommendation: text("recommendation", { enum: RECOMMENDATIONS }).notNull(),
    reason: text("reason").notNull().default(""),
    recordedBy: userRef("recorded_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("debrief_votes_round").on(t.interviewId, t.interviewerId, t.round),
    check("debrief_votes_round_check", oneOf(t.round, ROUNDS)),
    check("debrief_votes_recommendation", oneOf(t.recommendation, RECOMMENDATIONS)),
    check(
      "debrief_votes_reason",
      sql`length(${t.reason}) <= 2000 and (${t.round} = 'independent' or length(trim(${t.reason})) > 0)`,
    ),
  ],
);

/** A lead's calibration conversation with an interviewer about one effect, followed up on a date. */
export const calibrationConversations = sqliteTable(
  "calibration_conversations",
  {
    id: serialId(),
    interviewerId: userRef("interviewer_id"),
    effect: text("effect").notNull(),
    agreed: text("agreed").notNull(),
    heldOn: text("held_on").notNull(),
    followUpOn: text("follow_up_on"),
    followUpDoneAt: text("follow_up_done_at"),
    followUpNote: text("follow_up_note").notNull().default(""),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("calibration_conversations_interviewer").on(t.interviewerId, t.heldOn),
    check(
      "calibration_conversations_lengths",
      sql`length(${t.agreed}) between 1 and 5000 and length(${t.followUpNote}) <= 5000`,
    ),
  ],
);
