import { missingEvidence } from "./evidence";
import { panelReliability } from "./model-summary";
import { fitDimensionModel, type VarianceComponents } from "./rater-model";
import { buildRatingTable } from "./rating-table";
import type { Rating } from "./types";

// The panel-size planner (Φ(k), model-summary.ts) per company variant: each variant's ratings get
// their own rater model, since a variant's phrasing and focus may separate candidates better or
// worse than another's. Φ(k) rests on the variance components, and those need candidates that
// several interviewers rated (the candidate variance is what they agree on) and several
// interviewers (the interviewer variance is how they differ) — so a variant is planned only with:

/** Candidates in the variant rated by two interviewers or more. */
export const MIN_PLANNER_CANDIDATES = 10;
/** Interviewers who rated in the variant. */
export const MIN_PLANNER_INTERVIEWERS = 3;

export interface VariantReliability {
  variant: string;
  /** Candidates in the variant rated by two interviewers or more (the comparable evidence). */
  sharedCandidates: number;
  interviewers: number;
  dimensions: number;
  /** Φ(k) for k = 1…6; null when withheld. */
  reliability: Record<string, number> | null;
  variance: VarianceComponents | null;
  converged: boolean | null;
  /** Why no figure, e.g. "needs 10 candidates rated by two or more interviewers, has 4". */
  withheld: string | null;
}

/** Φ(k) for each variant (sorted by name) that carries ratings; ratings without a variant are left out. */
export function computeVariantReliability(ratings: readonly Rating[]): VariantReliability[] {
  const byVariant = new Map<string, Rating[]>();
  for (const r of ratings) {
    if (r.variant === undefined) continue;
    const list = byVariant.get(r.variant);
    if (list === undefined) byVariant.set(r.variant, [r]);
    else list.push(r);
  }
  return [...byVariant.keys()].sort().map((variant) => {
    const table = buildRatingTable(byVariant.get(variant) as Rating[]);
    const cards = new Int32Array(table.candidates.length);
    for (let s = 0; s < table.scorecards.count; s++)
      cards[table.candidateOf[table.scorecards.order[table.scorecards.start[s]]]] += 1;
    const sharedCandidates = cards.reduce((n, k) => n + (k >= 2 ? 1 : 0), 0);
    const base = {
      variant,
      sharedCandidates,
      interviewers: table.interviewers.length,
      dimensions: table.dimensions.length,
    };
    const missing =
      missingEvidence(sharedCandidates, "candidates rated by two or more interviewers", MIN_PLANNER_CANDIDATES) ??
      missingEvidence(table.interviewers.length, "interviewers", MIN_PLANNER_INTERVIEWERS);
    if (missing !== null) return { ...base, reliability: null, variance: null, converged: null, withheld: missing };
    const { fit } = fitDimensionModel(table);
    const reliability = panelReliability(fit.variance, table.dimensions.length);
    return {
      ...base,
      reliability,
      variance: fit.variance,
      converged: fit.converged,
      withheld: reliability === null ? "no spread between candidates to be reliable about" : null,
    };
  });
}
