import { and, desc, eq, sql } from "drizzle-orm";
import { preparedOnce } from "../../db/client";
import { candidates, interviews, panelAssignments, scorecards, variants } from "../../db/schema";
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
    .innerJoin(variants, and(eq(variants.rubricVersionId, interviews.rubricVersionId), eq(variants.key, interviews.variantKey)))
    .leftJoin(scorecards, and(eq(scorecards.interviewId, interviews.id), eq(scorecards.interviewerId, panelAssignments.interviewerId)))
    .where(eq(panelAssignments.interviewerId, sql.placeholder("userId")))
    .orderBy(desc(interviews.scheduledAt))
    .prepare(),
);

/** Every interview the user sits on the panel of, newest first, with their own scorecard's state. */
export function listInterviewsForInterviewer(userId: number): InterviewListItem[] {
  return listForInterviewer()
    .all({ userId })
    .map(({ status, ...row }) => ({ ...row, scorecardStatus: status ?? "not_started" }));
}
