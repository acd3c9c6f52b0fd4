import { fleissKappaOfCounts } from "./fleiss-kappa";
import type { RatingTable } from "./rating-table";
import { RECOMMENDATIONS, type Rating, type Recommendation } from "./types";

/** A panel whose ratings of one dimension are this many points apart needs a calibration review. */
export const DISAGREEMENT_SPREAD = 2;

const YES_SIDE: ReadonlySet<string> = new Set<Recommendation>(["yes", "strong_yes"]);
const NO_SIDE: ReadonlySet<string> = new Set<Recommendation>(["no", "strong_no"]);

/** A panel is split when it holds at least one yes-side and one no-side recommendation. */
export function isSplitPanel(recommendations: readonly string[]): boolean {
  return recommendations.some((r) => YES_SIDE.has(r)) && recommendations.some((r) => NO_SIDE.has(r));
}

export interface Disagreement {
  candidate: string;
  /** The candidate's database id when the ratings carry one (the dashboard links by it); null from a plain CSV. */
  candidateId: number | null;
  /** Interviewers who rated the candidate. */
  panel: number;
  /** Largest max − min of the panel's ratings on any one dimension; null if no dimension has two ratings. */
  maxSpread: number | null;
  spreadDimension: string | null;
  recommendations: Record<Recommendation, number>;
  /** At least one yes-side and one no-side recommendation. */
  split: boolean;
}

export interface PanelDisagreements {
  /** Candidates with a spread of DISAGREEMENT_SPREAD or more, or a split panel: widest spread first, then splits. */
  queue: Disagreement[];
  /** Fleiss' kappa (Gwet's form for unequal panels) of the scorecards' recommendations, candidates as units. */
  recommendationKappa: number | null;
  /** Candidates with two or more recommendations (the units the kappa compares). */
  recommendationCandidates: number;
}

function widestSpreads(table: RatingTable): { spread: Float64Array; dimension: Int32Array } {
  const { units, scoreOf, candidateOf, dimensionOf } = table;
  const spread = new Float64Array(table.candidates.length).fill(-1);
  const dimension = new Int32Array(table.candidates.length).fill(-1);
  for (let u = 0; u < units.count; u++) {
    if (units.start[u + 1] - units.start[u] < 2) continue;
    let low = Infinity;
    let high = -Infinity;
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      low = Math.min(low, scoreOf[units.order[p]]);
      high = Math.max(high, scoreOf[units.order[p]]);
    }
    const candidate = candidateOf[units.order[units.start[u]]];
    if (high - low > spread[candidate]) {
      spread[candidate] = high - low;
      dimension[candidate] = dimensionOf[units.order[units.start[u]]];
    }
  }
  return { spread, dimension };
}

const RECOMMENDATION_INDEX = new Map<string, number>(RECOMMENDATIONS.map((r, k) => [r, k]));
const YES_INDICES = RECOMMENDATIONS.flatMap((r, k) => (YES_SIDE.has(r) ? [k] : []));
const NO_INDICES = RECOMMENDATIONS.flatMap((r, k) => (NO_SIDE.has(r) ? [k] : []));

/**
 * One recommendation per scorecard (the first of its ratings that carries one), counted per
 * candidate: candidate c's count of RECOMMENDATIONS[k] at counts[c * RECOMMENDATIONS.length + k].
 */
function recommendationsByCandidate(table: RatingTable, ratings: readonly Rating[]): Int32Array {
  const { scorecards } = table;
  const q = RECOMMENDATIONS.length;
  const counts = new Int32Array(table.candidates.length * q);
  for (let s = 0; s < scorecards.count; s++) {
    for (let p = scorecards.start[s]; p < scorecards.start[s + 1]; p++) {
      const recommendation = ratings[scorecards.order[p]].recommendation;
      const k = recommendation === undefined ? undefined : RECOMMENDATION_INDEX.get(recommendation);
      if (k === undefined) continue;
      counts[table.candidateOf[scorecards.order[p]] * q + k] += 1;
      break;
    }
  }
  return counts;
}

export function findDisagreements(table: RatingTable, ratings: readonly Rating[]): PanelDisagreements {
  const { spread, dimension } = widestSpreads(table);
  const recommendations = recommendationsByCandidate(table, ratings);
  const q = RECOMMENDATIONS.length;
  const panelSizes = new Int32Array(table.candidates.length);
  for (let s = 0; s < table.scorecards.count; s++)
    panelSizes[table.candidateOf[table.scorecards.order[table.scorecards.start[s]]]] += 1;

  const candidateIds = new Array<number | null>(table.candidates.length).fill(null);
  for (let i = 0; i < ratings.length; i++) {
    const id = ratings[i].candidateId;
    if (id !== undefined) candidateIds[table.candidateOf[i]] = id;
  }

  const queue: Disagreement[] = [];
  let recommendationCandidates = 0;
  table.candidates.forEach((candidate, c) => {
    const countOf = (k: number) => recommendations[c * q + k];
    const given = RECOMMENDATIONS.reduce((sum, _, k) => sum + countOf(k), 0);
    if (given >= 2) recommendationCandidates += 1;
    // isSplitPanel of the candidate's recommendations.
    const split = YES_INDICES.some((k) => countOf(k) > 0) && NO_INDICES.some((k) => countOf(k) > 0);
    if (!split && spread[c] < DISAGREEMENT_SPREAD) return;
    const counts = {} as Record<Recommendation, number>;
    RECOMMENDATIONS.forEach((r, k) => (counts[r] = countOf(k)));
    queue.push({
      candidate,
      candidateId: candidateIds[c],
      panel: panelSizes[c],
      maxSpread: spread[c] < 0 ? null : spread[c],
      spreadDimension: dimension[c] < 0 ? null : table.dimensions[dimension[c]],
      recommendations: counts,
      split,
    });
  });
  queue.sort(
    (x, y) =>
      (y.maxSpread ?? -1) - (x.maxSpread ?? -1) ||
      Number(y.split) - Number(x.split) ||
      (x.candidate < y.candidate ? -1 : 1),
  );
  return {
    queue,
    recommendationKappa: fleissKappaOfCounts(recommendations, q),
    recommendationCandidates,
  };
}
