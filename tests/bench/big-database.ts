// The bench's large database: 100,000 submitted scorecards over 300 interviewers and 40,000
// candidates (panels of 2–4, one interview each, 4 ratings per scorecard), ~1,500 drafts on 1,000
// later interviews, and one upcoming interview of its own for each of the first `seats`
// interviewers (the autosave load's). Deterministic: a fixed seed and a fixed anchor date (only
// the seats' interviews are scheduled relative to now, and every password hash has its own salt).
//
// Fast: the real migrations and ensureDefaultRubric on a drizzle handle, then plain better-sqlite3
// prepared statements with explicit ids in one transaction (synchronous=OFF while loading).
// Submitted scorecards get what the app stores on submit: ratings (cap justifications where a red
// flag caps a rating), raised red flags, recommendation (and a justification where it conflicts
// with the weighted score), the weighted score, submitted_at, and a "scorecard.submitted" audit row.
// Left out for the submitted ones, as no dashboard figure reads them: STAR ticks, evidence notes,
// scorecard_revisions snapshots. Drafts get STAR ticks and notes.
import { statSync } from "node:fs";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { applyMigrations } from "~db/migrate";
import { openDatabase } from "~db/client";
import { ensureDefaultRubric, getLatestRubricVersion } from "~/models/rubric.server";
import { createRandom } from "~/domain/random";
import { LEVELS } from "~/domain/rubric/types";
import { hashPassword } from "~/models/password.server";
import {
  CAP_JUSTIFICATION,
  drawPersonName,
  RECOMMENDATION_JUSTIFICATION,
  simulateScorecard,
  type RaterStyle,
} from "~/seed/simulated-scorecard";

export const BIG_SIZE = {
  scorecards: 100_000,
  interviewers: 300,
  candidates: 40_000,
  leads: 2,
  draftInterviews: 1_000,
} as const;
export const BIG_SEED = 20_261_122;
/** The newest past interview is the day before; past interviews span the 730 days before it. */
const ANCHOR = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const HOUR = 3_600_000;

const DRAFT_NOTES = [
  "Named the decision in first person: skipped the design review.",
  "Told their manager the same day; root cause stated plainly.",
  "Rolled back within the hour, then paired with the affected team.",
  "Now messages downstream consumers on every contract change.",
];

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
  counts: {
    users: number;
    candidates: number;
    interviews: number;
    submitted: number;
    drafts: number;
    ratings: number;
    submittedRatings: number;
    redFlags: number;
    auditRows: number;
  };
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
    const { min, max } = rubric.scale;
    const dimensions = rubric.dimensions.map((d) => d.key);
    const variantKeys = rubric.variants.map((v) => v.key);
    const starKeys = rubric.star.map((s) => s.key);
    // Argon2 is slow on purpose: one hash of the shared password per role, not one per user.
    const [leadHash, interviewerHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_PASSWORD)]);

    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144"); // 256 MB while loading: index builds stay in memory
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
    const random = createRandom(BIG_SEED);
    const name = () => drawPersonName(random);
    const iso = (ms: number) => new Date(ms).toISOString();
    const counts = {
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
      const interviewers = Array.from({ length: BIG_SIZE.interviewers }, (_, k) => {
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

      // Panel sizes 2–4 adding up to the scorecards, as tests/unit/calibration/simulate-panels.ts draws them.
      const panelSizes = new Array<number>(BIG_SIZE.candidates).fill(2);
      for (let extra = BIG_SIZE.scorecards - 2 * BIG_SIZE.candidates; extra > 0;) {
        const j = Math.floor(random.next() * BIG_SIZE.candidates);
        if (panelSizes[j] < 4) {
          panelSizes[j] += 1;
          extra -= 1;
        }
      }
      const drawPanel = (size: number) => {
        const panel = new Set<(typeof interviewers)[number]>();
        while (panel.size < size) panel.add(interviewers[Math.floor(random.next() * interviewers.length)]);
        return [...panel];
      };

      let candidateId = 0;
      let interviewId = 0;
      let scorecardId = 0;
      // A draft leaves the submit-time columns empty.
      const insertScorecard = (
        c: { id: number; interview: number; interviewer: number; variantKey: string; status: "submitted" | "draft" },
        f: { revision: number; timerElapsedMs: number; createdAt: string; updatedAt: string } & Partial<{
          recommendation: string;
          justification: string;
          weightedScore: number;
          submittedAt: string;
        }>,
      ) =>
        s.scorecard.run(
          c.id,
          c.interview,
          c.interviewer,
          version.id,
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
      const newInterview = (scheduledAt: number, variantKey: string, level: string) => {
        const c = ++candidateId;
        s.candidate.run(c, name(), level, iso(scheduledAt - 7 * DAY));
        const i = ++interviewId;
        s.interview.run(i, c, version.id, variantKey, iso(scheduledAt), iso(scheduledAt - 7 * DAY));
        return i;
      };

      // Past interviews, oldest first, over two years at office hours; every panellist submitted.
      for (let j = 0; j < BIG_SIZE.candidates; j++) {
        const scheduled =
          ANCHOR -
          DAY -
          Math.floor(((BIG_SIZE.candidates - 1 - j) / BIG_SIZE.candidates) * 730) * DAY +
          (9 + random.int(0, 8)) * HOUR;
        // The default variant is the most common; each company variant a share of the rest.
        const variantKey = random.chance(0.4) ? "default" : random.pick(variantKeys);
        const interview = newInterview(scheduled, variantKey, random.pick(LEVELS));
        const ability = random.normal(2.6, 0.7);
        for (const person of drawPanel(panelSizes[j])) {
          s.panel.run(interview, person.id);
          const card = simulateScorecard(random, rubric, {
            rater: person,
            ability,
            variantKey,
            scheduledAtMs: scheduled,
          });
          const id = ++scorecardId;
          insertScorecard(
            { id, interview, interviewer: person.id, variantKey, status: "submitted" },
            {
              revision: card.revision,
              timerElapsedMs: card.timerElapsedMs,
              recommendation: card.recommendation,
              justification: card.recommendationConflict ? RECOMMENDATION_JUSTIFICATION : "",
              weightedScore: card.weightedScore,
              createdAt: iso(scheduled),
              updatedAt: card.submittedAt,
              submittedAt: card.submittedAt,
            },
          );
          for (const d of dimensions)
            s.rating.run(id, d, card.ratings[d], card.cappedDimensions.has(d) ? CAP_JUSTIFICATION : "");
          const { redFlags, submittedAt, weightedScore: weighted } = card;
          for (const key of redFlags) s.flag.run(id, key);
          s.audit.run(
            submittedAt,
            person.id,
            "scorecard.submitted",
            "scorecard",
            id,
            JSON.stringify({ weightedScore: weighted, revision: 1 }),
          );
          counts.submitted += 1;
          counts.submittedRatings += dimensions.length;
          counts.redFlags += redFlags.length;
          counts.auditRows += 1;
        }
      }

      // Later interviews with drafts in progress: some panellists started, with 0–4 ratings, STAR ticks and notes.
      for (let j = 0; j < BIG_SIZE.draftInterviews; j++) {
        const scheduled =
          ANCHOR + Math.floor((j / BIG_SIZE.draftInterviews) * 14) * DAY + (9 + random.int(0, 8)) * HOUR;
        const variantKey = random.chance(0.4) ? "default" : random.pick(variantKeys);
        const interview = newInterview(scheduled, variantKey, random.pick(LEVELS));
        for (const person of drawPanel(random.int(2, 3))) {
          s.panel.run(interview, person.id);
          if (!random.chance(0.6)) continue;
          const id = ++scorecardId;
          const rated = dimensions.slice(0, random.int(0, dimensions.length));
          insertScorecard(
            { id, interview, interviewer: person.id, variantKey, status: "draft" },
            {
              revision: random.int(1, 30),
              timerElapsedMs: random.int(0, 40) * 60_000,
              createdAt: iso(scheduled),
              updatedAt: iso(scheduled + HOUR),
            },
          );
          for (const d of rated) s.rating.run(id, d, random.int(min, max), "");
          counts.ratings += rated.length;
          for (const key of starKeys) if (random.chance(0.7)) s.star.run(id, key);
          const notes = random.int(1, 3);
          for (let n = 0; n < notes; n++)
            s.note.run(
              id,
              `draft-${id}-${n}`,
              random.pick(dimensions),
              120 * (n + 1),
              random.pick(DRAFT_NOTES),
              iso(scheduled),
            );
          counts.drafts += 1;
        }
      }

      // The autosave load's seats: alone on a panel of their own, an hour from now, nothing saved yet.
      const seats: BigSeat[] = interviewers.slice(0, opts.seats).map((person) => {
        const interview = newInterview(Date.now() + HOUR, "default", "senior");
        s.panel.run(interview, person.id);
        return { userId: person.id, email: person.email, interviewId: interview };
      });
      counts.candidates = candidateId;
      counts.interviews = interviewId;
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
