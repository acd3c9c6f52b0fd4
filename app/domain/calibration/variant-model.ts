import { benjaminiHochberg, FDR_Q, normalCdf } from "./multiplicity";
import { buildRaterDesign, fitFixedEffects } from "./rater-model";
import type { Theta } from "./rater-model/types";
import { gather, selectRows, type LabelColumn, type RatingTable } from "./rating-table";

export interface ModelVariantDifference {
  /** This variant's mean minus the other variants' (count-weighted) mean, adjusted for who rated whom. */
  difference: number;
  /** Null when nothing varies (no interval can be given, and no test run). */
  ciLow: number | null;
  ciHigh: number | null;
  p: number | null;
  /** True when the difference holds after Benjamini–Hochberg across every comparison in the view. */
  differs: boolean | null;
}

/**
 * Variant differences from the rater model with one fixed mean per (variant, dimension) cell:
 * score ~ variant:dimension + (1|candidate) + (1|interviewer) + (1|candidate:interviewer). Each
 * variant's cell is compared with the other variants' cells of the same dimension, weighted by their
 * rating counts; its SE comes from the model's covariance of the cell means, so it respects the
 * clustering by scorecard and candidate and adjusts for which interviewers used which variant. Every
 * comparison in the view is tested together (Benjamini–Hochberg, q = FDR_Q). Keys are
 * `${variant}\u0000${dimension}`. Empty when fewer than two variants carry ratings.
 */
export function compareVariantsByModel(
  /** The ratings' table and their variants (labelColumn), in the same order. */
  all: RatingTable,
  variants: LabelColumn,
  startAt?: Theta,
): Map<string, ModelVariantDifference> {
  let withVariant = 0;
  let used = 0;
  const seen = new Uint8Array(variants.names.length);
  for (const v of variants.of) {
    if (v < 0) continue;
    withVariant += 1;
    if (seen[v] === 0) used += seen[v] = 1;
  }
  if (used < 2 || withVariant < 2) return new Map();
  const { design, cellKeys } = variantCellDesign(all, variants, withVariant);
  // Only the cell means and their covariance are read here: no effects or prediction errors.
  const fit = fitFixedEffects(design, startAt);
  const p = cellKeys.length;
  const tests: { key: string; difference: number; se: number }[] = [];
  cellKeys.forEach(({ variant, dimension }, f) => {
    const rest = cellKeys.flatMap((k, g) => (k.dimension === dimension && k.variant !== variant ? [g] : []));
    const restCount = rest.reduce((s, g) => s + design.cellCount[g], 0);
    if (rest.length === 0 || restCount === 0) return;
    const weights = new Float64Array(p);
    weights[f] = 1;
    for (const g of rest) weights[g] = -design.cellCount[g] / restCount;
    let difference = 0;
    let variance = 0;
    for (let a = 0; a < p; a++) {
      difference += weights[a] * fit.cellMeans[a];
      for (let b = 0; b < p; b++) variance += weights[a] * weights[b] * fit.cellCovariance[a * p + b];
    }
    tests.push({ key: `${variant}\u0000${dimension}`, difference, se: Math.sqrt(Math.max(0, variance)) });
  });
  const pValues = tests.map((t) => (t.se > 0 ? 2 * (1 - normalCdf(Math.abs(t.difference) / t.se)) : null));
  const held = benjaminiHochberg(pValues, FDR_Q);
  return new Map(
    tests.map((t, k) => [
      t.key,
      t.se > 0
        ? {
            difference: t.difference,
            ciLow: t.difference - 1.96 * t.se,
            ciHigh: t.difference + 1.96 * t.se,
            p: pValues[k],
            differs: held[k],
          }
        : { difference: t.difference, ciLow: null, ciHigh: null, p: null, differs: null },
    ]),
  );
}

/**
 * The variant model's design: the ratings that have a variant, one fixed mean per (variant,
 * dimension) cell that has ratings, cells numbered in order of first appearance (`cellKeys`).
 */
export function variantCellDesign(
  all: RatingTable,
  variants: LabelColumn,
  withVariant = variants.of.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0),
) {
  // Usually every rating has a variant: the report's table is the model's, nothing rebuilt.
  const rows = withVariant === all.size ? null : Int32Array.from(rowsWhere(variants.of, (v) => v >= 0));
  const table = rows === null ? all : selectRows(all, rows);
  const variantOf = rows === null ? variants.of : gather(variants.of, rows, new Int32Array(rows.length));
  const D = table.dimensions.length;
  const cellIds = new Int32Array(variants.names.length * D).fill(-1);
  const cellKeys: { variant: string; dimension: string }[] = [];
  const cellOf = new Int32Array(table.size);
  for (let i = 0; i < table.size; i++) {
    const key = variantOf[i] * D + table.dimensionOf[i];
    if (cellIds[key] === -1) {
      cellIds[key] = cellKeys.length;
      cellKeys.push({ variant: variants.names[variantOf[i]], dimension: table.dimensions[table.dimensionOf[i]] });
    }
    cellOf[i] = cellIds[key];
  }
  const design = buildRaterDesign({
    candidateOf: table.candidateOf,
    interviewerOf: table.interviewerOf,
    cellOf,
    scoreOf: table.scoreOf,
    candidates: table.candidates.length,
    interviewers: table.interviewers.length,
    cells: cellKeys.length,
    scorecards: table.scorecards,
  });
  return { design, cellKeys };
}

function* rowsWhere(of: Int32Array, keep: (id: number) => boolean): Generator<number> {
  for (let i = 0; i < of.length; i++) if (keep(of[i])) yield i;
}
