export type MeasurementLevel = "nominal" | "ordinal" | "interval" | "ratio";

export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ["nominal", "ordinal", "interval", "ratio"];

/** Krippendorff's coincidence matrix over the distinct values, sorted ascending. */
export interface CoincidenceMatrix {
  readonly values: readonly number[];
  /** o[c][k], row-major: coincidences[c * values.length + k]. */
  readonly coincidences: Float64Array;
}

/**
 * o_ck = Σ_u (number of c-k pairs of values from different coders in unit u) / (m_u − 1), over the
 * units with m_u >= 2 values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §B).
 * Counting values per unit makes each unit cost O(m_u + distinct²) instead of O(m_u²).
 */
export function buildCoincidenceMatrix(units: readonly (readonly number[])[]): CoincidenceMatrix {
  const distinct = new Set<number>();
  for (const unit of units) for (const v of unit) distinct.add(v);
  const values = [...distinct].sort((a, b) => a - b);
  const indexOf = new Map(values.map((v, i) => [v, i]));
  const counts = new Float64Array(units.length * values.length);
  units.forEach((unit, u) => {
    for (const v of unit) counts[u * values.length + (indexOf.get(v) as number)] += 1;
  });
  return coincidenceMatrixOfCounts(counts, values);
}

/**
 * The coincidence matrix of units given as counts per value (unit u's count of values[k] at
 * counts[u * values.length + k], `values` ascending), e.g. counted straight from a rating table.
 * Values that no unit with two values or more holds are left out, as buildCoincidenceMatrix leaves them.
 */
export function coincidenceMatrixOfCounts(counts: ArrayLike<number>, values: readonly number[]): CoincidenceMatrix {
  const width = values.length;
  const units = width === 0 ? 0 : counts.length / width;
  const sizes = new Float64Array(units);
  const used = new Uint8Array(width);
  for (let u = 0; u < units; u++) {
    for (let k = 0; k < width; k++) sizes[u] += counts[u * width + k];
    if (sizes[u] >= 2) for (let k = 0; k < width; k++) if (counts[u * width + k] > 0) used[k] = 1;
  }
  const kept = values.flatMap((_, k) => (used[k] ? [k] : []));
  const q = kept.length;
  const coincidences = new Float64Array(q * q);
  const present: number[] = [];
  for (let u = 0; u < units; u++) {
    const m = sizes[u];
    if (m < 2) continue;
    for (let c = 0; c < q; c++) if (counts[u * width + kept[c]] > 0) present.push(c);
    for (const c of present) {
      const nc = counts[u * width + kept[c]];
      for (const k of present) {
        const pairs = c === k ? nc * (nc - 1) : nc * counts[u * width + kept[k]];
        coincidences[c * q + k] += pairs / (m - 1);
      }
    }
    present.length = 0;
  }
  return { values: kept.map((k) => values[k]), coincidences };
}

/**
 * δ²_ck for the four metrics of Krippendorff (2011, §C): nominal [c≠k]; interval (c−k)²;
 * ratio ((c−k)/(c+k))²; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², built on the marginals n_g.
 */
function squaredDifference(
  level: MeasurementLevel,
  values: readonly number[],
  marginals: Float64Array,
  c: number,
  k: number,
): number {
  const a = values[c];
  const b = values[k];
  switch (level) {
    case "nominal":
      return c === k ? 0 : 1;
    case "interval":
      return (a - b) ** 2;
    case "ratio":
      // Both 0 is the only way to reach a + b = 0: negative values are refused for ratio data.
      return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    case "ordinal": {
      let between = 0;
      for (let g = Math.min(c, k); g <= Math.max(c, k); g++) between += marginals[g];
      return (between - (marginals[c] + marginals[k]) / 2) ** 2;
    }
  }
}

/** δ²_ck for every cell (row-major), with the marginals n_c and n.. they were built on. */
export function pairDistances(matrix: CoincidenceMatrix, level: MeasurementLevel) {
  const { values, coincidences } = matrix;
  const q = values.length;
  const marginals = new Float64Array(q);
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) marginals[c] += coincidences[c * q + k];
  const delta = new Float64Array(q * q);
  for (let c = 0; c < q; c++)
    for (let k = 0; k < q; k++) delta[c * q + k] = squaredDifference(level, values, marginals, c, k);
  return { delta, marginals, total: marginals.reduce((sum, nc) => sum + nc, 0) };
}

/**
 * α = 1 − D_o/D_e = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck (Krippendorff 2011, §A–C).
 * Null when no pairable values exist, the expected disagreement is 0 (every value the same), or
 * the level is ratio and a value is negative (a ratio scale has an absolute zero).
 */
export function alphaFromCoincidences(matrix: CoincidenceMatrix, level: MeasurementLevel): number | null {
  const { values, coincidences } = matrix;
  if (level === "ratio" && values.some((v) => v < 0)) return null;
  const q = values.length;
  const marginals = new Float64Array(q);
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) marginals[c] += coincidences[c * q + k];
  const n = marginals.reduce((sum, nc) => sum + nc, 0);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const delta = squaredDifference(level, values, marginals, c, k);
      observed += coincidences[c * q + k] * delta;
      expected += marginals[c] * marginals[k] * delta;
    }
  }
  if (n < 2 || expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** Krippendorff's alpha of units given as the values they received (missing ratings left out). */
export function krippendorffAlpha(units: readonly (readonly number[])[], level: MeasurementLevel): number | null {
  return alphaFromCoincidences(buildCoincidenceMatrix(units), level);
}
