// The bench's large database: 100,000 submitted scorecards over 300 interviewers and 40,000
// candidates (panels of 2–4, one interview each, 4 ratings per scorecard), ~1,500 drafts on 1,000
// later interviews, and one upcoming interview of its own for each of the first `seats`
// interviewers (the autosave load's). Deterministic: a fixed seed and a fixed anchor date (only
// the seats' interviews are scheduled relative to now, and every password hash has its own salt).
//
// Fast: the real migrations and ensureDefaultRubric on a drizzle handle, then plain better-sqlite3
// prepared statements with explicit ids in one transaction (synchronous=OFF while loading):
// big-database-rows.ts. What the interviews and scorecards hold: big-database-history.ts.
import { statSync } from "node:fs";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { applyMigrations } from "~db/migrate";
import { openDatabase } from "~db/client";
import { ensureDefaultRubric, getLatestRubricVersion } from "~/models/rubric.server";
import { createRandom } from "~/domain/random";
import { hashPassword } from "~/models/password.server";
import { drawPersonName, type RaterStyle } from "~/seed/simulated-scorecard";
import { ANCHOR, HOUR, writeHistory, type BigInterviewer, type HistoryCounts } from "./big-database-history";
import { DAY, iso, prepareBigRows } from "./big-database-rows";

export const BIG_SIZE = {
  scorecards: 100_000,
  interviewers: 300,
  candidates: 40_000,
  leads: 2,
  draftInterviews: 1_000,
} as const;
export const BIG_SEED = 20_261_122;

export interface BigSeat {
  userId: number;
  email: string;
  interviewId: number;
}

export interface BigDatabase {
  rubricVersionId: number;
  /** The first `seats` interviewers, each alone on an upcoming interview of their own, no scorecard yet. */
  seats: BigSeat[];
  leads: { userId: number; email: string }[];
  password: string;
  counts: { users: number; candidates: number; interviews: number } & HistoryCounts;
  buildMs: number;
  bytes: number;
}

/** Builds the database at `path` (a new file). */
export async function buildBigDatabase(path: string, opts: { seats: number }): Promise<BigDatabase> {
  const start = performance.now();
  const connection = openDatabase(path);
  const { sqlite, db } = connection;
  try {
    applyMigrations(db);
    ensureDefaultRubric(db);
    const version = getLatestRubricVersion(db);
    const { rubric } = version;
    // Argon2 is slow on purpose: one hash of the shared password per role, not one per user.
    const [leadHash, interviewerHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_PASSWORD)]);

    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144"); // 256 MB while loading: index builds stay in memory
    const rows = prepareBigRows(sqlite, version.id);
    const { s } = rows;
    const random = createRandom(BIG_SEED);
    const name = () => drawPersonName(random);
    const counts: BigDatabase["counts"] = {
      users: 0,
      candidates: 0,
      interviews: 0,
      submitted: 0,
      drafts: 0,
      ratings: 0,
      submittedRatings: 0,
      redFlags: 0,
      auditRows: 0,
    };

    const result = sqlite.transaction(() => {
      const created = iso(ANCHOR - 800 * DAY);
      let userId = 0;
      const leads = Array.from({ length: BIG_SIZE.leads }, (_, k) => {
        const id = ++userId;
        const email = `bench-lead-${k + 1}@bench.test`;
        s.user.run(id, email, `Bench Lead ${k + 1}`, leadHash, created);
        s.role.run(id, "lead");
        if (k === 0) s.role.run(id, "admin");
        return { userId: id, email };
      });
      const interviewers = Array.from({ length: BIG_SIZE.interviewers }, (_, k): BigInterviewer => {
        const id = ++userId;
        const email = `bench-interviewer-${String(k + 1).padStart(3, "0")}@bench.test`;
        s.user.run(id, email, `${name()} (${k + 1})`, interviewerHash, created);
        s.role.run(id, "interviewer");
        // Mostly neutral with a spread of severities; a few of each tendency the dashboard looks for.
        const roll = random.next();
        const style: RaterStyle =
          roll < 0.03 ? "lenient" : roll < 0.06 ? "harsh" : roll < 0.09 ? "halo" : roll < 0.12 ? "central" : "neutral";
        const severity = style === "lenient" ? 0.8 : style === "harsh" ? -0.8 : random.normal(0, 0.25);
        return { id, email, style, severity };
      });
      counts.users = userId;
      s.setting.run("independence", "after_submit");

      writeHistory({ rows, random, rubric, interviewers, name, size: BIG_SIZE, counts });

      // The autosave load's seats: alone on a panel of their own, an hour from now, nothing saved yet.
      const seats: BigSeat[] = interviewers.slice(0, opts.seats).map((person) => {
        const interview = rows.newInterview(Date.now() + HOUR, "default", "senior", name());
        s.panel.run(interview, person.id);
        return { userId: person.id, email: person.email, interviewId: interview };
      });
      counts.candidates = rows.ids.candidate;
      counts.interviews = rows.ids.interview;
      counts.ratings += counts.submittedRatings;
      return { leads, seats };
    })();

    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return {
      rubricVersionId: version.id,
      seats: result.seats,
      leads: result.leads,
      password: DEMO_PASSWORD,
      counts,
      buildMs: performance.now() - start,
      bytes: statSync(path).size,
    };
  } finally {
    sqlite.close();
  }
}
