// Browser tests make the interviews they score, so no test uses up another's demo data.
import Database from "better-sqlite3";
import { inject } from "vitest";

/** Schedules an interview (rubric v1, default variant) for these demo people; returns its id. */
export function scheduleInterview(panelEmails: string[], opts: { at?: Date; candidate?: string } = {}): number {
  const db = new Database(inject("databasePath"));
  db.pragma("busy_timeout = 5000");
  try {
    return db.transaction(() => {
      const candidate = db.prepare("insert into candidates (name, target_level) values (?, 'senior') returning id").get(opts.candidate ?? "E2E Candidate") as { id: number };
      // Begun ten minutes ago by default: a real scorecard can be submitted once its interview has begun.
      const at = (opts.at ?? new Date(Date.now() - 600_000)).toISOString();
      const interview = db
        .prepare("insert into interviews (candidate_id, rubric_version_id, variant_key, scheduled_at) values (?, 1, 'default', ?) returning id")
        .get(candidate.id, at) as { id: number };
      for (const email of panelEmails) {
        db.prepare("insert into panel_assignments (interview_id, interviewer_id) select ?, id from users where email = ?").run(interview.id, email);
      }
      return interview.id;
    })();
  } finally {
    db.close();
  }
}
