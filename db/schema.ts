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

// Times are ISO-8601 UTC strings: they sort correctly as text and read well in the audit log.
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const createdAt = () => text("created_at").notNull().default(now);

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
});

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["interviewer", "lead", "admin"] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.role] }),
    check("user_roles_role", sql`${t.role} in ('interviewer','lead','admin')`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session token in the cookie: a copy of this table signs no one in. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** The absolute end (SESSION_MAX_DAYS after sign-in). */
    expiresAt: text("expires_at").notNull(),
    /** Moved forward as the session is used; idle longer than SESSION_IDLE_MINUTES, it has ended. ''
     *  (rows from before this column, whose ids were stored in clear) never counts as seen. */
    lastSeenAt: text("last_seen_at").notNull().default(""),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    /** The client's IP address ('' when unknown), so throttling can tell a guesser from the owner. */
    client: text("client").notNull().default(""),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    at: text("at").notNull().default(now),
  },
  (t) => [index("login_attempts_email_at").on(t.email, t.at), index("login_attempts_client_at").on(t.client, t.at)],
);

/** Organisation-wide settings as key/value, e.g. who may see other panellists' scorecards. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const candidates = sqliteTable(
  "candidates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    targetLevel: text("target_level", { enum: ["mid", "senior", "staff"] }).notNull(),
    /** Set when the candidate's name and free text were erased on request. */
    erasedAt: text("erased_at"),
    createdAt: createdAt(),
  },
  (t) => [check("candidates_level", sql`${t.targetLevel} in ('mid','senior','staff')`)],
);

/** One row per rubric version; `content` is the whole rubric as validated JSON. */
export const rubricVersions = sqliteTable(
  "rubric_versions",
  {
    id: integer("id").primaryKey(),
    content: text("content", { mode: "json" }).notNull(),
    scaleMin: integer("scale_min").notNull(),
    scaleMax: integer("scale_max").notNull(),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check("rubric_versions_scale", sql`${t.scaleMax} > ${t.scaleMin}`)],
);

/** A company variant of the question, as it stands in one rubric version. */
export const variants = sqliteTable(
  "variants",
  {
    rubricVersionId: integer("rubric_version_id")
      .notNull()
      .references(() => rubricVersions.id),
    key: text("key").notNull(),
    company: text("company"),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.rubricVersionId, t.key] })],
);

/**
 * A worked answer with a reference key, for calibration practice: interviewers score it in the
 * scorecard's practice mode, and the dashboard shows how far each lands from the key.
 */
export const exemplars = sqliteTable("exemplars", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  answer: text("answer").notNull(),
  source: text("source").notNull(),
  level: text("level", { enum: ["mid", "senior", "staff"] }).notNull(),
  rubricVersionId: integer("rubric_version_id")
    .notNull()
    .references(() => rubricVersions.id),
  /** { ratings: { [dimension]: score }, recommendation, redFlags: [], rationale: { [dimension]: why } } */
  referenceKey: text("reference_key", { mode: "json" }).notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: createdAt(),
});

export const interviews = sqliteTable(
  "interviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id),
    /** Set for a practice interview on an exemplar: kept out of every real statistic. */
    exemplarId: integer("exemplar_id").references(() => exemplars.id),
    rubricVersionId: integer("rubric_version_id").notNull(),
    variantKey: text("variant_key").notNull(),
    scheduledAt: text("scheduled_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(45),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.rubricVersionId, t.variantKey],
      foreignColumns: [variants.rubricVersionId, variants.key],
    }),
    index("interviews_scheduled").on(t.scheduledAt),
    index("interviews_candidate").on(t.candidateId),
    check("interviews_duration", sql`${t.durationMinutes} between 5 and 480`),
  ],
);

export const panelAssignments = sqliteTable(
  "panel_assignments",
  {
    interviewId: integer("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    interviewerId: integer("interviewer_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.interviewId, t.interviewerId] }), index("panel_interviewer").on(t.interviewerId)],
);

export const scorecards = sqliteTable(
  "scorecards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    interviewId: integer("interview_id").notNull(),
    interviewerId: integer("interviewer_id").notNull(),
    /** The rubric version the scorecard began with; a later rubric edit never changes it. */
    rubricVersionId: integer("rubric_version_id").notNull(),
    variantKey: text("variant_key").notNull(),
    status: text("status", { enum: ["draft", "submitted"] })
      .notNull()
      .default("draft"),
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
    recommendation: text("recommendation", { enum: ["strong_no", "no", "yes", "strong_yes"] }),
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
    foreignKey({
      columns: [t.rubricVersionId, t.variantKey],
      foreignColumns: [variants.rubricVersionId, variants.key],
    }),
    index("scorecards_interviewer").on(t.interviewerId),
    uniqueIndex("scorecards_import_key").on(t.importKey),
    check("scorecards_status", sql`${t.status} in ('draft','submitted')`),
    check("scorecards_revision", sql`${t.revision} >= 0`),
    check("scorecards_timer", sql`${t.timerElapsedMs} >= 0`),
    check(
      "scorecards_recommendation",
      sql`${t.recommendation} is null or ${t.recommendation} in ('strong_no','no','yes','strong_yes')`,
    ),
    check("scorecards_submitted", sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
    check("scorecards_justification_length", sql`length(${t.recommendationJustification}) <= 500`),
  ],
);

export const ratings = sqliteTable(
  "ratings",
  {
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
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
  {
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    flagKey: text("flag_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.flagKey] })],
);

export const starTicks = sqliteTable(
  "star_ticks",
  {
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    starKey: text("star_key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.starKey] })],
);

export const evidenceNotes = sqliteTable(
  "evidence_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
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
    id: integer("id").primaryKey({ autoIncrement: true }),
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull(),
    reason: text("reason"),
    /** True when the author had seen other panellists' scorecards before this revision. */
    afterSeeingOthers: integer("after_seeing_others", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
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
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    content: text("content", { mode: "json" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scorecardId, t.revision] })],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    actorId: integer("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    detail: text("detail", { mode: "json" }),
  },
  (t) => [index("audit_log_entity").on(t.entity, t.entityId)],
);

/** A lead's calibration review of a split panel: what was agreed, and what follows from it. */
export const calibrationReviews = sqliteTable(
  "calibration_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    interviewId: integer("interview_id")
      .notNull()
      .references(() => interviews.id),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    agreedReading: text("agreed_reading").notNull().default(""),
    notes: text("notes").notNull().default(""),
    followUps: text("follow_ups").notNull().default(""),
    openedBy: integer("opened_by")
      .notNull()
      .references(() => users.id),
    openedAt: text("opened_at").notNull().default(now),
    closedBy: integer("closed_by").references(() => users.id),
    closedAt: text("closed_at"),
  },
  (t) => [
    index("calibration_reviews_interview").on(t.interviewId),
    check("calibration_reviews_status", sql`${t.status} in ('open','closed')`),
    check("calibration_reviews_closed", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check(
      "calibration_reviews_lengths",
      sql`length(${t.agreedReading}) <= 5000 and length(${t.notes}) <= 10000 and length(${t.followUps}) <= 5000`,
    ),
  ],
);

/**
 * A reminder step, claimed before it is sent: the unique key (late scorecard, kind, step,
 * recipient) is what keeps a restart, a second server or `npm run reminders:send` from sending
 * the same step twice. `in_app` rows are the interviewer's notifications when no SMTP is set.
 */
export const reminderSends = sqliteTable(
  "reminder_sends",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    interviewId: integer("interview_id")
      .notNull()
      .references(() => interviews.id, { onDelete: "cascade" }),
    /** The panellist whose scorecard is late. */
    interviewerId: integer("interviewer_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["interviewer", "lead"] }).notNull(),
    step: integer("step").notNull(),
    recipientId: integer("recipient_id")
      .notNull()
      .references(() => users.id),
    channel: text("channel", { enum: ["email", "in_app"] }).notNull(),
    status: text("status", { enum: ["claimed", "sent", "failed"] })
      .notNull()
      .default("claimed"),
    subject: text("subject").notNull(),
    link: text("link").notNull(),
    error: text("error"),
    claimedAt: text("claimed_at").notNull().default(now),
    sentAt: text("sent_at"),
    readAt: text("read_at"),
  },
  (t) => [
    uniqueIndex("reminder_sends_step").on(t.interviewId, t.interviewerId, t.kind, t.step, t.recipientId),
    index("reminder_sends_recipient").on(t.recipientId, t.channel),
    check("reminder_sends_kind", sql`${t.kind} in ('interviewer','lead')`),
    check("reminder_sends_channel", sql`${t.channel} in ('email','in_app')`),
    check("reminder_sends_status", sql`${t.status} in ('claimed','sent','failed')`),
    check("reminder_sends_step", sql`${t.step} >= 0`),
  ],
);

/** A structured debrief of one interview, run by a lead; decided once the final decision is recorded. */
export const debriefs = sqliteTable(
  "debriefs",
  {
    interviewId: integer("interview_id")
      .primaryKey()
      .references(() => interviews.id, { onDelete: "cascade" }),
    openedBy: integer("opened_by")
      .notNull()
      .references(() => users.id),
    openedAt: text("opened_at").notNull().default(now),
    decision: text("decision", { enum: ["hire", "no_hire"] }),
    decisionNote: text("decision_note").notNull().default(""),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [
    check("debriefs_decision", sql`${t.decision} is null or ${t.decision} in ('hire','no_hire')`),
    check("debriefs_decided", sql`(${t.decision} is null) = (${t.decidedAt} is null)`),
    check("debriefs_note_length", sql`length(${t.decisionNote}) <= 5000`),
  ],
);

/**
 * A panellist's vote in a debrief: the independent vote (their submitted recommendation, locked
 * when the debrief opens) and at most one re-vote after the discussion, with its reason.
 */
export const debriefVotes = sqliteTable(
  "debrief_votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    interviewId: integer("interview_id")
      .notNull()
      .references(() => debriefs.interviewId, { onDelete: "cascade" }),
    interviewerId: integer("interviewer_id")
      .notNull()
      .references(() => users.id),
    round: text("round", { enum: ["independent", "revote"] }).notNull(),
    recommendation: text("recommendation", { enum: ["strong_no", "no", "yes", "strong_yes"] }).notNull(),
    reason: text("reason").notNull().default(""),
    recordedBy: integer("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("debrief_votes_round").on(t.interviewId, t.interviewerId, t.round),
    check("debrief_votes_round_check", sql`${t.round} in ('independent','revote')`),
    check("debrief_votes_recommendation", sql`${t.recommendation} in ('strong_no','no','yes','strong_yes')`),
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
    id: integer("id").primaryKey({ autoIncrement: true }),
    interviewerId: integer("interviewer_id")
      .notNull()
      .references(() => users.id),
    effect: text("effect").notNull(),
    agreed: text("agreed").notNull(),
    heldOn: text("held_on").notNull(),
    followUpOn: text("follow_up_on"),
    followUpDoneAt: text("follow_up_done_at"),
    followUpNote: text("follow_up_note").notNull().default(""),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
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
