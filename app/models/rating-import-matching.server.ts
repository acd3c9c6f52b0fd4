import type { Db } from "~db/client";
import type { Rating } from "~/domain/calibration";
import { describeRatingProblem } from "~/domain/calibration/rating-rules";
import { isLevel, LEVELS, type LevelKey } from "~/domain/rubric/types";
import { candidateLabel } from "./rating-export.server";
import {
  importedEmail,
  importKeyOf,
  RatingImportError,
  type CandidatePlan,
  type PlanOptions,
  type UserPlan,
} from "./rating-import-types.server";
import type { prepareLookups } from "./rating-import-statements.server";
import { getRubricVersion, type RubricVersion } from "./rubric.server";

// How one file row is matched to what the database already holds: scorecards an earlier import
// stored, people and candidates (one plan object each, however the file spells them), and the
// rubric version the row is checked against. planImport (rating-import-plan) walks the rows with these.

const listKeys = (items: readonly { key: string }[]) => items.map((item) => item.key).join(", ");

type Lookups = ReturnType<typeof prepareLookups>;

/** Leaves out (skipExisting) or refuses the scorecards an earlier import of this file stored. */
export function dropStored(q: Lookups, allRatings: readonly Rating[], opts: PlanOptions) {
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
export function makeResolvers(q: Lookups, opts: PlanOptions) {
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
export function checkAgainstRubric(tx: Db, rating: Rating, latest: RubricVersion, fail: (message: string) => never) {
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
