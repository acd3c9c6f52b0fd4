import { and, eq } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { dayBefore, measureEffect, type EffectMeasure } from "~/domain/calibration/effect-measure";
import { computeDecisionAgreement, type InterviewerDecisionRecord } from "~/domain/debrief-votes";
import { computeKeyDistances, type InterviewerDistances } from "~/domain/practice";
import { loadFreshDashboard } from "./dashboard-snapshot.server";
import type { ConversationRow } from "./conversation.server";
import { listDecidedDebriefs } from "./debrief.server";
import { listExemplars, listPracticeRatings } from "./exemplar.server";
import { listLateScorecards } from "./reminder.server";

// What the interviewer page gathers beyond the dashboard's views: who they are, their practice,
// decisions and overdue scorecards, and each conversation's effect before and after it.

export function findInterviewer(id: number): { id: number; name: string; email: string; active: boolean } | null {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return (
    getDb()
      .select({ id: t.users.id, name: t.users.name, email: t.users.email, active: t.users.active })
      .from(t.users)
      .innerJoin(t.userRoles, and(eq(t.userRoles.userId, t.users.id), eq(t.userRoles.role, "interviewer")))
      .where(eq(t.users.id, id))
      .get() ?? null
  );
}

export function getInterviewerRecord(
  id: number,
  now = new Date(),
): {
  practice: InterviewerDistances | null;
  decisions: InterviewerDecisionRecord | null;
  overdue: { interviewId: number; candidateName: string; endedAt: string }[];
} {
  const exemplars = listExemplars();
  const practice =
    computeKeyDistances(
      listPracticeRatings().filter((r) => r.interviewerId === id),
      new Map(exemplars.map((e) => [e.id, e.referenceKey])),
    )[0] ?? null;
  const decisions =
    computeDecisionAgreement(listDecidedDebriefs()).interviewers.find((r) => r.interviewerId === id) ?? null;
  // Overdue as the reminders count it: not submitted an hour after the interview ended.
  const overdue = listLateScorecards(new Date(now.getTime() - 3_600_000))
    .filter((l) => l.interviewerId === id)
    .map((l) => ({ interviewId: l.interviewId, candidateName: l.candidateName, endedAt: l.endedAt }));
  return { practice, decisions, overdue };
}

/** How many of the newest conversations get a before/after measure (each costs two dashboard computations). */
export const BEFORE_AFTER_LIMIT = 3;

export type ConversationWithEffect = ConversationRow & { before: EffectMeasure | null; after: EffectMeasure | null };

/**
 * Each conversation's effect measured on every rating dated before the day it was held and on every
 * rating from that day on (all candidates, so co-panellists stay in the comparison), newest first.
 */
export async function conversationsWithEffects(
  email: string,
  conversations: ConversationRow[],
): Promise<ConversationWithEffect[]> {
  const measured: ConversationWithEffect[] = [];
  for (const [k, c] of conversations.entries()) {
    if (k >= BEFORE_AFTER_LIMIT) {
      measured.push({ ...c, before: null, after: null });
      continue;
    }
    const [before, after] = await Promise.all([
      loadFreshDashboard({ to: dayBefore(c.heldOn) }),
      loadFreshDashboard({ from: c.heldOn }),
    ]);
    const rowOf = (views: typeof before) => views.interviewers.rows.find((r) => r.interviewer === email);
    const loopOf = (views: typeof before) => views.loopEffects.filter((m) => m.interviewer === email);
    measured.push({
      ...c,
      before: measureEffect(rowOf(before), c.effect, loopOf(before)),
      after: measureEffect(rowOf(after), c.effect, loopOf(after)),
    });
  }
  return measured;
}
