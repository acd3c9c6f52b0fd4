/** One rating in long format: one candidate, scored by one interviewer, on one dimension. */
export interface Rating {
  candidate: string;
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
  interviewer: string;
  redFlags: number;
}

/** An integer rating scale, both ends included. */
export interface Scale {
  min: number;
  max: number;
}

export const RECOMMENDATIONS = ["strong_no", "no", "yes", "strong_yes"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export function isRecommendation(value: string): value is Recommendation {
  return (RECOMMENDATIONS as readonly string[]).includes(value);
}

/** Every integer category of the scale, lowest first. */
export function scaleCategories(scale: Scale): number[] {
  const categories: number[] = [];
  for (let score = scale.min; score <= scale.max; score++) categories.push(score);
  return categories;
}

export function isValidScale(scale: Scale): boolean {
  return Number.isInteger(scale.min) && Number.isInteger(scale.max) && scale.min <= scale.max;
}
