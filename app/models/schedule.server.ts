import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "~db/client";
import { auditLog, candidates, interviews, panelAssignments, scorecards, userRoles, users, variants } from "~db/schema";
import type { AdminInterviewRow } from "~/domain/interview-schedule";
import type { ScheduleInterview } from "~/schemas/admin-interview-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { getInterview, getPanel, type InterviewDetail, type PanelMember } from "./interview.server";
import { getLatestRubricVersion } from "./rubric.server";

// The admin's side of interviews: scheduling and panels. An interview keeps the rubric version
// that was latest when it was scheduled (rubric versions live in rubric.server.ts).

// Correlated subqueries name the outer table explicitly: drizzle leaves columns unqualified in a
// query without joins, where "id" would silently mean the subquery's own id.
function interviewRows(db: Db) {
  return db
    .select({
      id: interviews.id,
      candidateId: candidates.id,
      candidateName: candidates.name,
      level: candidates.targetLevel,
      variantName: variants.name,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      rubricVersionId: interviews.rubricVersionId,
      // group_concat has no order of its own: the names are ordered in a subquery first.
      panel: sql<string>`coalesce((select group_concat(name, ', ') from (select u.name from ${panelAssignments} p join ${users} u on u.id = p.interviewer_id where p.interview_id = "interviews"."id" order by u.name)), '')`,
      panelSize: sql<number>`(select count(*) from ${panelAssignments} p where p.interview_id = "interviews"."id")`,
      scorecards: sql<number>`(select count(*) from ${scorecards} s where s.interview_id = "interviews"."id")`,
      submitted: sql<number>`(select count(*) from ${scorecards} s where s.interview_id = "interviews"."id" and s.status = 'submitted')`,
    })
    .from(interviews)
    .innerJoin(candidates, eq(candidates.id, interviews.candidateId))
    .innerJoin(
      variants,
      and(eq(variants.rubricVersionId, interviews.rubricVersionId), eq(variants.key, interviews.variantKey)),
    );
}

/** Practice interviews on exemplars are the interviewer's own, not scheduled: left out here. */
const real = isNull(interviews.exemplarId);

/** Every upcoming interview (soonest first), and the most recent past ones. */
export function listInterviewsForAdmin(
  now = new Date(),
  pastLimit = 25,
): { upcoming: AdminInterviewRow[]; past: AdminInterviewRow[]; pastTotal: number } {
  const db = getDb();
  const at = now.toISOString();
  const upcoming = interviewRows(db)
    .where(and(real, gte(interviews.scheduledAt, at)))
    .orderBy(asc(interviews.scheduledAt))
    .all();
  const past = interviewRows(db)
    .where(and(real, lt(interviews.scheduledAt, at)))
    .orderBy(desc(interviews.scheduledAt))
    .limit(pastLimit)
    .all();
  const pastTotal =
    db
      .select({ n: sql<number>`count(*)` })
      .from(interviews)
      .where(and(real, lt(interviews.scheduledAt, at)))
      .get()?.n ?? 0;
  return { upcoming, past, pastTotal };
}

export function countUpcomingInterviews(now = new Date()): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(interviews)
      .where(and(real, gte(interviews.scheduledAt, now.toISOString())))
      .get()?.n ?? 0
  );
}

export interface AdminInterview extends InterviewDetail {
  candidateErased: boolean;
  panel: (PanelMember & { active: boolean })[];
  scorecards: number;
}

export function getInterviewForAdmin(id: number): AdminInterview | null {
  const db = getDb();
  const row = db.select({ exemplarId: interviews.exemplarId }).from(interviews).where(eq(interviews.id, id)).get();
  const interview = row && row.exemplarId === null ? getInterview(id) : null;
  if (!interview) return null;
  const activeIds = new Set(
    db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.active, true))
      .all()
      .map((u) => u.id),
  );
  const candidate = db
    .select({ erasedAt: candidates.erasedAt })
    .from(candidates)
    .where(eq(candidates.id, interview.candidateId))
    .get();
  return {
    ...interview,
    candidateErased: !!candidate?.erasedAt,
    panel: getPanel(id).map((m) => ({ ...m, active: activeIds.has(m.interviewerId) })),
    scorecards: countScorecards(db, id),
  };
}

const countScorecards = (db: Db, interviewId: number) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(scorecards)
    .where(eq(scorecards.interviewId, interviewId))
    .get()?.n ?? 0;

/** The ids in `ids` that are not active interviewers (and not in `alsoAllowed`). */
function notPanelEligible(db: Db, ids: number[], alsoAllowed: number[] = []): number[] {
  const eligible = new Set(
    db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "interviewer")))
      .where(and(eq(users.active, true), inArray(users.id, ids)))
      .all()
      .map((u) => u.id),
  );
  return ids.filter((id) => !eligible.has(id) && !alsoAllowed.includes(id));
}

const NOT_ELIGIBLE = "Only active interviewers can sit on a panel";
export const PANEL_LOCKED =
  "The panel is locked: scoring has started for this interview, so its panel can no longer change.";

export type ScheduleResult =
  { kind: "scheduled"; id: number; rubricVersionId: number } | { kind: "invalid"; errors: FieldErrors };

/** Schedules on the rubric version that is latest now, checked in the same transaction as the write. */
export function scheduleInterview(input: ScheduleInterview, actorId: number): ScheduleResult {
  return writeTransaction((db) => {
    const errors: FieldErrors = {};
    const candidate = db
      .select({
        erasedAt: candidates.erasedAt,
        practice: sql<number>`exists (select 1 from ${interviews} i where i.candidate_id = "candidates"."id" and i.exemplar_id is not null)`,
      })
      .from(candidates)
      .where(eq(candidates.id, input.candidateId))
      .get();
    if (!candidate || candidate.practice) errors.candidateId = "Choose a candidate";
    else if (candidate.erasedAt) errors.candidateId = "This candidate's data was erased; they cannot be scheduled";
    const version = getLatestRubricVersion(db);
    if (!version.rubric.variants.some((v) => v.key === input.variantKey))
      errors.variantKey = "Choose a variant of the current rubric";
    if (notPanelEligible(db, input.panel).length) errors.panel = NOT_ELIGIBLE;
    if (Object.keys(errors).length) return { kind: "invalid", errors };

    const { id } = db
      .insert(interviews)
      .values({
        candidateId: input.candidateId,
        rubricVersionId: version.id,
        variantKey: input.variantKey,
        scheduledAt: input.scheduledAt,
        durationMinutes: input.durationMinutes,
      })
      .returning({ id: interviews.id })
      .get();
    db.insert(panelAssignments)
      .values(input.panel.map((interviewerId) => ({ interviewId: id, interviewerId })))
      .run();
    db.insert(auditLog)
      .values({
        actorId,
        action: "interview.scheduled",
        entity: "interview",
        entityId: id,
        detail: {
          candidateId: input.candidateId,
          rubricVersionId: version.id,
          variantKey: input.variantKey,
          scheduledAt: input.scheduledAt,
          durationMinutes: input.durationMinutes,
          panel: input.panel,
        },
      })
      .run();
    return { kind: "scheduled", id, rubricVersionId: version.id };
  });
}

export type ChangePanelResult =
  | { kind: "changed"; before: number[]; after: number[] }
  | { kind: "unchanged" }
  | { kind: "locked" }
  | { kind: "not_found" }
  | { kind: "invalid"; errors: FieldErrors };

/** Only before anyone has started scoring: a scorecard belongs to its author's panel seat. */
export function changePanel(interviewId: number, panel: number[], actorId: number): ChangePanelResult {
  return writeTransaction((db) => {
    const interview = db
      .select({ exemplarId: interviews.exemplarId })
      .from(interviews)
      .where(eq(interviews.id, interviewId))
      .get();
    if (!interview || interview.exemplarId !== null) return { kind: "not_found" };
    if (countScorecards(db, interviewId) > 0) return { kind: "locked" };
    const before = db
      .select({ id: panelAssignments.interviewerId })
      .from(panelAssignments)
      .where(eq(panelAssignments.interviewId, interviewId))
      .all()
      .map((p) => p.id)
      .sort((a, b) => a - b);
    const after = [...new Set(panel)].sort((a, b) => a - b);
    // Someone deactivated since may stay on the panel they were put on; nobody new who can't score.
    if (notPanelEligible(db, after, before).length) return { kind: "invalid", errors: { panel: NOT_ELIGIBLE } };
    if (before.join() === after.join()) return { kind: "unchanged" };
    db.delete(panelAssignments).where(eq(panelAssignments.interviewId, interviewId)).run();
    db.insert(panelAssignments)
      .values(after.map((interviewerId) => ({ interviewId, interviewerId })))
      .run();
    db.insert(auditLog)
      .values({
        actorId,
        action: "interview.panel_changed",
        entity: "interview",
        entityId: interviewId,
        detail: { before, after },
      })
      .run();
    return { kind: "changed", before, after };
  });
}
