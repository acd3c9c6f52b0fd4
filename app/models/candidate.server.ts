import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "~db/client";
import { auditLog, candidates, interviews, panelAssignments, scorecards, variants } from "~db/schema";
import type { LevelKey } from "~/domain/rubric/types";

export interface CandidateRow {
  id: number;
  name: string;
  targetLevel: LevelKey;
  erasedAt: string | null;
  createdAt: string;
  interviews: number;
}

// Correlated subqueries name the outer table explicitly: drizzle leaves columns unqualified in a
// query without joins, where "id" would silently mean the subquery's own id.
const interviewCount = sql<number>`(select count(*) from ${interviews} i where i.candidate_id = "candidates"."id")`;
/** Practice interviews on exemplars come with a stand-in candidate: not a real person to manage. */
const isReal = sql`not exists (select 1 from ${interviews} i where i.candidate_id = "candidates"."id" and i.exemplar_id is not null)`;

/** Newest first; `query` matches part of the name. */
export function listCandidates(opts: { query?: string; limit?: number } = {}): { rows: CandidateRow[]; total: number } {
  const db = getDb();
  const pattern = opts.query ? `%${opts.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const filter = pattern ? and(isReal, sql`${candidates.name} like ${pattern} escape '\\'`) : isReal;
  const rows = db
    .select({
      id: candidates.id,
      name: candidates.name,
      targetLevel: candidates.targetLevel,
      erasedAt: candidates.erasedAt,
      createdAt: candidates.createdAt,
      interviews: interviewCount,
    })
    .from(candidates)
    .where(filter)
    .orderBy(desc(candidates.id))
    .limit(opts.limit ?? 50)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(candidates)
      .where(filter)
      .get()?.n ?? 0;
  return { rows, total };
}

/** Candidates an interview can be scheduled for: everyone not erased. */
export function listSchedulableCandidates(): { id: number; name: string; targetLevel: LevelKey }[] {
  return getDb()
    .select({ id: candidates.id, name: candidates.name, targetLevel: candidates.targetLevel })
    .from(candidates)
    .where(and(isNull(candidates.erasedAt), isReal))
    .orderBy(desc(candidates.id))
    .all();
}

export function countCandidates(): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(candidates)
      .where(and(isNull(candidates.erasedAt), isReal))
      .get()?.n ?? 0
  );
}

export function createCandidate(input: { name: string; targetLevel: LevelKey }, actorId: number): number {
  return writeTransaction((db) => {
    const { id } = db.insert(candidates).values(input).returning({ id: candidates.id }).get();
    db.insert(auditLog)
      .values({
        actorId,
        action: "candidate.created",
        entity: "candidate",
        entityId: id,
        detail: { name: input.name, targetLevel: input.targetLevel },
      })
      .run();
    return id;
  });
}

export interface CandidateDetail extends Omit<CandidateRow, "interviews"> {
  interviews: {
    id: number;
    scheduledAt: string;
    durationMinutes: number;
    variantName: string;
    panelSize: number;
    scorecards: number;
    submitted: number;
  }[];
}

export function getCandidate(id: number): CandidateDetail | null {
  const db = getDb();
  const candidate = db
    .select()
    .from(candidates)
    .where(and(eq(candidates.id, id), isReal))
    .get();
  if (!candidate) return null;
  const rows = db
    .select({
      id: interviews.id,
      scheduledAt: interviews.scheduledAt,
      durationMinutes: interviews.durationMinutes,
      variantName: variants.name,
      panelSize: sql<number>`(select count(*) from ${panelAssignments} p where p.interview_id = "interviews"."id")`,
      scorecards: sql<number>`(select count(*) from ${scorecards} s where s.interview_id = "interviews"."id")`,
      submitted: sql<number>`(select count(*) from ${scorecards} s where s.interview_id = "interviews"."id" and s.status = 'submitted')`,
    })
    .from(interviews)
    .innerJoin(
      variants,
      and(eq(variants.rubricVersionId, interviews.rubricVersionId), eq(variants.key, interviews.variantKey)),
    )
    .where(eq(interviews.candidateId, id))
    .orderBy(desc(interviews.scheduledAt))
    .all();
  return { ...candidate, interviews: rows };
}
