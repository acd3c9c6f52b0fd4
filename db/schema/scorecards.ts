// A panellist's scorecard and what hangs off it: ratings, flags, STAR ticks, notes, revisions.
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { createdAt, now, oneOf, RECOMMENDATIONS, requiredRef, serialId } from "./columns";
import { panelAssignments } from "./interviews";
import { ofVariant, rubricVersionRef, variantKey } from "./rubric";
import { userRef } from "./users";

const STATUSES = ["draft", "submitted"] as const;

export const scorecards = sqliteTable(
  "scorecards",
  {
    id: serialId(),
    interviewId: integer("interview_id").notNull(),
    interviewerId: integer("interviewer_id").notNull(),
    /** The rubric version the scorecard began with; a later rubric edit never changes it. */
    rubricVersionId: rubricVersionRef(),
    variantKey: variantKey(),
    status: text("status", { enum: STATUSES }).notNull().default("draft"),
    /** Bumped by every accepted save; a save based on an older revision is refused. */
    revision: integer("revision").notNull().default(0),
    timerElapsedMs: integer("timer_elapsed_ms").notNull().default(0),
    /** Epoch ms when the running timer was last started; null while paused. */
    timerRunningSince: integer("timer_running_since"),
    /** Epoch ms of this interviewer's first start of the interview clock; set once, never moved. */
    clockStartedAt: integer("clock_started_at"),
    /** Interview-clock seconds at which the candidate's answer started and ended. */
    answerStartSeconds: integer("answer_start_seconds"),
    answerEndSeconds: integer("answer_end_seconds"),
    recommendation: text("recommendation", { enum: RECOMMENDATIONS }),
    recommendationJustification: text("recommendation_justification").notNull().default(""),
    /** Evidence-coach suggestions the interviewer dismissed: "noteId|kind:start-end" keys, so they stay dismissed. */
    coachDismissed: text("coach_dismissed", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    weightedScore: real("weighted_score"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull().default(now),
    submittedAt: text("submitted_at"),
    /**
     * Set on scorecards made by `db:import`: the file row's identity (candidate, interviewer,
     * variant, date), so importing the same file again is noticed; and imported scorecards, which
     * carry no red flags, stay out of red-flag rates.
     */
    importKey: text("import_key"),
  },
  (t) => [
    uniqueIndex("scorecards_one_per_interviewer").on(t.interviewId, t.interviewerId),
    foreignKey({
      columns: [t.interviewId, t.interviewerId],
      foreignColumns: [panelAssignments.interviewId, panelAssignments.interviewerId],
    }),
    ofVariant(t),
    index("scorecards_interviewer").on(t.interviewerId),
    uniqueIndex("scorecards_import_key").on(t.importKey),
    check("scorecards_status", oneOf(t.status, STATUSES)),
    check("scorecards_revision", sql`${t.revision} >= 0`),
    check("scorecards_timer", sql`${t.timerElapsedMs} >= 0`),
    check("scorecards_recommendation", sql`${t.recommendation} is null or ${oneOf(t.recommendation, RECOMMENDATIONS)}`),
    check("scorecards_submitted", sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
    check("scorecards_justification_length", sql`length(${t.recommendationJustification}) <= 500`),
  ],
);

/** Every row below belongs to one scorecard and goes with it. */
const scorecardRef = () => requiredRef("scorecard_id", () => scorecards.id, "cascade");

export const ratings = sqliteTable(
  "ratings",
  {
    scorecardId: scorecardRef(),
    dimensionKey: text("dimension_key").notNull(),
    // The scale check against the scorecard's rubric version is a trigger (migration 0001):
    // a CHECK constraint cannot look at another table.
    score: integer("score").notNull(),
    capJustification: text("cap_justification").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.scorecardId, t.dimensionKey] }),
    check("ratings_score_integer", sql`typeof(${t.score}) = 'integer'`),
    check("ratings_justification_length", sql`length(${t.capJustification}) <= 500`),
  ],
);

export const raisedRedFlags = sqliteTable(
  "raised_red_flags",
  { scorecardId: scorecardRef(), flagKey: text("flag_key").notNull() },
  (t) => [primaryKey({ columns: [t.scorecardId, t.flagKey] })],
);

export const starTicks = sqliteTable(
  "star_ticks",
  { scorecardId: scorecardRef(), starKey: text("star_key").notNull() },
  (t) => [primaryKey({ columns: [t.scorecardId, t.starKey] })],
);

export const evidenceNotes = sqliteTable(
  "evidence_notes",
  {
    id: serialId(),
    scorecardId: scorecardRef(),
    /** A client-made id, so a note added offline is stored once however often it is re-sent. */
    clientId: text("client_id").notNull(),
    dimensionKey: text("dimension_key").notNull(),
    elapsedSeconds: integer("elapsed_seconds").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("evidence_notes_client").on(t.scorecardId, t.clientId),
    check("evidence_notes_elapsed", sql`${t.elapsedSeconds} >= 0`),
    check("evidence_notes_length", sql`length(${t.text}) <= 5000`),
  ],
);

/**
 * The red flags the evidence coach (app/domain/coach) finds in a note: a cache, so calibration
 * figures do not re-read every note. A row is stale when the note's text or the analyser changes.
 */
export const evidenceNoteFlags = sqliteTable("evidence_note_flags", {
  noteId: integer("note_id")
    .primaryKey()
    .references(() => evidenceNotes.id, { onDelete: "cascade" }),
  textHash: text("text_hash").notNull(),
  analyserVersion: text("analyser_version").notNull(),
  /** The rubric red-flag keys suggested by the note's signals, e.g. ["passive_voice"]. */
  flags: text("flags", { mode: "json" }).$type<string[]>().notNull(),
});

/** Snapshots of a submitted scorecard: one per submission and one per amendment. */
export const scorecardRevisions = sqliteTable(
  "scorecard_revisions",
  {
    id: serialId(),
    scorecardId: scorecardRef(),
    revision: integer("revision").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    reason: text("reason"),
    /** True when the author had seen other panellists' scorecards before this revision. */
    afterSeeingOthers: integer("after_seeing_others", { mode: "boolean" }).notNull().default(false),
    createdBy: userRef("created_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("scorecard_revisions_unique").on(t.scorecardId, t.revision)],
);

/**
 * The content of recent draft revisions, so a save based on an older revision can be merged
 * field by field against the revision it started from (the newest few are kept per scorecard).
 */
export const scorecardDraftSnapshots = sqliteTable(
  "scorecard_draft_snapshots",
  {
    scorecardId: scorecardRef(),
    revision: integer("revision").notNull(),
    content: text("content", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.revision] })],
);
