import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import type { Exemplar, PracticeRating, ReferenceKey } from "~/domain/practice";
import type { Rubric } from "~/domain/rubric/types";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { referenceKeySchema, type ExemplarInput } from "~/schemas/exemplar-form-schema";
import { getLatestRubricVersion, getRubricVersion } from "./rubric.server";
import { getOwnScorecard, type ScorecardState } from "./scorecard.server";

// Calibration exemplars and practice interviews. A practice interview is an ordinary interview
// with interviews.exemplar_id set, the practising user alone on its panel, so the live scorecard
// works unchanged; every real statistic filters it out on exemplar_id IS NULL.

export interface StoredExemplar extends Exemplar {
  id: number;
  rubricVersionId: number;
  createdAt: string;
}

function toExemplar(row: typeof t.exemplars.$inferSelect): StoredExemplar {
  return {
    id: row.id,
    title: row.title,
    answer: row.answer,
    source: row.source,
    level: row.level,
    rubricVersionId: row.rubricVersionId,
    referenceKey: row.referenceKey as ReferenceKey,
    createdAt: row.createdAt,
  };
}

/** The latest rubric version the key is valid for, else the first such version. */
function rubricVersionForKey(db: Db, key: ReferenceKey): number {
  const latest = getLatestRubricVersion(db);
  const candidates = [latest.id, ...Array.from({ length: latest.id - 1 }, (_, i) => i + 1)];
  for (const id of candidates) {
    const version = getRubricVersion(id, db);
    if (version && referenceKeySchema(version.rubric).safeParse(key).success) return id;
  }
  throw new Error("No rubric version fits the seed exemplars' reference keys");
}

/** Stores the seeds' two worked answers once (matched on title); safe to call at every start. */
export function ensureSeedExemplars(db: Db): void {
  writeTransaction((tx) => {
    const titles = new Set(
      tx
        .select({ title: t.exemplars.title })
        .from(t.exemplars)
        .all()
        .map((e) => e.title),
    );
    for (const seed of SEED_EXEMPLARS) {
      if (titles.has(seed.title)) continue;
      tx.insert(t.exemplars)
        .values({
          title: seed.title,
          answer: seed.answer,
          source: seed.source,
          level: seed.level,
          referenceKey: seed.referenceKey,
          rubricVersionId: rubricVersionForKey(tx, seed.referenceKey),
        })
        .run();
    }
  }, db);
}

export function listExemplars(db: Db = getDb()): StoredExemplar[] {
  return db.select().from(t.exemplars).orderBy(asc(t.exemplars.id)).all().map(toExemplar);
}

export function getExemplar(id: number, db: Db = getDb()): StoredExemplar | null {
  const row = db.select().from(t.exemplars).where(eq(t.exemplars.id, id)).get();
  return row ? toExemplar(row) : null;
}

/** The exemplar an interview practises, or null for a real interview. */
export function getExemplarForInterview(
  interviewId: number,
): Pick<StoredExemplar, "id" | "title" | "answer" | "source"> | null {
  return (
    getDb()
      .select({ id: t.exemplars.id, title: t.exemplars.title, answer: t.exemplars.answer, source: t.exemplars.source })
      .from(t.interviews)
      .innerJoin(t.exemplars, eq(t.exemplars.id, t.interviews.exemplarId))
      .where(eq(t.interviews.id, interviewId))
      .get() ?? null
  );
}

/** An admin's exemplar, with the rubric version its key was checked against. */
export function createExemplar(input: ExemplarInput, rubricVersionId: number, userId: number): number {
  return writeTransaction((db) => {
    const referenceKey: ReferenceKey = {
      ratings: input.ratings,
      recommendation: input.recommendation,
      redFlags: input.redFlags,
      rationale: input.rationale,
    };
    const { id } = db
      .insert(t.exemplars)
      .values({
        title: input.title,
        answer: input.answer,
        source: input.source,
        level: input.level,
        rubricVersionId,
        referenceKey,
        createdBy: userId,
      })
      .returning({ id: t.exemplars.id })
      .get();
    db.insert(t.auditLog)
      .values({
        actorId: userId,
        action: "exemplar.created",
        entity: "exemplar",
        entityId: id,
        detail: { title: input.title, referenceKey },
      })
      .run();
    return id;
  });
}

const practiceInterviewOf = (db: Db, exemplarId: number, userId: number) =>
  db
    .select({ id: t.interviews.id })
    .from(t.interviews)
    .innerJoin(t.panelAssignments, eq(t.panelAssignments.interviewId, t.interviews.id))
    .where(and(eq(t.interviews.exemplarId, exemplarId), eq(t.panelAssignments.interviewerId, userId)))
    .orderBy(asc(t.interviews.id))
    .get();

/** Variant a practice interview is scored with: the rubric's default phrasing of the question. */
function practiceVariant(rubric: Rubric): string {
  return rubric.variants.find((v) => v.key === "default")?.key ?? rubric.variants[0].key;
}

export type StartPracticeResult = { kind: "not_found" } | { kind: "started" | "resumed"; interviewId: number };

/**
 * The user's practice interview on the exemplar, made on first use: a candidate named
 * "Practice: <title>" at the exemplar's level, scheduled now, the user alone on its panel.
 */
export function startPractice(
  exemplarId: number,
  userId: number,
  opts: { now?: Date; db?: Db } = {},
): StartPracticeResult {
  return writeTransaction((db) => {
    const exemplar = getExemplar(exemplarId, db);
    if (!exemplar) return { kind: "not_found" };
    const existing = practiceInterviewOf(db, exemplarId, userId);
    if (existing) return { kind: "resumed", interviewId: existing.id };
    const version = getLatestRubricVersion(db);
    const candidate = db
      .insert(t.candidates)
      .values({ name: `Practice: ${exemplar.title}`, targetLevel: exemplar.level })
      .returning({ id: t.candidates.id })
      .get();
    const interview = db
      .insert(t.interviews)
      .values({
        candidateId: candidate.id,
        exemplarId,
        rubricVersionId: version.id,
        variantKey: practiceVariant(version.rubric),
        scheduledAt: (opts.now ?? new Date()).toISOString(),
      })
      .returning({ id: t.interviews.id })
      .get();
    db.insert(t.panelAssignments).values({ interviewId: interview.id, interviewerId: userId }).run();
    db.insert(t.auditLog)
      .values({
        actorId: userId,
        action: "practice.started",
        entity: "interview",
        entityId: interview.id,
        detail: { exemplarId },
      })
      .run();
    return { kind: "started", interviewId: interview.id };
  }, opts.db);
}

export interface PracticeAttempt {
  exemplarId: number;
  interviewId: number;
  scorecard: ScorecardState | null;
}

/** The user's practice interviews, one per exemplar practised, with their scorecard. */
export function listPracticeAttempts(userId: number): PracticeAttempt[] {
  return getDb()
    .select({ exemplarId: t.interviews.exemplarId, interviewId: t.interviews.id })
    .from(t.interviews)
    .innerJoin(t.panelAssignments, eq(t.panelAssignments.interviewId, t.interviews.id))
    .where(and(isNotNull(t.interviews.exemplarId), eq(t.panelAssignments.interviewerId, userId)))
    .orderBy(asc(t.interviews.id))
    .all()
    .map((row) => ({
      exemplarId: row.exemplarId!,
      interviewId: row.interviewId,
      scorecard: getOwnScorecard(row.interviewId, userId),
    }));
}

/** Every rating of a submitted practice scorecard, with who gave it, for the distance from the key. */
export function listPracticeRatings(): (PracticeRating & { interviewerName: string })[] {
  return getDb()
    .select({
      interviewerId: t.scorecards.interviewerId,
      interviewerName: t.users.name,
      exemplarId: t.interviews.exemplarId,
      dimension: t.ratings.dimensionKey,
      score: t.ratings.score,
    })
    .from(t.ratings)
    .innerJoin(t.scorecards, eq(t.scorecards.id, t.ratings.scorecardId))
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.users, eq(t.users.id, t.scorecards.interviewerId))
    .where(and(isNotNull(t.interviews.exemplarId), eq(t.scorecards.status, "submitted")))
    .orderBy(t.users.name, t.scorecards.id)
    .all()
    .map((row) => ({ ...row, exemplarId: row.exemplarId! }));
}
