// Multiplicity control for the many tests one dashboard page runs at once.

/** The false discovery rate the dashboard controls, across the tests of one kind on one page. */
export const FDR_Q = 0.05;

/**
 * Benjamini & Hochberg (1995), "Controlling the false discovery rate", J. R. Stat. Soc. B 57, 289–300:
 * with the m p-values sorted, p_(1) ≤ … ≤ p_(m), reject the k smallest for the largest k with
 * p_(k) ≤ k q / m. Null p-values (tests not run) are not counted in m. Returns one boolean per input.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[], q = FDR_Q): boolean[] {
  const tested = pValues.flatMap((p, k) => (p === null || Number.isNaN(p) ? [] : [{ p, k }])).sort((a, b) => a.p - b.p);
  const m = tested.length;
  let cut = -1;
  tested.forEach(({ p }, rank) => {
    if (p <= ((rank + 1) * q) / m) cut = rank;
  });
  const rejected = pValues.map(() => false);
  for (let rank = 0; rank <= cut; rank++) rejected[tested[rank].k] = true;
  return rejected;
}

/** Standard normal CDF via erfc (Abramowitz & Stegun 1964, 7.1.26; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
