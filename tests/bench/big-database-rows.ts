// The large database's row writers: plain better-sqlite3 prepared statements with explicit ids
// (faster than drizzle for 100,000 scorecards), and the two composite rows the build writes again
// and again: an interview with its own candidate, and a scorecard (a draft leaves the submit-time
// columns empty).
import type { Connection } from "~db/client";

export const DAY = 86_400_000;

export interface ScorecardRow {
  interview: number;
  interviewer: number;
  variantKey: string;
  status: "submitted" | "draft";
}

export type ScorecardFields = {
  revision: number;
  timerElapsedMs: number;
  createdAt: string;
  updatedAt: string;
} & Partial<{
  recommendation: string;
  justification: string;
  weightedScore: number;
  submittedAt: string;
}>;

export const iso = (ms: number) => new Date(ms).toISOString();

export function prepareBigRows(sqlite: Connection["sqlite"], rubricVersionId: number) {
  const s = {
    user: sqlite.prepare("insert into users (id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?)"),
    role: sqlite.prepare("insert into user_roles (user_id, role) values (?, ?)"),
    setting: sqlite.prepare("insert or ignore into settings (key, value) values (?, ?)"),
    candidate: sqlite.prepare("insert into candidates (id, name, target_level, created_at) values (?, ?, ?, ?)"),
    interview: sqlite.prepare(
      "insert into interviews (id, candidate_id, rubric_version_id, variant_key, scheduled_at, created_at) values (?, ?, ?, ?, ?, ?)",
    ),
    panel: sqlite.prepare("insert into panel_assignments (interview_id, interviewer_id) values (?, ?)"),
    scorecard: sqlite.prepare(
      `insert into scorecards (id, interview_id, interviewer_id, rubric_version_id, variant_key, status, revision, timer_elapsed_ms,
         recommendation, recommendation_justification, weighted_score, created_at, updated_at, submitted_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    rating: sqlite.prepare(
      "insert into ratings (scorecard_id, dimension_key, score, cap_justification) values (?, ?, ?, ?)",
    ),
    flag: sqlite.prepare("insert into raised_red_flags (scorecard_id, flag_key) values (?, ?)"),
    star: sqlite.prepare("insert into star_ticks (scorecard_id, star_key) values (?, ?)"),
    note: sqlite.prepare(
      "insert into evidence_notes (scorecard_id, client_id, dimension_key, elapsed_seconds, text, created_at) values (?, ?, ?, ?, ?, ?)",
    ),
    audit: sqlite.prepare(
      "insert into audit_log (at, actor_id, action, entity, entity_id, detail) values (?, ?, ?, ?, ?, ?)",
    ),
  };
  const ids = { candidate: 0, interview: 0, scorecard: 0 };

  /** A new candidate (named `name`) and their interview; the interview's id. */
  const newInterview = (scheduledAt: number, variantKey: string, level: string, name: string) => {
    const c = ++ids.candidate;
    s.candidate.run(c, name, level, iso(scheduledAt - 7 * DAY));
    const i = ++ids.interview;
    s.interview.run(i, c, rubricVersionId, variantKey, iso(scheduledAt), iso(scheduledAt - 7 * DAY));
    return i;
  };

  /** A scorecard with the next id; that id. */
  const newScorecard = (c: ScorecardRow, f: ScorecardFields) => {
    const id = ++ids.scorecard;
    s.scorecard.run(
      id,
      c.interview,
      c.interviewer,
      rubricVersionId,
      c.variantKey,
      c.status,
      f.revision,
      f.timerElapsedMs,
      f.recommendation ?? null,
      f.justification ?? "",
      f.weightedScore ?? null,
      f.createdAt,
      f.updatedAt,
      f.submittedAt ?? null,
    );
    return id;
  };

  return { s, ids, newInterview, newScorecard };
}

export type BigRows = ReturnType<typeof prepareBigRows>;
