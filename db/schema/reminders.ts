// Reminders about late scorecards: each step claimed once, then sent by email or in the app.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { oneOf, serialId, stamp } from "./columns";
import { interviewRef } from "./interviews";
import { userRef } from "./users";

const KINDS = ["interviewer", "lead"] as const;
const CHANNELS = ["email", "in_app"] as const;
const STATUSES = ["claimed", "sent", "failed"] as const;

/**
 * A reminder step, claimed before it is sent: the unique key (late scorecard, kind, step,
 * recipient) is what keeps a restart, a second server or `npm run reminders:send` from sending
 * the same step twice. `in_app` rows are the interviewer's notifications when no SMTP is set.
 */
export const reminderSends = sqliteTable(
  "reminder_sends",
  {
    id: serialId(),
    interviewId: interviewRef("cascade"),
    /** The panellist whose scorecard is late. */
    interviewerId: userRef("interviewer_id"),
    kind: text("kind", { enum: KINDS }).notNull(),
    step: integer("step").notNull(),
    recipientId: userRef("recipient_id"),
    channel: text("channel", { enum: CHANNELS }).notNull(),
    status: text("status", { enum: STATUSES }).notNull().default("claimed"),
    subject: text("subject").notNull(),
    link: text("link").notNull(),
    error: text("error"),
    claimedAt: stamp("claimed_at"),
    sentAt: text("sent_at"),
    readAt: text("read_at"),
  },
  (t) => [
    uniqueIndex("reminder_sends_step").on(t.interviewId, t.interviewerId, t.kind, t.step, t.recipientId),
    // Every page's header counts the signed-in user's unread notifications: with status and read_at
    // in the index the count reads the index alone (a lead with 2,500 unread: ~1.7 ms a page before).
    index("reminder_sends_recipient").on(t.recipientId, t.channel, t.status, t.readAt),
    check("reminder_sends_kind", oneOf(t.kind, KINDS)),
    check("reminder_sends_channel", oneOf(t.channel, CHANNELS)),
    check("reminder_sends_status", oneOf(t.status, STATUSES)),
    check("reminder_sends_step", sql`${t.step} >= 0`),
  ],
);
