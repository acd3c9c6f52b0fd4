import { createHash } from "node:crypto";
import { and, eq, max, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "../../db/client";
import * as t from "../../db/schema";
import { parseRatingsCsv, type Rating, type Scale } from "~/domain/calibration";
import { parseCsvRecords } from "~/domain/calibration/csv-records";
import { describeRatingProblem } from "~/domain/calibration/rating-rules";
import { LEVELS, type LevelKey, type Recommendation } from "~/domain/rubric/types";
import { computeWeightedScore } from "~/domain/scoring";
import { getLatestRubricVersion, getRubricVersion, type RubricVersion } from "./rubric.server";

// Historical ratings (long-format CSV, as exportRatings writes it) into the database, all or nothing.
//
// How a row maps onto the schema:
// - interviewer: the email of an existing user (case-insensitive) is that user. Any other string
//   becomes an inactive interviewer named after the string, with the email importedEmail(string):
//   "imported+<slug>.<hash>@import.invalid". The hash (of the exact string) keeps two strings with
//   the same slug apart; being derived, a second import of the same string finds the same user.
//   `.invalid` is reserved (RFC 2606), so no mail is ever sent there, and the password hash "!" is
//   no argon2 hash, so nobody can sign in as an imported interviewer.
// - candidate: "<name> #<id>" (the export's label) is that candidate when a candidate with that id
//   and exactly that name existed before the import; otherwise a new candidate named <name> (the
//   whole string when there is no " #<id>"), one per distinct string, at the row's level
//   (default "mid"). A level that disagrees with the candidate's is refused.
// - interview: one per (candidate, variant, date). For an existing candidate, an interview with the
//   same variant on the same UTC day is reused; otherwise one is created at 12:00 UTC that day (noon
//   keeps the day the same in every time zone a person is likely to view it from). The date is
//   required; a missing variant means "default" when the rubric version has one.
// - scorecard: one submitted scorecard per interviewer on the interview (panel = the interviewers on
//   its rows), submitted at the interview's time, with the rubric version of its `rubric_version`
//   when the database has that version, else the latest, and its weighted score computed as on submit.

/** A refusal, with the CSV line it concerns (null when it concerns no one line). */
export class RatingImportError extends Error {
  override name = "RatingImportError";
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportOptions {
  /** Called every `progressEvery` stored ratings, and once at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Who ran the import, for the audit log. */
  actorId?: number;
  /** The CSV line of each rating; by default index + 2 (a header line, then one record per line). */
  lines?: readonly number[];
  /**
   * Interviewers the database does not know become inactive users. Off by default: a misspelt
   * email is refused with its line, not silently made into a new person.
   */
  createPeople?: boolean;
  /** Scorecards this file already imported are skipped (and counted) instead of refusing the file. */
  skipExisting?: boolean;
  db?: Db;
}

export interface ImportSummary {
  ratings: number;
  scorecards: number;
  interviewsCreated: number;
  interviewsReused: number;
  candidatesCreated: number;
  candidatesMatched: number;
  interviewersCreated: number;
  interviewersMatched: number;
  /** Rows whose rubric_version is not in the database, so the latest version was used. */
  rubricVersionFallbacks: number;
  /** Scorecards (and their ratings) skipped because an earlier import stored them (skipExisting). */
  skippedScorecards: number;
  skippedRatings: number;
}

const DEFAULT_PROGRESS_EVERY = 1000;
const UNUSABLE_PASSWORD_HASH = "!";
const CANDIDATE_LABEL = /^(.*\S)\s+#(\d+)$/;

/**
 * A file row's scorecard identity: the same candidate text, interviewer, variant and date as
 * written in the file. Stored on each imported scorecard, so importing a file again is noticed.
 */
export function importKeyOf(rating: Rating): string {
  const parts = [rating.candidate.trim(), rating.interviewer.trim().toLowerCase(), rating.variant ?? "", rating.date ?? ""];
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** The email an imported interviewer gets when the CSV names someone who is not a user. */
export function importedEmail(interviewer: string): string {
  const slug =
    interviewer
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 40)
      .replace(/^-+|-+$/g, "") || "interviewer";
  const hash = createHash("sha256").update(interviewer).digest("hex").slice(0, 8);
  return `imported+${slug}.${hash}@import.invalid`;
}

// ---- The plan: everything the file asks for, resolved and checked before the first write. ----

interface UserPlan {
  id: number | null;
  email: string;
  name: string;
}
interface CandidatePlan {
  id: number | null;
  name: string;
  level: LevelKey | undefined;
  levelLine: number;
}
interface CardPlan {
  user: UserPlan;
  version: RubricVersion;
  versionLine: number;
  recommendation: Recommendation | undefined;
  recommendationLine: number;
  ratings: { dimension: string; score: number }[];
  importKey: string;
}
interface InterviewPlan {
  id: number | null;
  candidate: CandidatePlan;
  variant: string;
  date: string;
  rubricVersionId: number;
  cards: Map<UserPlan, CardPlan>;
}

function listKeys(items: readonly { key: string }[]): string {
  return items.map((item) => item.key).join(", ");
}

/** Imports the ratings in one immediate transaction: every row is stored, or (on any refusal) none. */
export function importRatings(allRatings: readonly Rating[], opts: ImportOptions = {}): ImportSummary {
  const db = opts.db ?? getDb();
  if (allRatings.length === 0) throw new RatingImportError(null, "no ratings to import");

  return writeTransaction((tx) => {
    const q = prepareLookups(tx);
    // A file imported before: refuse it whole, or (skipExisting) leave out what is already stored.
    const keys = allRatings.map(importKeyOf);
    const stored = new Set(keys.filter((key, i) => keys.indexOf(key) === i && q.cardByImportKey.get({ key }) !== undefined));
    const firstStored = keys.findIndex((key) => stored.has(key));
    if (stored.size > 0 && !opts.skipExisting) {
      throw new RatingImportError(
        opts.lines?.[firstStored] ?? firstStored + 2,
        `${stored.size} scorecard${stored.size === 1 ? " was" : "s were"} imported before (this is the first); nothing was imported. Pass --skip-existing to import only the rest`,
      );
    }
    const kept = keys.map((key) => !stored.has(key));
    const ratings = allRatings.filter((_, i) => kept[i]);
    const origin = keys.map((_, i) => i).filter((i) => kept[i]);
    const keyOf = origin.map((i) => keys[i]);
    const lineOf = (index: number) => opts.lines?.[origin[index]] ?? origin[index] + 2;
    const latest = getLatestRubricVersion(tx);
    const candidatesBefore = q.maxCandidateId.get()?.id ?? 0;

    const users = new Map<string, UserPlan>();
    const storedUsers = new Map<number, UserPlan>();
    const candidates = new Map<string, CandidatePlan>();
    const storedCandidates = new Map<number, CandidatePlan>();
    const interviews = new Map<string, InterviewPlan>();
    const existingInterviews = new Map<number, InterviewPlan>();
    const firstLineOf = new Map<string, number>();
    const storedDimensions = new Map<string, Set<string>>();
    const ids = new Map<object, number>(); // a number per plan object, for composite map keys
    const idOf = (plan: object) => ids.get(plan) ?? (ids.set(plan, ids.size).size - 1);
    let rubricVersionFallbacks = 0;

    const resolveUser = (text: string): UserPlan | null => {
      let user = users.get(text);
      if (user) return user;
      const found = q.userByEmail.get({ email: text }) ?? q.userByEmail.get({ email: importedEmail(text) });
      if (!found && !opts.createPeople) return null;
      // Two spellings of one email ("Ann@x", "ann@x") are one user: one plan object per stored id.
      user = found ? (storedUsers.get(found.id) ?? { id: found.id, email: found.email, name: found.name }) : { id: null, email: importedEmail(text), name: text };
      if (found) storedUsers.set(found.id, user);
      users.set(text, user);
      return user;
    };

    const resolveCandidate = (label: string): CandidatePlan => {
      let candidate = candidates.get(label);
      if (candidate) return candidate;
      const match = CANDIDATE_LABEL.exec(label);
      const name = match ? match[1] : label;
      const id = match ? Number(match[2]) : null;
      // Only a candidate stored before this import: one made from an earlier row must not be matched.
      const found = id !== null && id <= candidatesBefore ? q.candidateById.get({ id }) : undefined;
      candidate =
        found && found.name === name
          ? (storedCandidates.get(found.id) ?? { id: found.id, name, level: found.level, levelLine: 0 })
          : { id: null, name, level: undefined, levelLine: 0 };
      if (found && candidate.id === found.id) storedCandidates.set(found.id, candidate);
      candidates.set(label, candidate);
      return candidate;
    };

    ratings.forEach((rating, index) => {
      const line = lineOf(index);
      const fail = (message: string): never => {
        throw new RatingImportError(line, message);
      };
      const candidateLabel = rating.candidate.trim();
      const interviewerText = rating.interviewer.trim();
      if (candidateLabel === "") fail("candidate is empty");
      if (interviewerText === "") fail("interviewer is empty");

      let version = latest;
      if (rating.rubricVersion !== undefined) {
        const stored = /^\d+$/.test(rating.rubricVersion.trim()) ? getRubricVersion(Number(rating.rubricVersion), tx) : undefined;
        if (stored) version = stored;
        else rubricVersionFallbacks++;
      }
      const { rubric } = version;
      const problem = describeRatingProblem(rating, rubric.scale);
      if (problem !== null) fail(problem);
      if (!rubric.dimensions.some((d) => d.key === rating.dimension)) {
        fail(`unknown dimension "${rating.dimension}" (rubric version ${version.id} has ${listKeys(rubric.dimensions)})`);
      }
      const variant = rating.variant ?? (rubric.variants.some((v) => v.key === "default") ? "default" : fail("variant is missing"));
      if (!rubric.variants.some((v) => v.key === variant)) {
        fail(`unknown variant "${variant}" (rubric version ${version.id} has ${listKeys(rubric.variants)})`);
      }
      const date = rating.date ?? fail("date is missing: every imported interview needs its date");
      if (rating.level !== undefined && !LEVELS.includes(rating.level as LevelKey)) {
        fail(`level "${rating.level}" is not one of ${LEVELS.join(", ")}`);
      }

      const user =
        resolveUser(interviewerText) ??
        fail(`no interviewer "${interviewerText}" in the database: check the spelling, or pass --create-people to add them as inactive interviewers`);
      const candidate = resolveCandidate(candidateLabel);
      if (rating.level !== undefined) {
        const level = rating.level as LevelKey;
        if (candidate.level === undefined) Object.assign(candidate, { level, levelLine: line });
        else if (candidate.level !== level) {
          fail(
            candidate.id !== null && candidate.levelLine === 0
              ? `level "${level}" differs from ${candidateLabel}'s level in the database ("${candidate.level}")`
              : `level "${level}" differs from line ${candidate.levelLine} ("${candidate.level}") for ${candidateLabel}`,
          );
        }
      }

      // The same (candidate, interviewer, dimension) twice: in the file, or once in the file and once stored.
      const pair = `${idOf(candidate)}:${idOf(user)}`;
      const key = `${pair}:${rating.dimension}`;
      const first = firstLineOf.get(key);
      if (first !== undefined) fail(`${interviewerText} rated ${candidateLabel} on ${rating.dimension} twice (first on line ${first})`);
      firstLineOf.set(key, line);
      if (candidate.id !== null && user.id !== null) {
        let stored = storedDimensions.get(pair);
        if (!stored) {
          const rows = q.storedDimensions.all({ candidateId: candidate.id, userId: user.id });
          storedDimensions.set(pair, (stored = new Set(rows.map((r) => r.dimension))));
        }
        if (stored.has(rating.dimension)) fail(`${interviewerText} already rated ${candidateLabel} on ${rating.dimension} in the database`);
      }

      const interviewKey = `${idOf(candidate)}:${variant}:${date}`;
      let interview = interviews.get(interviewKey);
      if (!interview) {
        const existing = candidate.id !== null ? q.interviewOn.get({ candidateId: candidate.id, variant, date }) : undefined;
        interview = existing && existingInterviews.get(existing.id);
        interview ??= { id: existing?.id ?? null, candidate, variant, date, rubricVersionId: version.id, cards: new Map() };
        if (existing) existingInterviews.set(existing.id, interview);
        interviews.set(interviewKey, interview);
      }

      let card = interview.cards.get(user);
      if (!card) {
        if (interview.id !== null && user.id !== null && q.cardOn.get({ interviewId: interview.id, userId: user.id })) {
          fail(`${interviewerText} already has a scorecard for ${candidateLabel}'s ${variant} interview on ${date}`);
        }
        card = { user, version, versionLine: line, recommendation: undefined, recommendationLine: 0, ratings: [], importKey: keyOf[index] };
        interview.cards.set(user, card);
      } else if (card.version.id !== version.id) {
        fail(`rubric version ${version.id} differs from line ${card.versionLine} (${card.version.id}) on the same scorecard`);
      }
      if (rating.recommendation !== undefined) {
        const recommendation = rating.recommendation as Recommendation;
        if (card.recommendation === undefined) Object.assign(card, { recommendation, recommendationLine: line });
        else if (card.recommendation !== recommendation) {
          fail(`recommendation "${recommendation}" differs from line ${card.recommendationLine} ("${card.recommendation}") on the same scorecard`);
        }
      }
      card.ratings.push({ dimension: rating.dimension, score: rating.score });
    });

    // ---- Writes: nothing above has changed the database. ----
    const w = prepareWrites(tx);
    const summary: ImportSummary = {
      ratings: ratings.length,
      scorecards: 0,
      interviewsCreated: 0,
      interviewsReused: 0,
      candidatesCreated: 0,
      candidatesMatched: 0,
      interviewersCreated: 0,
      interviewersMatched: 0,
      rubricVersionFallbacks,
      skippedScorecards: stored.size,
      skippedRatings: allRatings.length - ratings.length,
    };
    for (const user of new Set(users.values())) {
      if (user.id !== null) {
        summary.interviewersMatched++;
        continue;
      }
      user.id = w.insertUser.get({ email: user.email, name: user.name, passwordHash: UNUSABLE_PASSWORD_HASH })!.id;
      w.insertRole.run({ userId: user.id });
      summary.interviewersCreated++;
    }
    for (const candidate of new Set(candidates.values())) {
      if (candidate.id !== null) {
        summary.candidatesMatched++;
        continue;
      }
      candidate.id = w.insertCandidate.get({ name: candidate.name, level: candidate.level ?? "mid" })!.id;
      summary.candidatesCreated++;
    }

    const every = Math.max(1, opts.progressEvery ?? DEFAULT_PROGRESS_EVERY);
    let done = 0;
    for (const interview of new Set(interviews.values())) {
      const scheduledAt = `${interview.date}T12:00:00.000Z`;
      if (interview.id === null) {
        interview.id = w.insertInterview.get({
          candidateId: interview.candidate.id,
          rubricVersionId: interview.rubricVersionId,
          variant: interview.variant,
          scheduledAt,
        })!.id;
        summary.interviewsCreated++;
      } else {
        summary.interviewsReused++;
      }
      for (const card of interview.cards.values()) {
        w.insertPanel.run({ interviewId: interview.id, userId: card.user.id });
        const scores = Object.fromEntries(card.ratings.map((r) => [r.dimension, r.score]));
        const { id: scorecardId } = w.insertCard.get({
          interviewId: interview.id,
          userId: card.user.id,
          rubricVersionId: card.version.id,
          variant: interview.variant,
          recommendation: card.recommendation ?? null,
          weightedScore: computeWeightedScore(card.version.rubric, interview.variant, scores).score,
          at: scheduledAt,
          importKey: card.importKey,
        })!;
        summary.scorecards++;
        for (const r of card.ratings) {
          w.insertRating.run({ scorecardId, dimension: r.dimension, score: r.score });
          done++;
          if (done % every === 0 && done < ratings.length) opts.onProgress?.(done, ratings.length);
        }
      }
    }
    opts.onProgress?.(done, ratings.length);

    tx.insert(t.auditLog)
      .values({ actorId: opts.actorId ?? null, action: "ratings.imported", entity: "ratings", detail: { count: ratings.length, ...summary } })
      .run();
    return summary;
  }, db);
}

const p = sql.placeholder;

function prepareLookups(db: Db) {
  return {
    maxCandidateId: db.select({ id: max(t.candidates.id) }).from(t.candidates).prepare(),
    userByEmail: db
      .select({ id: t.users.id, email: t.users.email, name: t.users.name })
      .from(t.users)
      .where(sql`${t.users.email} = ${p("email")} collate nocase`)
      .prepare(),
    candidateById: db
      .select({ id: t.candidates.id, name: t.candidates.name, level: t.candidates.targetLevel })
      .from(t.candidates)
      .where(eq(t.candidates.id, p("id")))
      .prepare(),
    // Any stored rating counts, draft or submitted: the pair would be rated twice either way.
    storedDimensions: db
      .selectDistinct({ dimension: t.ratings.dimensionKey })
      .from(t.ratings)
      .innerJoin(t.scorecards, eq(t.scorecards.id, t.ratings.scorecardId))
      .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
      .where(and(eq(t.interviews.candidateId, p("candidateId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
    interviewOn: db
      .select({ id: t.interviews.id })
      .from(t.interviews)
      .where(
        and(
          eq(t.interviews.candidateId, p("candidateId")),
          eq(t.interviews.variantKey, p("variant")),
          sql`substr(${t.interviews.scheduledAt}, 1, 10) = ${p("date")}`,
        ),
      )
      .orderBy(t.interviews.id)
      .limit(1)
      .prepare(),
    cardByImportKey: db.select({ id: t.scorecards.id }).from(t.scorecards).where(eq(t.scorecards.importKey, p("key"))).prepare(),
    cardOn: db
      .select({ id: t.scorecards.id })
      .from(t.scorecards)
      .where(and(eq(t.scorecards.interviewId, p("interviewId")), eq(t.scorecards.interviewerId, p("userId"))))
      .prepare(),
  };
}

function prepareWrites(db: Db) {
  return {
    insertUser: db
      .insert(t.users)
      .values({ email: p("email"), name: p("name"), passwordHash: p("passwordHash"), active: false })
      .returning({ id: t.users.id })
      .prepare(),
    insertRole: db.insert(t.userRoles).values({ userId: p("userId"), role: "interviewer" }).prepare(),
    insertCandidate: db
      .insert(t.candidates)
      .values({ name: p("name"), targetLevel: p("level") })
      .returning({ id: t.candidates.id })
      .prepare(),
    insertInterview: db
      .insert(t.interviews)
      .values({ candidateId: p("candidateId"), rubricVersionId: p("rubricVersionId"), variantKey: p("variant"), scheduledAt: p("scheduledAt") })
      .returning({ id: t.interviews.id })
      .prepare(),
    // A reused interview may already have the interviewer on its panel (without a scorecard).
    insertPanel: db.insert(t.panelAssignments).values({ interviewId: p("interviewId"), interviewerId: p("userId") }).onConflictDoNothing().prepare(),
    insertCard: db
      .insert(t.scorecards)
      .values({
        interviewId: p("interviewId"),
        interviewerId: p("userId"),
        rubricVersionId: p("rubricVersionId"),
        variantKey: p("variant"),
        status: "submitted",
        revision: 1,
        recommendation: sql`${p("recommendation")}`,
        weightedScore: sql`${p("weightedScore")}`,
        createdAt: p("at"),
        updatedAt: p("at"),
        submittedAt: p("at"),
        importKey: p("importKey"),
      })
      .returning({ id: t.scorecards.id })
      .prepare(),
    insertRating: db.insert(t.ratings).values({ scorecardId: p("scorecardId"), dimensionKey: p("dimension"), score: p("score") }).prepare(),
  };
}

export type ReadRatingsCsvResult =
  | { ok: true; ratings: Rating[]; scale: Scale; lines: number[] }
  | { ok: false; error: { line: number | null; message: string } };

/** parseRatingsCsv, plus the CSV line each rating starts on (for importRatings' `lines`). */
export function readRatingsCsv(text: string): ReadRatingsCsvResult {
  const parsed = parseRatingsCsv(text);
  if (!parsed.ok) return parsed;
  const records = parseCsvRecords(text);
  // parseRatingsCsv accepted the text, so the records parse too: one rating per record after the header.
  const lines = records.ok ? records.records.slice(1).map((record) => record.line) : [];
  return { ok: true, ratings: parsed.ratings, scale: parsed.scale, lines };
}
