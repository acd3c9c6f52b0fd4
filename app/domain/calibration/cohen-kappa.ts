export type KappaWeighting = "unweighted" | "linear" | "quadratic";

export type CohenKappas = Record<KappaWeighting, number | null>;

/** Disagreement weight of categories i and j out of q; 1 − agreement weight (Cohen 1968). */
function disagreementWeight(weighting: KappaWeighting, i: number, j: number, q: number): number {
  if (i === j) return 0;
  if (weighting === "unweighted") return 1;
  const distance = Math.abs(i - j) / (q - 1);
  return weighting === "linear" ? distance : distance * distance;
}

/**
 * Cohen's kappa between two raters over the same units, unweighted (Cohen 1960, Educational and
 * Psychological Measurement 20, 37–46) or weighted (Cohen 1968, Psychological Bulletin 70, 213–220):
 *   κ_w = 1 − Σ_ij v_ij p_ij / Σ_ij v_ij p_i· p_·j,  v_ij = |i−j|/(q−1) (linear) or its square
 * (quadratic), where i, j index `categories`. Pass every category of the declared scale, observed or
 * not, so the distances are those of the scale. Null when the expected disagreement is 0.
 */
export function cohenKappas(pairs: readonly (readonly [number, number])[], categories: readonly number[]): CohenKappas {
  const q = categories.length;
  const indexOf = new Map(categories.map((category, k) => [category, k]));
  const joint = new Float64Array(q * q);
  for (const [a, b] of pairs) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined) throw new RangeError(`rating ${i === undefined ? a : b} is not a category`);
    joint[i * q + j] += 1;
  }
  return cohenKappasOfJoint(joint, 0, q);
}

/**
 * cohenKappas of the q × q joint counts at joint[offset ..] (row-major: first rater's category by
 * the second's), for callers that count pairs straight into a table.
 */
export function cohenKappasOfJoint(joint: ArrayLike<number>, offset: number, q: number): CohenKappas {
  const rowTotals = new Float64Array(q);
  const columnTotals = new Float64Array(q);
  let n = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const count = joint[offset + i * q + j];
      rowTotals[i] += count;
      columnTotals[j] += count;
      n += count;
    }
  }
  const kappaFor = (weighting: KappaWeighting): number | null => {
    let observed = 0;
    let expected = 0;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const weight = disagreementWeight(weighting, i, j, q);
        observed += weight * joint[offset + i * q + j];
        expected += (weight * rowTotals[i] * columnTotals[j]) / n;
      }
    }
    return n === 0 || expected === 0 ? null : 1 - observed / expected;
  };
  return { unweighted: kappaFor("unweighted"), linear: kappaFor("linear"), quadratic: kappaFor("quadratic") };
}
