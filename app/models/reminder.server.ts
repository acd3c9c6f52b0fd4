import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, preparedOnce, writeTransaction } from "~db/client";
import { reminderSends, userRoles, users } from "~db/schema";
import type { LateScorecard } from "~/domain/reminders";
import { listUnsubmittedSeats } from "./interview.server";

export interface LateScorecardRow extends LateScorecard {
  interviewerEmail: string;
}

/** Active panellists without a submitted scorecard on real interviews that ended by `endedBefore`. */
export function listLateScorecards(endedBefore: Date): LateScorecardRow[] {
  return listUnsubmittedSeats(endedBefore, { inclusive: true })
    .filter((seat) => seat.interviewerActive)
    .map(({ interviewId, interviewerId, interviewerName, interviewerEmail, candidateName, endedAt }) => ({
      interviewId,
      interviewerId,
      interviewerName,
      interviewerEmail,
      candidateName,
      endedAt,
    }));
}

export interface Recipient {
  id: number;
  name: string;
  email: string;
}

export function listActiveLeads(): Recipient[] {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "lead")))
    .where(eq(users.active, true))
    .orderBy(users.id)
    .all();
}

export interface ReminderClaim {
  interviewId: number;
  interviewerId: number;
  kind: "interviewer" | "lead";
  step: number;
  recipientId: number;
  channel: "email" | "in_app";
  subject: string;
  link: string;
}

type ReminderStep = Pick<ReminderClaim, "interviewId" | "interviewerId" | "kind" | "step" | "recipientId">;

/** One reminder step as a string: the unique key of reminder_sends. */
export const reminderStepKey = (s: ReminderStep) =>
  `${s.interviewId}:${s.interviewerId}:${s.kind}:${s.step}:${s.recipientId}`;

/**
 * The steps of these interviews that are settled (claimed or sent; a failed send is not: it is tried
 * again), read in one statement: a pass need not try to claim them again. A claim stays the arbiter
 * (claimReminder), so a step settled by someone else after this read is still sent once.
 */
export function settledReminderSteps(interviewIds: readonly number[]): Set<string> {
  const rows = getDb()
    .select({
      interviewId: reminderSends.interviewId,
      interviewerId: reminderSends.interviewerId,
      kind: reminderSends.kind,
      step: reminderSends.step,
      recipientId: reminderSends.recipientId,
    })
    .from(reminderSends)
    .where(
      and(
        sql`${reminderSends.interviewId} in (select value from json_each(${JSON.stringify(interviewIds)}))`,
        sql`${reminderSends.status} <> 'failed'`,
      ),
    )
    .all();
  return new Set(rows.map(reminderStepKey));
}

/**
 * Claims one reminder step for sending, in one immediate transaction: the row is inserted, or a
 * failed earlier attempt taken over. Null when another pass (or process) already has it, so only
 * the claimant sends. An in-app reminder is delivered by the claim itself.
 */
export function claimReminder(claim: ReminderClaim, now = new Date()): number | null {
  return writeTransaction((db) => {
    const delivered = claim.channel === "in_app";
    const values = {
      ...claim,
      status: delivered ? ("sent" as const) : ("claimed" as const),
      claimedAt: now.toISOString(),
      sentAt: delivered ? now.toISOString() : null,
    };
    const inserted = db
      .insert(reminderSends)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: reminderSends.id })
      .get();
    if (inserted) return inserted.id;
    // A send that failed (the mail server refused or was down) is tried again; nothing else is.
    const retried = db
      .update(reminderSends)
      .set({
        channel: claim.channel,
        status: values.status,
        claimedAt: values.claimedAt,
        sentAt: values.sentAt,
        error: null,
      })
      .where(
        and(
          eq(reminderSends.interviewId, claim.interviewId),
          eq(reminderSends.interviewerId, claim.interviewerId),
          eq(reminderSends.kind, claim.kind),
          eq(reminderSends.step, claim.step),
          eq(reminderSends.recipientId, claim.recipientId),
          eq(reminderSends.status, "failed"),
        ),
      )
      .returning({ id: reminderSends.id })
      .get();
    return retried?.id ?? null;
  });
}

export function markReminderSent(id: number, now = new Date()): void {
  getDb()
    .update(reminderSends)
    .set({ status: "sent", sentAt: now.toISOString() })
    .where(eq(reminderSends.id, id))
    .run();
}

export function markReminderFailed(id: number, error: string): void {
  getDb()
    .update(reminderSends)
    .set({ status: "failed", error: error.slice(0, 500) })
    .where(eq(reminderSends.id, id))
    .run();
}

export interface Notification {
  id: number;
  kind: "interviewer" | "lead";
  subject: string;
  link: string;
  sentAt: string | null;
  readAt: string | null;
}

/** The in-app reminders a person has been sent (when no SMTP server is configured), newest first. */
export function listNotifications(userId: number): Notification[] {
  return getDb()
    .select({
      id: reminderSends.id,
      kind: reminderSends.kind,
      subject: reminderSends.subject,
      link: reminderSends.link,
      sentAt: reminderSends.sentAt,
      readAt: reminderSends.readAt,
    })
    .from(reminderSends)
    .where(
      and(eq(reminderSends.recipientId, userId), eq(reminderSends.channel, "in_app"), eq(reminderSends.status, "sent")),
    )
    .orderBy(desc(reminderSends.sentAt), desc(reminderSends.id))
    .all();
}

// Every page's root loader asks: prepared once (drizzle's query building was most of its cost).
const unreadNotifications = preparedOnce((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(reminderSends)
    .where(
      and(
        eq(reminderSends.recipientId, sql.placeholder("userId")),
        eq(reminderSends.channel, "in_app"),
        eq(reminderSends.status, "sent"),
        isNull(reminderSends.readAt),
      ),
    )
    .prepare(),
);

export function countUnreadNotifications(userId: number): number {
  return unreadNotifications().get({ userId })?.n ?? 0;
}

export function markNotificationsRead(userId: number, now = new Date()): number {
  return getDb()
    .update(reminderSends)
    .set({ readAt: now.toISOString() })
    .where(
      and(eq(reminderSends.recipientId, userId), eq(reminderSends.channel, "in_app"), isNull(reminderSends.readAt)),
    )
    .run().changes;
}
