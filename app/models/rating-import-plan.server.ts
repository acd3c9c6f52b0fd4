import type { Db } from "~db/client";
import type { Rating } from "~/domain/calibration";
import type { Recommendation } from "~/domain/rubric/types";
import { checkAgainstRubric, dropStored, makeResolvers } from "./rating-import-matching.server";
import { prepareLookups } from "./rating-import-statements.server";
import { RatingImportError, type ImportPlan, type InterviewPlan, type PlanOptions } from "./rating-import-types.server";
import { getLatestRubricVersion } from "./rubric.server";

// The plan of a ratings import: everything the file asks for, resolved against the database and
// checked row by row, before the first write. How a row maps onto the schema is described in
// rating-import.server.ts; the types and keys are in rating-import-types, the matching of one row
// in rating-import-matching.

/** Reads the file against the database and refuses the first problem, with its line; writes nothing. */
export function planImport(tx: Db, allRatings: readonly Rating[], opts: PlanOptions): ImportPlan {
  const q = prepareLookups(tx);
  const { rows, skippedScorecards } = dropStored(q, allRatings, opts);
  const latest = getLatestRubricVersion(tx);
  const resolve = makeResolvers(q, opts);
  const interviews = new Map<string, InterviewPlan>();
  const existingInterviews = new Map<number, InterviewPlan>();
  const firstLineOf = new Map<string, number>();
  const storedDimensions = new Map<string, Set<string>>();
  const ids = new Map<object, number>(); // a number per plan object, for composite map keys
  const idOf = (plan: object) => ids.get(plan) ?? ids.set(plan, ids.size).size - 1;
  let rubricVersionFallbacks = 0;

  for (const { rating, line, importKey } of rows) {
    const fail = (message: string): never => {
      throw new RatingImportError(line, message);
    };
    const candidateText = rating.candidate.trim();
    const interviewerText = rating.interviewer.trim();
    if (candidateText === "") fail("candidate is empty");
    if (interviewerText === "") fail("interviewer is empty");
    const { version, fellBack, variant, date, level } = checkAgainstRubric(tx, rating, latest, fail);
    if (fellBack) rubricVersionFallbacks++;

    const user =
      resolve.user(interviewerText) ??
      fail(
        `no interviewer "${interviewerText}" in the database: check the spelling, or pass --create-people to add them as inactive interviewers`,
      );
    const candidate = resolve.candidate(candidateText, rating.candidateId);
    if (level !== undefined) {
      if (candidate.level === undefined) Object.assign(candidate, { level, levelLine: line });
      else if (candidate.level !== level) {
        fail(
          candidate.id !== null && candidate.levelLine === 0
            ? `level "${level}" differs from ${candidateText}'s level in the database ("${candidate.level}")`
            : `level "${level}" differs from line ${candidate.levelLine} ("${candidate.level}") for ${candidateText}`,
        );
      }
    }

    // The same (candidate, interviewer, dimension) twice: in the file, or once in the file and once stored.
    const pair = `${idOf(candidate)}:${idOf(user)}`;
    const key = `${pair}:${rating.dimension}`;
    const first = firstLineOf.get(key);
    if (first !== undefined)
      fail(`${interviewerText} rated ${candidateText} on ${rating.dimension} twice (first on line ${first})`);
    firstLineOf.set(key, line);
    if (candidate.id !== null && user.id !== null) {
      let stored = storedDimensions.get(pair);
      if (!stored) {
        const found = q.storedDimensions.all({ candidateId: candidate.id, userId: user.id });
        storedDimensions.set(pair, (stored = new Set(found.map((r) => r.dimension))));
      }
      if (stored.has(rating.dimension))
        fail(`${interviewerText} already rated ${candidateText} on ${rating.dimension} in the database`);
    }

    const interviewKey = `${idOf(candidate)}:${variant}:${date}`;
    let interview = interviews.get(interviewKey);
    if (!interview) {
      const existing =
        candidate.id !== null ? q.interviewOn.get({ candidateId: candidate.id, variant, date }) : undefined;
      interview = existing && existingInterviews.get(existing.id);
      interview ??= {
        id: existing?.id ?? null,
        candidate,
        variant,
        date,
        rubricVersionId: version.id,
        cards: new Map(),
      };
      if (existing) existingInterviews.set(existing.id, interview);
      interviews.set(interviewKey, interview);
    }

    let card = interview.cards.get(user);
    if (!card) {
      if (interview.id !== null && user.id !== null && q.cardOn.get({ interviewId: interview.id, userId: user.id })) {
        fail(`${interviewerText} already has a scorecard for ${candidateText}'s ${variant} interview on ${date}`);
      }
      card = {
        user,
        version,
        versionLine: line,
        recommendation: undefined,
        recommendationLine: 0,
        ratings: [],
        importKey,
      };
      interview.cards.set(user, card);
    } else if (card.version.id !== version.id) {
      fail(
        `rubric version ${version.id} differs from line ${card.versionLine} (${card.version.id}) on the same scorecard`,
      );
    }
    if (rating.recommendation !== undefined) {
      const recommendation = rating.recommendation as Recommendation;
      if (card.recommendation === undefined) Object.assign(card, { recommendation, recommendationLine: line });
      else if (card.recommendation !== recommendation) {
        fail(
          `recommendation "${recommendation}" differs from line ${card.recommendationLine} ("${card.recommendation}") on the same scorecard`,
        );
      }
    }
    card.ratings.push({ dimension: rating.dimension, score: rating.score });
  }

  return {
    users: resolve.users(),
    candidates: resolve.candidates(),
    interviews: new Set(interviews.values()),
    ratings: rows.length,
    rubricVersionFallbacks,
    skippedScorecards,
    skippedRatings: allRatings.length - rows.length,
  };
}
