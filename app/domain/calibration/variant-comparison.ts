import type { ScoreCount } from "./rater-profile";
import {
  addToMoments,
  createMoments,
  meanOf,
  standardDeviationOf,
  subtractMoments,
  type Moments,
} from "./summary-stats";
import type { Theta } from "./rater-model/reml";
import { compareVariantsByModel, type ModelVariantDifference } from "./variant-model";
import { scaleCategories, type Rating, type Scale } from "./types";

/** Below this many ratings on either side, a difference of means is not reported. */
export const MIN_VARIANT_RATINGS = 5;

export interface VariantDifference {
  restN: number;
  restMean: number;
  /**
   * This variant's mean minus the other variants' on the dimension, from the rater model (variant as a
   * fixed effect beside the interviewer, candidate and scorecard effects; variant-model.ts).
   */
  difference: number;
  /** The model's 95% interval (clustered by scorecard and candidate through the model). */
  ciLow: number | null;
  ciHigh: number | null;
  /** True when the difference holds after Benjamini–Hochberg across all comparisons in view. */
  differs: boolean | null;
}

export interface VariantDimensionSummary {
  variant: string;
  dimension: string;
  n: number;
  mean: number | null;
  sd: number | null;
  distribution: ScoreCount[];
  /** Null when either side has fewer than MIN_VARIANT_RATINGS ratings. */
  versusRest: VariantDifference | null;
}

function compareWithRest(
  own: Moments,
  all: Moments,
  modelled: ModelVariantDifference | undefined,
): VariantDifference | null {
  const rest = subtractMoments(all, own);
  if (own.n < MIN_VARIANT_RATINGS || rest.n < MIN_VARIANT_RATINGS || modelled === undefined) return null;
  return {
    restN: rest.n,
    restMean: rest.sum / rest.n,
    difference: modelled.difference,
    ciLow: modelled.ciLow,
    ciHigh: modelled.ciHigh,
    differs: modelled.differs,
  };
}

interface VariantCell {
  moments: Moments;
  counts: number[];
}

/**
 * Per company variant and dimension: n, mean, SD and distribution, and whether the mean differs from
 * the other variants' by more than noise. Ratings without a variant are left out. Variants are sorted
 * by name; dimensions keep their first-seen (rubric) order.
 */
export function compareVariants(
  ratings: readonly Rating[],
  scale: Scale,
  /** The dimension model's estimates, to start the variant model's fit from (see fitRaterModel). */
  startAt?: Theta,
): VariantDimensionSummary[] {
  const categories = scaleCategories(scale);
  const cells = new Map<string, Map<string, VariantCell>>();
  const dimensionTotals = new Map<string, Moments>();
  for (const { variant, dimension, score } of ratings) {
    if (variant === undefined) continue;
    let byDimension = cells.get(variant);
    if (byDimension === undefined) cells.set(variant, (byDimension = new Map()));
    let cell = byDimension.get(dimension);
    if (cell === undefined)
      byDimension.set(dimension, (cell = { moments: createMoments(), counts: categories.map(() => 0) }));
    addToMoments(cell.moments, score);
    cell.counts[score - scale.min] += 1;
    let total = dimensionTotals.get(dimension);
    if (total === undefined) dimensionTotals.set(dimension, (total = createMoments()));
    addToMoments(total, score);
  }
  const modelled = compareVariantsByModel(ratings, startAt);
  return [...cells.keys()].sort().flatMap((variant) =>
    [...(cells.get(variant) as Map<string, VariantCell>)].map(([dimension, { moments, counts }]) => ({
      variant,
      dimension,
      n: moments.n,
      mean: meanOf(moments),
      sd: standardDeviationOf(moments),
      distribution: categories.map((score, k) => ({ score, count: counts[k] })),
      versusRest: compareWithRest(
        moments,
        dimensionTotals.get(dimension) as Moments,
        modelled.get(`${variant}\u0000${dimension}`),
      ),
    })),
  );
}
