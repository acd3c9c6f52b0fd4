// Migration 0010 fills panel_assignments.submitted for the seats a database already holds: a database
// migrated to 0009, with submitted, draft and missing scorecards, then migrated to the end.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { applyMigrations, MIGRATIONS_FOLDER } from "~db/migrate";
import * as t from "~db/schema";

const dir = mkdtempSync(join(tmpdir(), "open-seat-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it stood before `tag`: its SQL and a journal that ends just before it. */
function migrationsBefore(tag: string): string {
  const folder = join(dir, "migrations");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

it("marks the seats whose scorecard is submitted, and only those", () => {
  const { sqlite, db } = openDatabase(join(dir, "old.db"));
  try {
    migrate(db, { migrationsFolder: migrationsBefore("0010_open-seat-triggers") });
    // No rubric is seeded here (that is the app's start, not a migration): the rows below name
    // rubric version 1 without it, and the backfill reads only seats and scorecards.
    sqlite.pragma("foreign_keys = OFF");
    const users = db
      .insert(t.users)
      .values([1, 2, 3, 4].map((n) => ({ email: `p${n}@example.test`, name: `P${n}`, passwordHash: "x" })))
      .returning()
      .all();
    const candidate = db.insert(t.candidates).values({ name: "Ana", targetLevel: "senior" }).returning().get();
    const interview = db
      .insert(t.interviews)
      .values({
        candidateId: candidate.id,
        rubricVersionId: 1,
        variantKey: "default",
        scheduledAt: "2030-01-01T09:00:00Z",
      })
      .returning()
      .get();
    db.insert(t.panelAssignments)
      .values(users.map((u) => ({ interviewId: interview.id, interviewerId: u.id })))
      .run();
    const card = (interviewerId: number, status: "draft" | "submitted") =>
      db
        .insert(t.scorecards)
        .values({
          interviewId: interview.id,
          interviewerId,
          rubricVersionId: 1,
          variantKey: "default",
          status,
          submittedAt: status === "submitted" ? "2030-01-01T10:00:00Z" : null,
        })
        .run();
    card(users[0].id, "submitted");
    card(users[1].id, "draft");
    card(users[3].id, "submitted");
    const flags = () =>
      db
        .select({ id: t.panelAssignments.interviewerId, submitted: t.panelAssignments.submitted })
        .from(t.panelAssignments)
        .orderBy(t.panelAssignments.interviewerId)
        .all()
        .map((r) => r.submitted);
    // Before 0010 nothing keeps the flag: every seat reads open.
    expect(flags()).toEqual([false, false, false, false]);
    applyMigrations(db);
    expect(flags()).toEqual([true, false, false, true]);
  } finally {
    sqlite.close();
  }
});
