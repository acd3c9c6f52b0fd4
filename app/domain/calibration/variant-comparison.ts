import { addClustered, clusteredMeanInterval, createClusteredMoments, type ClusteredMoments } from "./clustered-mean";
import { missingEvidence } from "./evidence";
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

export interface VariantDifference {
  restN: number;
  /** Candidates the other variants' ratings on the dimension are about. */
  restCandidates: number;
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
  /** Candidates these ratings are about: the independent units behind the mean (evidence.ts). */
  candidates: number;
  mean: number | null;
  sd: number | null;
  /** 95% interval of the mean clustered by candidate (clustered-mean.ts); null below the minimum. */
  ciLow: number | null;
  ciHigh: number | null;
  /** What evidence the mean and its interval lack ("needs 5 candidates, has 2"), or null. */
  withheld: string | null;
  distribution: ScoreCount[];
  /** Null when either side has fewer candidates than the minimum (see versusRestWithheld). */
  versusRest: VariantDifference | null;
  versusRestWithheld: string | null;
}

/** Candidates in `all` with a rating outside `own`'s (the other variants' candidates on the dimension). */
function restCandidates(all: ClusteredMoments, own: ClusteredMoments): number {
  let n = 0;
  for (const [candidate, c] of all.clusters) if (c.n > (own.clusters.get(candidate)?.n ?? 0)) n += 1;
  return n;
}

function compareWithRest(
  own: VariantCell,
  all: DimensionTotal,
  modelled: ModelVariantDifference | undefined,
): { versusRest: VariantDifference | null; versusRestWithheld: string | null } {
  const rest = subtractMoments(all.moments, own.moments);
  const restCount = restCandidates(all.clustered, own.clustered);
  // Comparable evidence on both sides, counted in candidates, not ratings (evidence.ts).
  const missing =
    missingEvidence(own.clustered.clusters.size, "candidates") ??
    missingEvidence(restCount, "candidates in the other variants");
  if (missing !== null) return { versusRest: null, versusRestWithheld: missing };
  if (modelled === undefined) return { versusRest: null, versusRestWithheld: "no rater model for this comparison" };
  return {
    versusRestWithheld: null,
    versusRest: {
      restN: rest.n,
      restCandidates: restCount,
      restMean: rest.sum / rest.n,
      difference: modelled.difference,
      ciLow: modelled.ciLow,
      ciHigh: modelled.ciHigh,
      differs: modelled.differs,
    },
  };
}

interface VariantCell {
  moments: Moments;
  clustered: ClusteredMoments;
  counts: number[];
}

interface DimensionTotal {
  moments: Moments;
  clustered: ClusteredMoments;
}

/**
 * Per company variant and dimension: n, candidates, mean with its interval clustered by candidate,
 * SD and distribution, and whether the mean differs from
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
  const dimensionTotals = new Map<string, DimensionTotal>();
  for (const { variant, dimension, score, candidate } of ratings) {
    if (variant === undefined) continue;
    let byDimension = cells.get(variant);
    if (byDimension === undefined) cells.set(variant, (byDimension = new Map()));
    let cell = byDimension.get(dimension);
    if (cell === undefined)
      byDimension.set(
        dimension,
        (cell = { moments: createMoments(), clustered: createClusteredMoments(), counts: categories.map(() => 0) }),
      );
    addToMoments(cell.moments, score);
    addClustered(cell.clustered, candidate, score);
    cell.counts[score - scale.min] += 1;
    let total = dimensionTotals.get(dimension);
    if (total === undefined)
      dimensionTotals.set(dimension, (total = { moments: createMoments(), clustered: createClusteredMoments() }));
    addToMoments(total.moments, score);
    addClustered(total.clustered, candidate, score);
  }
  const modelled = compareVariantsByModel(ratings, startAt);
  return [...cells.keys()].sort().flatMap((variant) =>
    [...(cells.get(variant) as Map<string, VariantCell>)].map(([dimension, cell]) => {
      const { moments, clustered, counts } = cell;
      const withheld = missingEvidence(clustered.clusters.size, "candidates");
      const interval = withheld === null ? clusteredMeanInterval(clustered) : null;
      return {
        variant,
        dimension,
        n: moments.n,
        candidates: clustered.clusters.size,
        mean: meanOf(moments),
        sd: standardDeviationOf(moments),
        ciLow: interval?.low ?? null,
        ciHigh: interval?.high ?? null,
        withheld,
        distribution: categories.map((score, k) => ({ score, count: counts[k] })),
        ...compareWithRest(
          cell,
          dimensionTotals.get(dimension) as DimensionTotal,
          modelled.get(`${variant}\u0000${dimension}`),
        ),
      };
    }),
  );
}
