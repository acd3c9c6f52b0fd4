import { createHash } from "node:crypto";
import type { Db } from "~db/client";
import type { Rating } from "~/domain/calibration";
import { describeRatingProblem } from "~/domain/calibration/rating-rules";
import { isLevel, LEVELS, type LevelKey, type Recommendation } from "~/domain/rubric/types";
import { candidateLabel } from "./rating-export.server";
import { prepareLookups } from "./rating-import-statements.server";
import { getLatestRubricVersion, getRubricVersion, type RubricVersion } from "./rubric.server";

// The plan of a ratings import: everything the file asks for, resolved against the database and
// checked row by row, before the first write. How a row maps onto the schema is described in
// rating-import.server.ts.

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

/**
 * A file row's scorecard identity: the same candidate text, interviewer, variant and date as
 * written in the file. Stored on each imported scorecard, so importing a file again is noticed.
 */
export function importKeyOf(rating: Rating): string {
  const parts = [
    rating.candidate.trim(),
    rating.interviewer.trim().toLowerCase(),
    rating.variant ?? "",
    rating.date ?? "",
  ];
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

export interface UserPlan {
  id: number | null;
  email: string;
  name: string;
}
export interface CandidatePlan {
  id: number | null;
  name: string;
  level: LevelKey | undefined;
  levelLine: number;
}
export interface CardPlan {
  user: UserPlan;
  version: RubricVersion;
  versionLine: number;
  recommendation: Recommendation | undefined;
  recommendationLine: number;
  ratings: { dimension: string; score: number }[];
  importKey: string;
}
export interface InterviewPlan {
  id: number | null;
  candidate: CandidatePlan;
  variant: string;
  date: string;
  rubricVersionId: number;
  cards: Map<UserPlan, CardPlan>;
}

export interface ImportPlan {
  users: Set<UserPlan>;
  candidates: Set<CandidatePlan>;
  interviews: Set<InterviewPlan>;
  /** Ratings to store (the file's, less the skipped ones). */
  ratings: number;
  rubricVersionFallbacks: number;
  skippedScorecards: number;
  skippedRatings: number;
}

export interface PlanOptions {
  /** The CSV line of each rating; by default index + 2 (a header line, then one record per line). */
  lines?: readonly number[];
  createPeople?: boolean;
  skipExisting?: boolean;
}

const listKeys = (items: readonly { key: string }[]) => items.map((item) => item.key).join(", ");

type Lookups = ReturnType<typeof prepareLookups>;

/** Leaves out (skipExisting) or refuses the scorecards an earlier import of this file stored. */
function dropStored(q: Lookups, allRatings: readonly Rating[], opts: PlanOptions) {
  const keys = allRatings.map(importKeyOf);
  const stored = new Set(
    keys.filter((key, i) => keys.indexOf(key) === i && q.cardByImportKey.get({ key }) !== undefined),
  );
  const firstStored = keys.findIndex((key) => stored.has(key));
  if (stored.size > 0 && !opts.skipExisting) {
    throw new RatingImportError(
      opts.lines?.[firstStored] ?? firstStored + 2,
      `${stored.size} scorecard${stored.size === 1 ? " was" : "s were"} imported before (this is the first); nothing was imported. Pass --skip-existing to import only the rest`,
    );
  }
  const origin = keys.map((_, i) => i).filter((i) => !stored.has(keys[i]));
  return {
    rows: origin.map((i) => ({ rating: allRatings[i], line: opts.lines?.[i] ?? i + 2, importKey: keys[i] })),
    skippedScorecards: stored.size,
  };
}

/** One plan object per person and per candidate, however often and however spelt the file names them. */
function makeResolvers(q: Lookups, opts: PlanOptions) {
  const users = new Map<string, UserPlan>();
  const storedUsers = new Map<number, UserPlan>();
  const candidates = new Map<string, CandidatePlan>();
  const storedCandidates = new Map<number, CandidatePlan>();
  const candidatesBefore = q.maxCandidateId.get()?.id ?? 0;

  const user = (text: string): UserPlan | null => {
    let plan = users.get(text);
    if (plan) return plan;
    const found = q.userByEmail.get({ email: text }) ?? q.userByEmail.get({ email: importedEmail(text) });
    if (!found && !opts.createPeople) return null;
    // Two spellings of one email ("Ann@x", "ann@x") are one user: one plan object per stored id.
    plan = found
      ? (storedUsers.get(found.id) ?? { id: found.id, email: found.email, name: found.name })
      : { id: null, email: importedEmail(text), name: text };
    if (found) storedUsers.set(found.id, plan);
    users.set(text, plan);
    return plan;
  };

  // The id comes from the candidate_id column only; the candidate cell is display text and is never
  // searched for an id (a name may itself contain " #12").
  const candidate = (label: string, id: number | undefined): CandidatePlan => {
    const key = JSON.stringify([label, id ?? null]);
    let plan = candidates.get(key);
    if (plan) return plan;
    // Only a candidate stored before this import: one made from an earlier row must not be matched.
    const found = id !== undefined && id <= candidatesBefore ? q.candidateById.get({ id }) : undefined;
    if (found && label === candidateLabel(found.name, found.id)) {
      plan = storedCandidates.get(found.id) ?? { id: found.id, name: found.name, level: found.level, levelLine: 0 };
      storedCandidates.set(found.id, plan);
    } else {
      // Another database's export: the new candidate is named without the label's " #<id>" suffix.
      const suffix = id === undefined ? "" : candidateLabel("", id);
      const name = suffix !== "" && label.endsWith(suffix) ? label.slice(0, -suffix.length) : label;
      plan = { id: null, name: name.trim() === "" ? label : name, level: undefined, levelLine: 0 };
    }
    candidates.set(key, plan);
    return plan;
  };

  return { user, candidate, users: () => new Set(users.values()), candidates: () => new Set(candidates.values()) };
}

/** A row's rubric facts: its rubric version, and its dimension, variant, date and level checked against it. */
function checkAgainstRubric(tx: Db, rating: Rating, latest: RubricVersion, fail: (message: string) => never) {
  let version = latest;
  let fellBack = false;
  if (rating.rubricVersion !== undefined) {
    const stored = /^\d+$/.test(rating.rubricVersion.trim())
      ? getRubricVersion(Number(rating.rubricVersion), tx)
      : undefined;
    if (stored) version = stored;
    else fellBack = true;
  }
  const { rubric } = version;
  const problem = describeRatingProblem(rating, rubric.scale);
  if (problem !== null) fail(problem);
  if (!rubric.dimensions.some((d) => d.key === rating.dimension)) {
    fail(`unknown dimension "${rating.dimension}" (rubric version ${version.id} has ${listKeys(rubric.dimensions)})`);
  }
  const variant =
    rating.variant ?? (rubric.variants.some((v) => v.key === "default") ? "default" : fail("variant is missing"));
  if (!rubric.variants.some((v) => v.key === variant)) {
    fail(`unknown variant "${variant}" (rubric version ${version.id} has ${listKeys(rubric.variants)})`);
  }
  const date = rating.date ?? fail("date is missing: every imported interview needs its date");
  if (rating.level !== undefined && !isLevel(rating.level))
    fail(`level "${rating.level}" is not one of ${LEVELS.join(", ")}`);
  return { version, fellBack, variant, date, level: rating.level as LevelKey | undefined };
}

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
