import type { Recommendation, RedFlag, Rubric } from "./rubric/types";

// The scoring rules of a scorecard, shared by the live page (instant feedback) and the server
// (the authority at submit). Nothing here changes an interviewer's rating: rules only report.

export interface ScorecardScores {
  ratings: Record<string, number | null | undefined>;
  redFlags: string[];
  recommendation: Recommendation | null;
  /** One line per dimension rated above a raised flag's cap. */
  capJustifications: Record<string, string | undefined>;
  recommendationJustification: string;
}

export interface CapViolation {
  dimension: string;
  rating: number;
  cap: number;
  flags: RedFlag[];
}

export interface WeightedScore {
  /** Weighted mean on the rubric's scale, over the rated dimensions; null when none is rated. */
  score: number | null;
  complete: boolean;
}

export function dimensionWeights(rubric: Rubric, variantKey: string): Record<string, number> {
  const variant = rubric.variants.find((v) => v.key === variantKey);
  return variant?.weights ?? Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.weight]));
}

export function computeWeightedScore(
  rubric: Rubric,
  variantKey: string,
  ratings: ScorecardScores["ratings"],
): WeightedScore {
  const weights = dimensionWeights(rubric, variantKey);
  let sum = 0;
  let weightSum = 0;
  for (const d of rubric.dimensions) {
    const rating = ratings[d.key];
    if (rating == null) continue;
    sum += rating * weights[d.key];
    weightSum += weights[d.key];
  }
  if (weightSum === 0) return { score: null, complete: false };
  // Rounded to 2 decimals so client and server show and store the same figure.
  return { score: Math.round((sum / weightSum) * 100) / 100, complete: weightSum === 100 };
}

/** The lowest cap each dimension is under, given the raised flags. */
export function activeCaps(rubric: Rubric, raised: string[]): Map<string, { cap: number; flags: RedFlag[] }> {
  const caps = new Map<string, { cap: number; flags: RedFlag[] }>();
  for (const flag of rubric.redFlags) {
    if (!raised.includes(flag.key)) continue;
    for (const { dimension, max } of flag.caps) {
      const current = caps.get(dimension);
      if (!current || max < current.cap) caps.set(dimension, { cap: max, flags: [flag] });
      else if (max === current.cap) current.flags.push(flag);
    }
  }
  return caps;
}

export function findCapViolations(rubric: Rubric, card: Pick<ScorecardScores, "ratings" | "redFlags">): CapViolation[] {
  const caps = activeCaps(rubric, card.redFlags);
  const violations: CapViolation[] = [];
  for (const d of rubric.dimensions) {
    const rating = card.ratings[d.key];
    const cap = caps.get(d.key);
    if (rating != null && cap && rating > cap.cap)
      violations.push({ dimension: d.key, rating, cap: cap.cap, flags: cap.flags });
  }
  return violations;
}

/**
 * Whether rating `dimension` `from` → `to` shows or hides its cap warning (and the justification box
 * in it) under the raised flags: the scorecard draws such a rating with the key, not after it, as the
 * box is next in the Tab order.
 */
export function ratingTogglesCapWarning(
  rubric: Rubric,
  redFlags: string[],
  dimension: string,
  from: number | null,
  to: number | null,
): boolean {
  const capped = (rating: number | null) =>
    findCapViolations(rubric, { ratings: { [dimension]: rating }, redFlags }).length > 0;
  return capped(from) !== capped(to);
}

/** The weighted-score range the recommendation agrees with, when the score falls outside it. */
export function findRecommendationConflict(
  rubric: Rubric,
  recommendation: Recommendation | null,
  weighted: number | null,
): { min: number; max: number } | null {
  if (recommendation == null || weighted == null) return null;
  const range = rubric.recommendations.find((r) => r.key === recommendation)?.consistentWith;
  if (!range) return null;
  return weighted < range.min || weighted > range.max ? range : null;
}

export interface MissingItem {
  /** A form field path, so the message can sit beside its field. */
  field: string;
  message: string;
}

/** What a scorecard still lacks before it can be submitted; empty when it is ready. */
export function findMissingForSubmit(rubric: Rubric, variantKey: string, card: ScorecardScores): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const d of rubric.dimensions) {
    if (card.ratings[d.key] == null) missing.push({ field: `ratings.${d.key}`, message: `Rate ${d.name}` });
  }
  for (const v of findCapViolations(rubric, card)) {
    if (!card.capJustifications[v.dimension]?.trim()) {
      const names = v.flags.map((f) => f.name).join(", ");
      missing.push({
        field: `capJustifications.${v.dimension}`,
        message: `Rated ${v.rating} above the cap of ${v.cap} set by ${names}: justify it in one line`,
      });
    }
  }
  if (card.recommendation == null) {
    missing.push({ field: "recommendation", message: "Choose a recommendation" });
  } else {
    const weighted = computeWeightedScore(rubric, variantKey, card.ratings).score;
    const conflict = findRecommendationConflict(rubric, card.recommendation, weighted);
    if (conflict && !card.recommendationJustification.trim()) {
      missing.push({
        field: "recommendationJustification",
        message: `The recommendation contradicts the weighted score ${weighted?.toFixed(2)} (expected ${conflict.min}–${conflict.max}): justify it in one line`,
      });
    }
  }
  return missing;
}

/**
 * Justifications whose reason has gone (the rating came back under its cap, the recommendation
 * back in line with the score): they must not reach the debrief as if they still explained something.
 */
export function findStaleJustifications(rubric: Rubric, variantKey: string, card: ScorecardScores): string[] {
  const stale: string[] = [];
  const violated = new Set(findCapViolations(rubric, card).map((v) => v.dimension));
  for (const [dimension, text] of Object.entries(card.capJustifications)) {
    if (text?.trim() && !violated.has(dimension)) stale.push(`capJustifications.${dimension}`);
  }
  const weighted = computeWeightedScore(rubric, variantKey, card.ratings).score;
  if (card.recommendationJustification.trim() && !findRecommendationConflict(rubric, card.recommendation, weighted)) {
    stale.push("recommendationJustification");
  }
  return stale;
}

/** The card with its stale justifications emptied (a copy). */
export function dropStaleJustifications<T extends ScorecardScores>(rubric: Rubric, variantKey: string, card: T): T {
  const stale = findStaleJustifications(rubric, variantKey, card);
  if (!stale.length) return card;
  const capJustifications = { ...card.capJustifications };
  for (const field of stale)
    if (field.startsWith("capJustifications.")) delete capJustifications[field.slice("capJustifications.".length)];
  return {
    ...card,
    capJustifications,
    recommendationJustification: stale.includes("recommendationJustification") ? "" : card.recommendationJustification,
  };
}
