import { isIsoDate } from "../iso-date";
import type { RatingTable } from "./rating-table";
import { isRecommendation, RECOMMENDATIONS, type Rating, type Scale } from "./types";

/**
 * What is wrong with one rating, in words for the person who supplied it; null when it is valid.
 * `validDates`, when given, remembers the dates found valid: 400,000 ratings carry a few hundred
 * distinct dates, so each is parsed once, not once per rating.
 */
export function describeRatingProblem(rating: Rating, scale: Scale, validDates?: Set<string>): string | null {
  for (const field of ["candidate", "interviewer", "dimension"] as const) {
    if (rating[field] === "") return `${field} is empty`;
  }
  if (!Number.isInteger(rating.score)) return `score ${rating.score} is not an integer`;
  if (rating.score < scale.min || rating.score > scale.max) {
    return `score ${rating.score} is outside the scale ${scale.min}-${scale.max}`;
  }
  if (rating.date !== undefined && !validDates?.has(rating.date)) {
    if (!isIsoDate(rating.date)) return `date "${rating.date}" is not a yyyy-mm-dd date`;
    validDates?.add(rating.date);
  }
  if (rating.recommendation !== undefined && !isRecommendation(rating.recommendation)) {
    return `recommendation "${rating.recommendation}" is not one of ${RECOMMENDATIONS.join(", ")}`;
  }
  return null;
}

/** The index of a rating that repeats an earlier (candidate, interviewer, dimension), or null. */
export function findDuplicateRating(table: RatingTable): number | null {
  const { scorecards, dimensionOf } = table;
  for (let g = 0; g < scorecards.count; g++) {
    for (let p = scorecards.start[g] + 1; p < scorecards.start[g + 1]; p++) {
      for (let q = scorecards.start[g]; q < p; q++) {
        if (dimensionOf[scorecards.order[p]] === dimensionOf[scorecards.order[q]]) return scorecards.order[p];
      }
    }
  }
  return null;
}
