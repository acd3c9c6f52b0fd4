import { and, asc, desc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, preparedOnce, writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import type { Conversation } from "~/schemas/conversation-schema";

// Calibration conversations: a lead talks with an interviewer about one effect, writes down what
// they agreed and when to look again. Every change is in audit_log, in the same transaction.

export interface ConversationRow {
  id: number;
  interviewerId: number;
  interviewerName: string;
  effect: string;
  agreed: string;
  heldOn: string;
  followUpOn: string | null;
  followUpDoneAt: string | null;
  followUpNote: string;
  leadName: string;
}

const lead = alias(t.users, "lead");

function selectConversations(db: Db = getDb()) {
  return db
    .select({
      id: t.calibrationConversations.id,
      interviewerId: t.calibrationConversations.interviewerId,
      interviewerName: t.users.name,
      effect: t.calibrationConversations.effect,
      agreed: t.calibrationConversations.agreed,
      heldOn: t.calibrationConversations.heldOn,
      followUpOn: t.calibrationConversations.followUpOn,
      followUpDoneAt: t.calibrationConversations.followUpDoneAt,
      followUpNote: t.calibrationConversations.followUpNote,
      leadName: lead.name,
    })
    .from(t.calibrationConversations)
    .innerJoin(t.users, eq(t.users.id, t.calibrationConversations.interviewerId))
    .innerJoin(lead, eq(lead.id, t.calibrationConversations.createdBy));
}

/** Conversations, newest first; one interviewer's when `interviewerId` is given (the interviewer page's history). */
export function listConversations(interviewerId?: number): ConversationRow[] {
  const query = selectConversations();
  return (
    interviewerId === undefined ? query : query.where(eq(t.calibrationConversations.interviewerId, interviewerId))
  )
    .orderBy(desc(t.calibrationConversations.heldOn), desc(t.calibrationConversations.id))
    .all();
}

/** Open follow-ups due on or before `today` (YYYY-MM-DD), oldest first: the overview lists them. */
export function listDueFollowUps(today: string): ConversationRow[] {
  return dueFollowUps().all({ today });
}

// Prepared once: every overview load asks, and drizzle's query building was most of the cost.
const dueFollowUps = preparedOnce((db) =>
  selectConversations(db)
    .where(
      and(
        isNotNull(t.calibrationConversations.followUpOn),
        isNull(t.calibrationConversations.followUpDoneAt),
        lte(t.calibrationConversations.followUpOn, sql.placeholder("today")),
      ),
    )
    .orderBy(asc(t.calibrationConversations.followUpOn), asc(t.calibrationConversations.id))
    .prepare(),
);

export type ConversationResult = { kind: "ok"; id: number } | { kind: "refused"; field: string; message: string };

export function recordConversation(
  input: Omit<Conversation, "intent">,
  leadId: number,
  on: Db = getDb(),
): ConversationResult {
  return writeTransaction((db) => {
    const interviewer = db
      .select({ id: t.users.id })
      .from(t.users)
      .innerJoin(t.userRoles, and(eq(t.userRoles.userId, t.users.id), eq(t.userRoles.role, "interviewer")))
      .where(eq(t.users.id, input.interviewerId))
      .get();
    if (!interviewer) return { kind: "refused", field: "interviewerId", message: "Choose an interviewer" };
    const { id } = db
      .insert(t.calibrationConversations)
      .values({
        interviewerId: input.interviewerId,
        effect: input.effect,
        agreed: input.agreed,
        heldOn: input.heldOn,
        followUpOn: input.followUpOn || null,
        createdBy: leadId,
      })
      .returning({ id: t.calibrationConversations.id })
      .get();
    db.insert(t.auditLog)
      .values({
        actorId: leadId,
        action: "conversation.recorded",
        entity: "calibration_conversation",
        entityId: id,
        detail: { ...input, followUpOn: input.followUpOn || null },
      })
      .run();
    return { kind: "ok", id };
  }, on);
}

export function completeFollowUp(conversationId: number, note: string, leadId: number): ConversationResult {
  return writeTransaction((db) => {
    const done = db
      .update(t.calibrationConversations)
      .set({ followUpDoneAt: new Date().toISOString(), followUpNote: note })
      .where(
        and(
          eq(t.calibrationConversations.id, conversationId),
          isNotNull(t.calibrationConversations.followUpOn),
          isNull(t.calibrationConversations.followUpDoneAt),
        ),
      )
      .returning({ id: t.calibrationConversations.id })
      .get();
    if (!done) return { kind: "refused", field: "conversationId", message: "No open follow-up with that conversation" };
    db.insert(t.auditLog)
      .values({
        actorId: leadId,
        action: "conversation.followed_up",
        entity: "calibration_conversation",
        entityId: conversationId,
        detail: { note },
      })
      .run();
    return { kind: "ok", id: conversationId };
  });
}

/** Interviewers a conversation can be with, by name. */
export function listInterviewerChoices(): { id: number; name: string; email: string }[] {
  return getDb()
    .select({ id: t.users.id, name: t.users.name, email: t.users.email })
    .from(t.users)
    .innerJoin(t.userRoles, and(eq(t.userRoles.userId, t.users.id), eq(t.userRoles.role, "interviewer")))
    .where(eq(t.users.active, true))
    .orderBy(t.users.name, t.users.id)
    .all();
}
