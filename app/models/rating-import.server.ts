import { getDb, writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import type { Rating } from "~/domain/calibration";
import { computeWeightedScore } from "~/domain/scoring";
import { planImport } from "./rating-import-plan.server";
import { prepareWrites } from "./rating-import-statements.server";
import { RatingImportError, type ImportPlan, type PlanOptions } from "./rating-import-types.server";

export { importedEmail, importKeyOf, RatingImportError } from "./rating-import-types.server";

// Historical ratings (long-format CSV, as exportRatings writes it and parseRatingsCsv reads it)
// into the database, all or nothing: the file is planned and checked first (rating-import-plan),
// then written.
//
// How a row maps onto the schema:
// - interviewer: the email of an existing user (case-insensitive) is that user. Any other string is
//   refused with its line, unless createPeople: then it becomes an inactive interviewer named after
//   the string, with the email importedEmail(string): "imported+<slug>.<hash>@import.invalid". The
//   hash (of the exact string) keeps two strings with the same slug apart; being derived, a second
//   import of the same string finds the same user. `.invalid` is reserved (RFC 2606), so no mail is
//   ever sent there, and the password hash "!" is no argon2 hash, so nobody can sign in as one.
// - candidate: a row's candidate_id is that candidate when a candidate with that id existed before
//   the import and its label ("<name> #<id>", as the export writes it) is the row's candidate text;
//   otherwise a new candidate, one per distinct (text, candidate_id), named by the text (less the
//   export's " #<id>" suffix for that row's id), at the row's level (default "mid"). The text is
//   never searched for an id. A level that disagrees with the candidate's is refused.
// - interview: one per (candidate, variant, date). For an existing candidate, an interview with the
//   same variant on the same UTC day is reused; otherwise one is created at 12:00 UTC that day (noon
//   keeps the day the same in every time zone a person is likely to view it from). The date is
//   required; a missing variant means "default" when the rubric version has one.
// - scorecard: one submitted scorecard per interviewer on the interview (panel = the interviewers on
//   its rows), submitted at the interview's time, with the rubric version of its `rubric_version`
//   when the database has that version, else the latest, and its weighted score computed as on
//   submit. Each carries the file row's import key, so a second import of the file is noticed.

export interface ImportOptions extends PlanOptions {
  /** Called every `progressEvery` stored ratings, and once at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Who ran the import, for the audit log. */
  actorId?: number;
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

/** Imports the ratings in one immediate transaction: every row is stored, or (on any refusal) none. */
export function importRatings(ratings: readonly Rating[], opts: ImportOptions = {}): ImportSummary {
  if (ratings.length === 0) throw new RatingImportError(null, "no ratings to import");
  return writeTransaction((tx) => {
    const plan = planImport(tx, ratings, opts);
    const summary = writePlan(tx, plan, opts);
    tx.insert(t.auditLog)
      .values({
        actorId: opts.actorId ?? null,
        action: "ratings.imported",
        entity: "ratings",
        detail: { count: plan.ratings, ...summary },
      })
      .run();
    return summary;
  }, opts.db ?? getDb());
}

/** Stores a checked plan: new people and candidates first, then interviews, scorecards and ratings. */
function writePlan(tx: Db, plan: ImportPlan, opts: ImportOptions): ImportSummary {
  const w = prepareWrites(tx);
  const summary: ImportSummary = {
    ratings: plan.ratings,
    scorecards: 0,
    interviewsCreated: 0,
    interviewsReused: 0,
    candidatesCreated: 0,
    candidatesMatched: 0,
    interviewersCreated: 0,
    interviewersMatched: 0,
    rubricVersionFallbacks: plan.rubricVersionFallbacks,
    skippedScorecards: plan.skippedScorecards,
    skippedRatings: plan.skippedRatings,
  };
  for (const user of plan.users) {
    if (user.id !== null) {
      summary.interviewersMatched++;
      continue;
    }
    user.id = w.insertUser.get({ email: user.email, name: user.name, passwordHash: UNUSABLE_PASSWORD_HASH })!.id;
    w.insertRole.run({ userId: user.id });
    summary.interviewersCreated++;
  }
  for (const candidate of plan.candidates) {
    if (candidate.id !== null) {
      summary.candidatesMatched++;
      continue;
    }
    candidate.id = w.insertCandidate.get({ name: candidate.name, level: candidate.level ?? "mid" })!.id;
    summary.candidatesCreated++;
  }

  const every = Math.max(1, opts.progressEvery ?? DEFAULT_PROGRESS_EVERY);
  let done = 0;
  for (const interview of plan.interviews) {
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
        if (done % every === 0 && done < plan.ratings) opts.onProgress?.(done, plan.ratings);
      }
    }
  }
  opts.onProgress?.(done, plan.ratings);
  return summary;
}
