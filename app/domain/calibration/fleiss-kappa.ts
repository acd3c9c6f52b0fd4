/**
 * Fleiss' kappa, in Gwet's generalisation for units rated by different numbers of raters:
 *   p_a = (1/n') Σ_{i: r_i >= 2} Σ_k r_ik (r_ik − 1) / (r_i (r_i − 1))
 *   π_k = (1/n) Σ_{i: r_i >= 1} r_ik / r_i,   p_e = Σ_k π_k²,   κ = (p_a − p_e) / (1 − p_e)
 * where r_ik counts the ratings of unit i in category k and r_i = Σ_k r_ik (Gwet 2014, Handbook of
 * Inter-Rater Reliability, 4th ed., Fleiss' generalized kappa; as in irrCAC::fleiss.kappa.raw).
 * With every r_i equal it is exactly Fleiss (1971), Psychological Bulletin 76(5), 378–382.
 * Null when no unit has two ratings or p_e = 1 (one category only). Values outside `categories`
 * are an error, so a typo cannot silently shrink the data.
 */
export function fleissKappa<T>(units: readonly (readonly T[])[], categories: readonly T[]): number | null {
  const indexOf = new Map(categories.map((category, k) => [category, k]));
  const q = categories.length;
  const counts = new Float64Array(units.length * q);
  units.forEach((unit, u) => {
    for (const value of unit) {
      const k = indexOf.get(value);
      if (k === undefined) throw new RangeError(`value ${String(value)} is not one of the categories`);
      counts[u * q + k] += 1;
    }
  });
  return fleissKappaOfCounts(counts, q);
}

/** fleissKappa of units given as their counts per category: unit u's count of category k at counts[u * q + k]. */
export function fleissKappaOfCounts(counts: ArrayLike<number>, q: number): number | null {
  const shares = new Float64Array(q);
  let ratedUnits = 0;
  let pairedUnits = 0;
  let agreementSum = 0;
  for (let offset = 0; offset < counts.length; offset += q) {
    let r = 0;
    for (let k = 0; k < q; k++) r += counts[offset + k];
    if (r === 0) continue;
    ratedUnits += 1;
    let agreeingPairs = 0;
    for (let k = 0; k < q; k++) {
      shares[k] += counts[offset + k] / r;
      agreeingPairs += counts[offset + k] * (counts[offset + k] - 1);
    }
    if (r >= 2) {
      pairedUnits += 1;
      agreementSum += agreeingPairs / (r * (r - 1));
    }
  }
  if (pairedUnits === 0) return null;
  const observed = agreementSum / pairedUnits;
  let expected = 0;
  for (let k = 0; k < q; k++) expected += (shares[k] / ratedUnits) ** 2;
  if (1 - expected < 1e-12) return null;
  return (observed - expected) / (1 - expected);
}
