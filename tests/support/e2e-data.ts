// Browser tests make the interviews they score, so no test uses up another's demo data.
import Database from "better-sqlite3";
import { inject } from "vitest";
import { scheduleInterviewIn } from "./schedule-interview";

/** Schedules an interview (rubric v1, default variant) for these demo people; returns its id. */
export function scheduleInterview(panelEmails: string[], opts: { at?: Date; candidate?: string } = {}): number {
  return scheduleInterviewIn(inject("databasePath"), panelEmails, opts);
}

/** Reads the test server's database directly: the browser tests check what was stored, not only what is shown. */
export function queryDatabase<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(inject("databasePath"), { readonly: true });
  db.pragma("busy_timeout = 5000");
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface StoredCard {
  id: number;
  status: string;
  recommendation: string | null;
  recommendation_justification: string;
  timer_elapsed_ms: number;
  ratings: Record<string, number>;
  justifications: Record<string, string>;
  notes: { text: string; elapsed_seconds: number; dimension_key: string }[];
}

/** The demo interviewer's scorecard for an interview, as stored. */
export function storedCard(interviewId: number, email = "interviewer@demo.test"): StoredCard | null {
  const [card] = queryDatabase<Omit<StoredCard, "ratings" | "justifications" | "notes">>(
    "select s.* from scorecards s join users u on u.id = s.interviewer_id where s.interview_id = ? and u.email = ?",
    interviewId,
    email,
  );
  if (!card) return null;
  const rows = queryDatabase<{ dimension_key: string; score: number; cap_justification: string }>(
    "select * from ratings where scorecard_id = ?",
    card.id,
  );
  return {
    ...card,
    ratings: Object.fromEntries(rows.map((r) => [r.dimension_key, r.score])),
    justifications: Object.fromEntries(
      rows.filter((r) => r.cap_justification).map((r) => [r.dimension_key, r.cap_justification]),
    ),
    notes: queryDatabase(
      "select text, elapsed_seconds, dimension_key from evidence_notes where scorecard_id = ? order by id",
      card.id,
    ),
  };
}
