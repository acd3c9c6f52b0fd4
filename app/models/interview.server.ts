import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, preparedOnce } from "~db/client";
import { candidates, interviews, panelAssignments, scorecards, users, variants } from "~db/schema";
import type { LevelKey } from "~/domain/rubric/types";

export interface InterviewListItem {
  id: number;
  candidateName: string;
  level: LevelKey;
  variantName: string;
  scheduledAt: string;
  durationMinutes: number;
  panelSize: number;
  scorecardStatus: "not_started" | "draft" | "submitted";
}

const listForInterviewer = preparedOnce((db) =>
  db
    .select({
      id: interviews.id,
      candidateName: candidates.name,
      level: candidates.targetLevel,
      variantName: variants.name,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      panelSize: sql<number>`(select count(*) from ${panelAssignments} p where p.interview_id = ${interviews.id})`,
      status: scorecards.status,
    })
    .from(panelAssignments)
    .innerJoin(interviews, eq(interviews.id, panelAssignments.interviewId))
    .innerJoin(candidates, eq(candidates.id, interviews.candidateId))
    .innerJoin(
      variants,
      and(eq(variants.rubricVersionId, interviews.rubricVersionId), eq(variants.key, interviews.variantKey)),
    )
    .leftJoin(
      scorecards,
      and(eq(scorecards.interviewId, interviews.id), eq(scorecards.interviewerId, panelAssignments.interviewerId)),
    )
    // Practice interviews (on an exemplar) are listed on /practice, not here.
    .where(and(eq(panelAssignments.interviewerId, sql.placeholder("userId")), isNull(interviews.exemplarId)))
    .orderBy(desc(interviews.scheduledAt))
    .prepare(),
);

/** Every real interview the user sits on the panel of, newest first, with their own scorecard's state. */
export function listInterviewsForInterviewer(userId: number): InterviewListItem[] {
  return listForInterviewer()
    .all({ userId })
    .map(({ status, ...row }) => ({ ...row, scorecardStatus: status ?? "not_started" }));
}

export interface PanelInterview {
  id: number;
  candidateName: string;
  level: LevelKey;
  variantKey: string;
  rubricVersionId: number;
  scheduledAt: string;
  durationMinutes: number;
}

// On every autosave (each route's action checks its own access): plain SQL prepared once per
// connection, the row as it comes (drizzle's row mapping cost more than the query).
const panelInterview = preparedOnce((db) =>
  db.$client.prepare(
    `select i.id, c.name as candidateName, c.target_level as level, i.variant_key as variantKey,
       i.rubric_version_id as rubricVersionId, i.scheduled_at as scheduledAt, i.duration_minutes as durationMinutes,
       i.exemplar_id is not null as practice
     from panel_assignments pa
       inner join interviews i on i.id = pa.interview_id
       inner join candidates c on c.id = i.candidate_id
     where pa.interview_id = ? and pa.interviewer_id = ?`,
  ),
);

/** The interview, if the user sits on its panel; otherwise null, and the caller answers 404. */
/** `practice`: the interview scores an exemplar (practice), not a live candidate. */
export function getPanelInterview(
  interviewId: number,
  userId: number,
): (PanelInterview & { practice: boolean }) | null {
  const row = panelInterview().get(interviewId, userId) as (PanelInterview & { practice: number }) | undefined;
  return row ? { ...row, practice: row.practice === 1 } : null;
}

export interface InterviewDetail extends PanelInterview {
  variantName: string;
  candidateId: number;
}

const interviewDetail = preparedOnce((db) =>
  db
    .select({
      id: interviews.id,
      candidateId: candidates.id,
      candidateName: candidates.name,
      level: candidates.targetLevel,
      variantKey: interviews.variantKey,
      variantName: variants.name,
      rubricVersionId: interviews.rubricVersionId,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
    })
    .from(interviews)
    .innerJoin(candidates, eq(candidates.id, interviews.candidateId))
    .innerJoin(
      variants,
      and(eq(variants.rubricVersionId, interviews.rubricVersionId), eq(variants.key, interviews.variantKey)),
    )
    .where(eq(interviews.id, sql.placeholder("interviewId")))
    .prepare(),
);

export function getInterview(interviewId: number): InterviewDetail | null {
  return interviewDetail().get({ interviewId }) ?? null;
}

export interface PanelMember {
  interviewerId: number;
  name: string;
  status: "not_started" | "draft" | "submitted";
  submittedAt: string | null;
}

const panelMembers = preparedOnce((db) =>
  db
    .select({
      interviewerId: users.id,
      name: users.name,
      status: scorecards.status,
      submittedAt: scorecards.submittedAt,
    })
    .from(panelAssignments)
    .innerJoin(users, eq(users.id, panelAssignments.interviewerId))
    .leftJoin(
      scorecards,
      and(
        eq(scorecards.interviewId, panelAssignments.interviewId),
        eq(scorecards.interviewerId, panelAssignments.interviewerId),
      ),
    )
    .where(eq(panelAssignments.interviewId, sql.placeholder("interviewId")))
    .orderBy(users.name)
    .prepare(),
);

export function getPanel(interviewId: number): PanelMember[] {
  return panelMembers()
    .all({ interviewId })
    .map((m) => ({ ...m, status: m.status ?? "not_started" }));
}

export interface OverdueScorecard {
  interviewId: number;
  candidateName: string;
  interviewerName: string;
  scheduledAt: string;
  durationMinutes: number;
  status: "not_started" | "draft";
}

/** A panel seat with no submitted scorecard yet: the overdue page and the reminders both start here. */
export interface UnsubmittedSeat extends OverdueScorecard {
  interviewerId: number;
  interviewerEmail: string;
  interviewerActive: boolean;
  /** When the interview ended (scheduled time plus duration), UTC ISO. */
  endedAt: string;
}

/**
 * Panel seats without a submitted scorecard on real interviews (not practice) that ended before
 * `endedBy` (or at it, when `inclusive`), soonest first.
 */
export function listUnsubmittedSeats(endedBy: Date, { inclusive = false } = {}): UnsubmittedSeat[] {
  const endedAt = sql`strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || i.duration_minutes || ' minutes')`;
  const by = endedBy.toISOString();
  // The open seats first, from their own partial index (panel_assignments.submitted, kept by triggers),
  // then their interviews: on a large organisation nearly every seat is submitted. Joining every seat
  // to its interview, candidate and person before looking at its scorecard cost ~280 ms a call at
  // 100,000 scorecards, and looking up every seat's scorecard ~100-120 ms (~30 ms now), held on the
  // server's event loop by every reminder pass, the overdue page and each interviewer's profile.
  // INDEXED BY: should the index ever be unusable here, the query fails instead of quietly scanning.
  const rows = getDb().all<{
    interviewId: number;
    candidateName: string;
    interviewerId: number;
    interviewerName: string;
    interviewerEmail: string;
    interviewerActive: number;
    scheduledAt: string;
    durationMinutes: number;
    endedAt: string;
    status: string | null;
  }>(sql`
    with open as materialized (
      select p.interview_id, p.interviewer_id, s.status from ${panelAssignments} p indexed by panel_open_seats
        left join ${scorecards} s on s.interview_id = p.interview_id and s.interviewer_id = p.interviewer_id
      where p.submitted = 0)
    select i.id as interviewId, c.name as candidateName, u.id as interviewerId, u.name as interviewerName,
      u.email as interviewerEmail, u.active as interviewerActive, i.scheduled_at as scheduledAt,
      i.duration_minutes as durationMinutes, ${endedAt} as endedAt, o.status as status
    from open o join ${interviews} i on i.id = o.interview_id join ${candidates} c on c.id = i.candidate_id
      join ${users} u on u.id = o.interviewer_id
    where i.exemplar_id is null and ${inclusive ? sql`${endedAt} <= ${by}` : sql`${endedAt} < ${by}`}
    order by i.scheduled_at, u.id`);
  return rows.map((row) => ({
    ...row,
    interviewerActive: row.interviewerActive === 1,
    status: row.status === "draft" ? "draft" : "not_started",
  }));
}

/** Panellists who have not submitted, for real interviews that ended before `endedBefore`. */
export function listOverdueScorecards(endedBefore: Date): OverdueScorecard[] {
  return listUnsubmittedSeats(endedBefore).map(
    ({ interviewId, candidateName, interviewerName, scheduledAt, durationMinutes, status }) => ({
      interviewId,
      candidateName,
      interviewerName,
      scheduledAt,
      durationMinutes,
      status,
    }),
  );
}
