import { desc, eq, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "~db/client";
import { auditLog, interviews, rubricVersions, scorecards, users, variants } from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { describeRubricChanges } from "~/domain/rubric/describe-changes";
import type { Rubric } from "~/domain/rubric/types";
import { RubricSchema } from "~/schemas/rubric-schema";

export interface RubricVersion {
  id: number;
  rubric: Rubric;
  createdAt: string;
}

/** Stores a new rubric version (validated again: the database only ever holds valid rubrics). */
export function createRubricVersion(
  db: Db,
  input: unknown,
  opts: { note?: string; createdBy?: number } = {},
): RubricVersion {
  const rubric = RubricSchema.parse(input);
  const latest = db
    .select({ id: rubricVersions.id })
    .from(rubricVersions)
    .orderBy(desc(rubricVersions.id))
    .limit(1)
    .get();
  const id = (latest?.id ?? 0) + 1;
  const row = db
    .insert(rubricVersions)
    .values({
      id,
      content: rubric,
      scaleMin: rubric.scale.min,
      scaleMax: rubric.scale.max,
      note: opts.note,
      createdBy: opts.createdBy,
    })
    .returning({ createdAt: rubricVersions.createdAt })
    .get();
  db.insert(variants)
    .values(rubric.variants.map((v) => ({ rubricVersionId: id, key: v.key, company: v.company, name: v.name })))
    .run();
  return { id, rubric, createdAt: row.createdAt };
}

/** Seeds version 1 from the seeds-derived default when the database has no rubric yet. */
export function ensureDefaultRubric(db: Db): void {
  const any = db.select({ id: rubricVersions.id }).from(rubricVersions).limit(1).get();
  if (!any) createRubricVersion(db, DEFAULT_RUBRIC, { note: "Default rubric derived from seeds 000 and 004" });
}

// Rubric versions never change once written, so a parsed copy is kept per database.
const cache = new WeakMap<Db, Map<number, RubricVersion>>();

export function getRubricVersion(id: number, db: Db = getDb()): RubricVersion | undefined {
  let versions = cache.get(db);
  if (!versions) cache.set(db, (versions = new Map()));
  const cached = versions.get(id);
  if (cached) return cached;
  const row = db.select().from(rubricVersions).where(eq(rubricVersions.id, id)).get();
  if (!row) return undefined;
  const version = { id: row.id, rubric: row.content as Rubric, createdAt: row.createdAt };
  versions.set(id, version);
  return version;
}

/** A version a stored row refers to (a foreign key): its absence is a broken database, not a 404. */
export function requireRubricVersion(id: number, db: Db = getDb()): RubricVersion {
  const version = getRubricVersion(id, db);
  if (!version) throw new Error(`Rubric version ${id} is missing`);
  return version;
}

export function getLatestRubricVersion(db: Db = getDb()): RubricVersion {
  const row = db.select({ id: rubricVersions.id }).from(rubricVersions).orderBy(desc(rubricVersions.id)).limit(1).get();
  const version = row && getRubricVersion(row.id, db);
  if (!version) throw new Error("No rubric version: run the migrations and seed first");
  return version;
}

export interface RubricVersionSummary {
  id: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  interviews: number;
  scorecards: number;
}

export function listRubricVersions(): RubricVersionSummary[] {
  return getDb()
    .select({
      id: rubricVersions.id,
      note: rubricVersions.note,
      createdAt: rubricVersions.createdAt,
      createdBy: users.name,
      interviews: sql<number>`(select count(*) from ${interviews} i where i.rubric_version_id = "rubric_versions"."id")`,
      scorecards: sql<number>`(select count(*) from ${scorecards} s where s.rubric_version_id = "rubric_versions"."id")`,
    })
    .from(rubricVersions)
    .leftJoin(users, eq(users.id, rubricVersions.createdBy))
    .orderBy(desc(rubricVersions.id))
    .all();
}

export type SaveRubricResult =
  { kind: "saved"; id: number; changes: string[] } | { kind: "stale"; latestId: number } | { kind: "unchanged" };

/**
 * Saves an edit as a NEW rubric version, if it was made on the latest one. Interviews and
 * scorecards keep the version they have; only interviews scheduled from now on get this one.
 */
export function saveRubricVersion(
  edit: { baseVersionId: number; note: string; rubric: Rubric },
  actorId: number,
): SaveRubricResult {
  return writeTransaction((db) => {
    const latest = getLatestRubricVersion(db);
    if (latest.id !== edit.baseVersionId) return { kind: "stale", latestId: latest.id };
    const rubric = RubricSchema.parse(edit.rubric);
    const changes = describeRubricChanges(latest.rubric, rubric);
    if (changes.length === 0) return { kind: "unchanged" };
    const version = createRubricVersion(db, rubric, { note: edit.note, createdBy: actorId });
    db.insert(auditLog)
      .values({
        actorId,
        action: "rubric.version_created",
        entity: "rubric_version",
        entityId: version.id,
        detail: { basedOn: latest.id, note: edit.note, changes },
      })
      .run();
    return { kind: "saved", id: version.id, changes };
  });
}
