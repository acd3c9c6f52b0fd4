import { missingEvidence } from "./evidence";
import { panelReliability } from "./model-summary";
import { dimensionDesign, fitVarianceComponents, type VarianceComponents } from "./rater-model";
import {
  buildRatingTable,
  labelColumn,
  rowsByLabel,
  selectRows,
  type LabelColumn,
  type RatingColumns,
  type RatingTable,
} from "./rating-table";
import type { Rating, Scale } from "./types";

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

/** What the report has already computed, so that the planner does not compute it again. */
export interface VariantReliabilityInputs {
  /** The table of `ratings`, in their order. */
  table: RatingTable;
  /** Each rating's variant (labelColumn). */
  variants: LabelColumn;
}

/** Φ(k) for each variant (sorted by name) that carries ratings; ratings without a variant are left out. */
export function computeVariantReliability(
  ratings: readonly Rating[],
  inputs: VariantReliabilityInputs = {
    table: buildRatingTable(ratings),
    variants: labelColumn(ratings, (r) => r.variant),
  },
): VariantReliability[] {
  return variantPlans(inputs).map((plan) => plan.compute());
}

export interface VariantPlan {
  variant: string;
  /** The variant's ratings: what its fit's cost grows with. */
  ratings: number;
  /** The variant's figures (one REML fit), computed when asked. */
  compute: () => VariantReliability;
}

/**
 * Each variant's planner figures as a task of its own, in the variants' order (by name), so that
 * two threads can share the fits (fit-tasks.ts); computeVariantReliability runs them all in turn.
 */
export function variantPlans(inputs: VariantReliabilityInputs): VariantPlan[] {
  // Each variant's fit starts from its own moment estimates, not the dimension model's θ: tried, that
  // saved few evaluations (31–49 against 31–63 at 100,000 scorecards), and a fit that depends on
  // nothing else can run on either thread, in any order, with the same result.
  const { variants } = inputs;
  const rows = rowsByLabel(variants);
  const order = variants.names.map((_, v) => v).sort((a, b) => (variants.names[a] < variants.names[b] ? -1 : 1));
  return order.map((v) => ({
    variant: variants.names[v],
    ratings: rows[v].length,
    compute: () => planVariant(variants.names[v], selectRows(inputs.table, rows[v])),
  }));
}

function planVariant(variant: string, table: RatingTable): VariantReliability {
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
  const fit = fitVarianceComponents(dimensionDesign(table));
  const reliability = panelReliability(fit.variance, table.dimensions.length);
  return {
    ...base,
    reliability,
    variance: fit.variance,
    converged: fit.converged,
    withheld: reliability === null ? "no spread between candidates to be reliable about" : null,
  };
}

/**
 * The rating table's columns and the variants, plain, so the REML fits (the report's model and the
 * planner's per-variant fits, most of a report) can be shared with another thread (fit-tasks.ts).
 */
export interface PlannerColumns {
  table: RatingColumns;
  variantNames: readonly string[];
  variantOf: Int32Array;
  /** The report's scale: the dimensions' agreement is one of the tasks too (fit-tasks.ts). */
  scale: Scale;
}

export function plannerColumns(table: RatingColumns, variants: LabelColumn, scale: Scale): PlannerColumns {
  const { candidates, interviewers, dimensions, candidateOf, interviewerOf, dimensionOf, scoreOf } = table;
  return {
    table: { candidates, interviewers, dimensions, candidateOf, interviewerOf, dimensionOf, scoreOf },
    variantNames: variants.names,
    variantOf: variants.of,
    scale,
  };
}
