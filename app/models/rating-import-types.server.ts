import { createHash } from "node:crypto";
import type { Rating } from "~/domain/calibration";
import type { LevelKey, Recommendation } from "~/domain/rubric/types";
import type { RubricVersion } from "./rubric.server";

// The vocabulary of a ratings import: its refusal, the derived keys that make a second import of
// the same file (or the same person) recognisable, and the shape of the plan (rating-import-plan)
// that the writer (rating-import) stores.

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
