// Shared by the rating CSV tests (rating-csv-*.test.ts): the demo organisation with one draft in it,
// fresh databases to import into, and ways to count what the export and the import did.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { getConnection, getDb, openDatabase, type Connection } from "~db/client";
import { applyMigrations } from "~db/migrate";
import * as t from "~db/schema";
import { parseRatingsCsv } from "~/domain/calibration";
import { importRatings, RatingImportError, type ImportOptions } from "~/models/rating-import.server";
import { ensureDefaultRubric } from "~/models/rubric.server";
import { useDemoDatabase } from "./database-templates";
import { createInterview, createUser } from "./factories";

export const NOW = new Date("2026-11-22T08:00:00Z");
const folder = mkdtempSync(join(tmpdir(), "rating-csv-"));
const opened: Connection[] = [];

/** Each demo user's id by email, filled in by useRatingCsvDemo's beforeAll. */
export const userIds: Record<string, number> = {};

/** This file's database becomes the demo organisation plus a draft with ratings, which no export may contain. */
export function useRatingCsvDemo(): void {
  beforeAll(async () => {
    await useDemoDatabase(NOW);
    Object.assign(
      userIds,
      Object.fromEntries(
        getDb()
          .select({ id: t.users.id, email: t.users.email })
          .from(t.users)
          .all()
          .map((u) => [u.email, u.id]),
      ),
    );
    // A draft with ratings, which no export may contain.
    const interviewer = await createUser({ email: "drafting@example.test" });
    const interview = createInterview({
      panel: [interviewer],
      scheduledAt: new Date("2026-09-01T10:00:00Z"),
      candidateName: "Draft Dana",
    });
    const card = getDb()
      .insert(t.scorecards)
      .values({ interviewId: interview.id, interviewerId: interviewer.id, rubricVersionId: 1, variantKey: "default" })
      .returning()
      .get();
    getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score: 3 }).run();
  }, 60_000);
  afterAll(() => {
    for (const connection of opened) connection.sqlite.close();
    rmSync(folder, { recursive: true, force: true });
  });
}

/** A new migrated database file with rubric v1 and nothing else. */
export function freshDatabase(name: string): Connection {
  const connection = openDatabase(join(folder, `${name}.db`));
  applyMigrations(connection.db);
  ensureDefaultRubric(connection.db);
  opened.push(connection);
  return connection;
}

/** Row counts of every table of the schema, e.g. { users: 13, ratings: 1888, ... }. */
export function tableCounts(connection: Connection = getConnection()): Record<string, number> {
  const tables = connection.sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [name, connection.sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number]),
  );
}

/** Imports CSV text the way the CLI does: parsed, with each rating's line. */
export function importCsv(text: string, opts: ImportOptions = {}) {
  const parsed = parseRatingsCsv(text);
  if (!parsed.ok) throw new Error(`test CSV does not parse: ${parsed.error.message}`);
  // These tests name interviewers the database does not know: they are about everything else.
  return importRatings(parsed.ratings, { lines: parsed.lines, createPeople: true, ...opts });
}

/** The thrown RatingImportError, as plain { line, message }. */
export function refusal(work: () => unknown): { line: number | null; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof RatingImportError) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error("expected the import to be refused");
}

export const HEADER = "candidate,interviewer,dimension,score,variant,level,date,recommendation,rubric_version";
export const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";
/** The export's header: the candidate's id travels in its own column, after the others. */
export const EXPORT_HEADER = `${HEADER},candidate_id`;
export const csvWithIds = (...rows: string[]) => [EXPORT_HEADER, ...rows].join("\n") + "\n";

/** Submitted ratings of real (not practice) interviews counted by hand-written SQL, with an extra condition on r, s, i, c. */
export function sqlCount(condition = "1 = 1", params: unknown[] = []): number {
  return getConnection()
    .sqlite.prepare(
      `select count(*) from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
       join candidates c on c.id = i.candidate_id where s.status = 'submitted' and i.exemplar_id is null and ${condition}`,
    )
    .pluck()
    .get(...params) as number;
}
