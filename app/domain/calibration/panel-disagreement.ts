import { fleissKappa } from "./fleiss-kappa";
import type { RatingTable } from "./rating-table";
import { isRecommendation, RECOMMENDATIONS, type Rating, type Recommendation } from "./types";

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

/** One recommendation per scorecard (the first of its ratings that carries one), grouped by candidate. */
function recommendationsByCandidate(table: RatingTable, ratings: readonly Rating[]): Recommendation[][] {
  const { scorecards } = table;
  const byCandidate: Recommendation[][] = table.candidates.map(() => []);
  for (let s = 0; s < scorecards.count; s++) {
    for (let p = scorecards.start[s]; p < scorecards.start[s + 1]; p++) {
      const recommendation = ratings[scorecards.order[p]].recommendation;
      if (recommendation === undefined || !isRecommendation(recommendation)) continue;
      byCandidate[table.candidateOf[scorecards.order[p]]].push(recommendation);
      break;
    }
  }
  return byCandidate;
}

export function findDisagreements(table: RatingTable, ratings: readonly Rating[]): PanelDisagreements {
  const { spread, dimension } = widestSpreads(table);
  const recommendations = recommendationsByCandidate(table, ratings);
  const panelSizes = new Int32Array(table.candidates.length);
  for (let s = 0; s < table.scorecards.count; s++)
    panelSizes[table.candidateOf[table.scorecards.order[table.scorecards.start[s]]]] += 1;

  const candidateIds = new Array<number | null>(table.candidates.length).fill(null);
  ratings.forEach((r, i) => {
    if (r.candidateId !== undefined) candidateIds[table.candidateOf[i]] = r.candidateId;
  });

  const queue: Disagreement[] = [];
  table.candidates.forEach((candidate, c) => {
    const split = isSplitPanel(recommendations[c]);
    if (!split && spread[c] < DISAGREEMENT_SPREAD) return;
    const counts = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
    for (const r of recommendations[c]) counts[r] += 1;
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
    recommendationKappa: fleissKappa(recommendations, RECOMMENDATIONS),
    recommendationCandidates: recommendations.filter((r) => r.length >= 2).length,
  };
}
