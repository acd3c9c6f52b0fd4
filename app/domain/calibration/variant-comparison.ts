import { addCluster, clusterSumsInterval, createClusterSums, type ClusterSums } from "./clustered-mean";
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
import type { Theta } from "./rater-model/types";
import { compareVariantsByModel, type ModelVariantDifference } from "./variant-model";
import type { LabelColumn, RatingTable } from "./rating-table";
import { scaleCategories, type Scale } from "./types";

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

function compareWithRest(
  own: VariantCell,
  all: Moments,
  restCount: number,
  modelled: ModelVariantDifference | undefined,
): { versusRest: VariantDifference | null; versusRestWithheld: string | null } {
  const rest = subtractMoments(all, own.moments);
  // Comparable evidence on both sides, counted in candidates, not ratings (evidence.ts).
  const missing =
    missingEvidence(own.clustered.clusters, "candidates") ??
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
  clustered: ClusterSums;
  counts: number[];
  /** Candidates on the cell's dimension rated in another variant too (or only there). */
  restCandidates: number;
  /** The first rating in the cell: dimensions are listed in first-seen order within a variant. */
  firstSeen: number;
}

/**
 * Per company variant and dimension: n, candidates, mean with its interval clustered by candidate,
 * SD and distribution, and whether the mean differs from
 * the other variants' by more than noise. Ratings without a variant are left out. Variants are sorted
 * by name; dimensions keep their first-seen (rubric) order.
 */
export function compareVariants(
  scale: Scale,
  /** The ratings' table and their variants (labelColumn), in the same order. */
  table: RatingTable,
  variants: LabelColumn,
  /** The dimension model's estimates, to start the variant model's fit from (see fitRaterModel). */
  startAt?: Theta,
  /** The variant model's differences, when computed already (on another thread: fit-tasks.ts). */
  modelled: Map<string, ModelVariantDifference> = compareVariantsByModel(table, variants, startAt),
): VariantDimensionSummary[] {
  const categories = scaleCategories(scale);
  const V = variants.names.length;
  const D = table.dimensions.length;
  const { units, scoreOf, dimensionOf } = table;
  const variantOf = variants.of;
  const cells: (VariantCell | undefined)[] = new Array<VariantCell | undefined>(V * D);
  const totals = Array.from({ length: D }, createMoments);
  // One pass over the units (one dimension x one candidate): each variant's ratings of the unit are
  // one cluster of its cell.
  const unitN = new Int32Array(V);
  const unitSum = new Float64Array(V);
  for (let u = 0; u < units.count; u++) {
    const d = dimensionOf[units.order[units.start[u]]];
    let inUnit = 0;
    for (let q = units.start[u]; q < units.start[u + 1]; q++) {
      const i = units.order[q];
      const v = variantOf[i];
      if (v < 0) continue;
      const score = scoreOf[i];
      let cell = cells[v * D + d];
      if (cell === undefined)
        cells[v * D + d] = cell = {
          moments: createMoments(),
          clustered: createClusterSums(),
          counts: categories.map(() => 0),
          restCandidates: 0,
          firstSeen: i,
        };
      else if (i < cell.firstSeen) cell.firstSeen = i;
      addToMoments(cell.moments, score);
      addToMoments(totals[d], score);
      cell.counts[score - scale.min] += 1;
      unitN[v] += 1;
      unitSum[v] += score;
      inUnit += 1;
    }
    if (inUnit === 0) continue;
    for (let v = 0; v < V; v++) {
      if (unitN[v] > 0) addCluster((cells[v * D + d] as VariantCell).clustered, unitSum[v], unitN[v]);
      unitN[v] = 0;
      unitSum[v] = 0;
    }
  }
  // Once every cell exists: which units count for each cell's rest.
  countRest(table, variants, cells);
  const order = variants.names.map((_, v) => v).sort((a, b) => (variants.names[a] < variants.names[b] ? -1 : 1));
  return order.flatMap((v) => {
    const variant = variants.names[v];
    const own = cells
      .slice(v * D, (v + 1) * D)
      .map((cell, d) => ({ cell, d }))
      .filter((x): x is { cell: VariantCell; d: number } => x.cell !== undefined)
      .sort((x, y) => x.cell.firstSeen - y.cell.firstSeen);
    return own.map(({ cell, d }) => {
      const dimension = table.dimensions[d];
      const { moments, clustered, counts } = cell;
      const withheld = missingEvidence(clustered.clusters, "candidates");
      const interval = withheld === null ? clusterSumsInterval(clustered) : null;
      return {
        variant,
        dimension,
        n: moments.n,
        candidates: clustered.clusters,
        mean: meanOf(moments),
        sd: standardDeviationOf(moments),
        ciLow: interval?.low ?? null,
        ciHigh: interval?.high ?? null,
        withheld,
        distribution: categories.map((score, k) => ({ score, count: counts[k] })),
        ...compareWithRest(cell, totals[d], cell.restCandidates, modelled.get(`${variant}\u0000${dimension}`)),
      };
    });
  });
}

/** Per cell (variant v, dimension d): the units of d holding a rating of a variant other than v. */
function countRest(table: RatingTable, variants: LabelColumn, cells: (VariantCell | undefined)[]): void {
  const V = variants.names.length;
  const D = table.dimensions.length;
  const { units, dimensionOf } = table;
  const seen = new Int32Array(V);
  for (let u = 0; u < units.count; u++) {
    const d = dimensionOf[units.order[units.start[u]]];
    let inUnit = 0;
    for (let q = units.start[u]; q < units.start[u + 1]; q++) {
      const v = variants.of[units.order[q]];
      if (v < 0) continue;
      seen[v] += 1;
      inUnit += 1;
    }
    for (let v = 0; v < V; v++) {
      const cell = cells[v * D + d];
      if (cell !== undefined && inUnit > seen[v]) cell.restCandidates += 1;
      seen[v] = 0;
    }
  }
}
