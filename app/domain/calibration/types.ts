/** One rating in long format: one candidate, scored by one interviewer, on one dimension. */
export interface Rating {
  /** The candidate as the file or screen shows them; unique per candidate (the export writes "<name> #<id>"). */
  candidate: string;
  /** The candidate's database id, when the ratings came from (or go to) a database: never read from `candidate`. */
  candidateId?: number;
  interviewer: string;
  dimension: string;
  /** An integer on the declared scale. */
  score: number;
  variant?: string;
  level?: string;
  /** ISO date, yyyy-mm-dd. */
  date?: string;
  /** The scorecard's overall recommendation, repeated on each of its ratings. */
  recommendation?: string;
  rubricVersion?: string;
}

/** Red flags raised on one scorecard (one candidate x one interviewer). */
export interface ScorecardRedFlags {
  candidate: string;
  /** The candidate's database id, when read from a database (for links). */
  candidateId?: number;
  interviewer: string;
  redFlags: number;
}

import type { Scale } from "../rubric/types";

export { isRecommendation, RECOMMENDATIONS, type Recommendation, type Scale } from "../rubric/types";

/** Every integer category of the scale, lowest first. */
export function scaleCategories(scale: Scale): number[] {
  const categories: number[] = [];
  for (let score = scale.min; score <= scale.max; score++) categories.push(score);
  return categories;
}

export function isValidScale(scale: Scale): boolean {
  return Number.isInteger(scale.min) && Number.isInteger(scale.max) && scale.min <= scale.max;
}
