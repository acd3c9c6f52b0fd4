import { and, eq, max, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import * as t from "~db/schema";

// The prepared statements of a ratings import (rating-import.server.ts).

const p = sql.placeholder;

/** The reads an import plans with, prepared once per import. */
export function prepareLookups(db: Db) {
  return {
    maxCandidateId: db
      .select({ id: max(t.candidates.id) })
      .from(t.candidates)
      .prepare(),
    userByEmail: db
      .select({ id: t.users.id, email: t.users.email, name: t.users.name })
      .from(t.users)
      .where(sql`${t.users.email} = ${p("email")} collate nocase`)
      .prepare(),
    candidateById: db
      .select({ id: t.candidates.id, name: t.candidates.name, level: t.candidates.targetLevel })
      .from(t.candidates)
      .where(eq(t.candidates.id, p("id")))
      .prepare(),
    // Any stored rating counts, draft or submitted: the pair would be rated twice either way.
    storedDimensions: db
      .selectDistinct({ dimension: t.ratings.dimensionKey })
      .from(t.ratings)
      .innerJoin(t.scorecards, eq(t.scorecards.id, t.ratings.scorecardId))
      .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
      .where(and(eq(t.interviews.candidateId, p("candidateId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
    interviewOn: db
      .select({ id: t.interviews.id })
      .from(t.interviews)
      .where(
        and(
          eq(t.interviews.candidateId, p("candidateId")),
          eq(t.interviews.variantKey, p("variant")),
          sql`substr(${t.interviews.scheduledAt}, 1, 10) = ${p("date")}`,
        ),
      )
      .orderBy(t.interviews.id)
      .limit(1)
      .prepare(),
    cardByImportKey: db
      .select({ id: t.scorecards.id })
      .from(t.scorecards)
      .where(eq(t.scorecards.importKey, p("key")))
      .prepare(),
    cardOn: db
      .select({ id: t.scorecards.id })
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
  };
}

/** The writes an import makes, prepared once per import. */
export function prepareWrites(db: Db) {
  return {
    insertUser: db
      .insert(t.users)
      .values({ email: p("email"), name: p("name"), passwordHash: p("passwordHash"), active: false })
      .returning({ id: t.users.id })
      .prepare(),
    insertRole: db
      .insert(t.userRoles)
      .values({ userId: p("userId"), role: "interviewer" })
      .prepare(),
    insertCandidate: db
      .insert(t.candidates)
      .values({ name: p("name"), targetLevel: p("level") })
      .returning({ id: t.candidates.id })
      .prepare(),
    insertInterview: db
      .insert(t.interviews)
      .values({
        candidateId: p("candidateId"),
        rubricVersionId: p("rubricVersionId"),
        variantKey: p("variant"),
        scheduledAt: p("scheduledAt"),
      })
      .returning({ id: t.interviews.id })
      .prepare(),
    // A reused interview may already have the interviewer on its panel (without a scorecard).
    insertPanel: db
      .insert(t.panelAssignments)
      .values({ interviewId: p("interviewId"), interviewerId: p("userId") })
      .onConflictDoNothing()
      .prepare(),
    insertCard: db
      .insert(t.scorecards)
      .values({
        interviewId: p("interviewId"),
        interviewerId: p("userId"),
        rubricVersionId: p("rubricVersionId"),
        variantKey: p("variant"),
        status: "submitted",
        revision: 1,
        recommendation: sql`${p("recommendation")}`,
        weightedScore: sql`${p("weightedScore")}`,
        createdAt: p("at"),
        updatedAt: p("at"),
        submittedAt: p("at"),
        importKey: p("importKey"),
      })
      .returning({ id: t.scorecards.id })
      .prepare(),
    insertRating: db
      .insert(t.ratings)
      .values({ scorecardId: p("scorecardId"), dimensionKey: p("dimension"), score: p("score") })
      .prepare(),
  };
}
