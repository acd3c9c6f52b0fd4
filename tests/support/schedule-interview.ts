// Schedules an interview straight in a database file: the browser tests (through e2e-data.ts) and
// the browser bench share it. No vitest import here, so the bench can use it outside a test run.
import Database from "better-sqlite3";

/** Schedules an interview (rubric v1, default variant) for these demo people; returns its id. */
export function scheduleInterviewIn(
  databasePath: string,
  panelEmails: string[],
  opts: { at?: Date; candidate?: string } = {},
): number {
  const db = new Database(databasePath);
  db.pragma("busy_timeout = 5000");
  try {
    return db.transaction(() => {
      const candidate = db
        .prepare("insert into candidates (name, target_level) values (?, 'senior') returning id")
        .get(opts.candidate ?? "E2E Candidate") as { id: number };
      // Begun ten minutes ago by default: a real scorecard can be submitted once its interview has begun.
      const at = (opts.at ?? new Date(Date.now() - 600_000)).toISOString();
      const interview = db
        .prepare(
          "insert into interviews (candidate_id, rubric_version_id, variant_key, scheduled_at) values (?, 1, 'default', ?) returning id",
        )
        .get(candidate.id, at) as { id: number };
      for (const email of panelEmails) {
        db.prepare(
          "insert into panel_assignments (interview_id, interviewer_id) select ?, id from users where email = ?",
        ).run(interview.id, email);
      }
      return interview.id;
    })();
  } finally {
    db.close();
  }
}
