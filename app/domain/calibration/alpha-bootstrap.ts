import { createRandom } from "../random";
import { alphaFromCoincidences, buildCoincidenceMatrix, type MeasurementLevel } from "./krippendorff-alpha";

export interface AlphaInterval {
  low: number;
  high: number;
  resamples: number;
}

/** Fixed, so the dashboard shows the same interval on every load. */
const BOOTSTRAP_SEED = 20070101;

/** A binomial draw: exact (Bernoulli trials) for small n, the normal approximation beyond. */
function binomial(next: () => number, normal: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 60) {
    let k = 0;
    for (let t = 0; t < n; t++) if (next() < p) k++;
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())));
}

/**
 * A 95% bootstrap interval for Krippendorff's alpha, resampling the units (candidates) with
 * replacement — Hayes & Krippendorff (2007, "Answering the call for a standard reliability measure
 * for coding data", Communication Methods and Measures 1(1), 77–89) bootstrap alpha's sampling
 * distribution; we resample whole units, as Zapf et al. (2016, BMC Med. Res. Methodol. 16:93)
 * recommend, so the clustering of values within a unit is kept. Units with the same multiset of values
 * contribute the same coincidences, so a resample is a multinomial draw over those patterns (drawn as
 * successive binomials) and costs O(patterns), not O(units). Percentile interval, seeded: deterministic.
 * Null with fewer than 2 pairable units or when alpha is undefined.
 */
export function bootstrapAlphaInterval(
  units: readonly (readonly number[])[],
  level: MeasurementLevel,
  resamples = 1000,
): AlphaInterval | null {
  const patterns = new Map<string, { unit: number[]; count: number }>();
  for (const unit of units) {
    if (unit.length < 2) continue;
    const sorted = [...unit].sort((a, b) => a - b);
    const key = sorted.join(",");
    const pattern = patterns.get(key);
    if (pattern === undefined) patterns.set(key, { unit: sorted, count: 1 });
    else pattern.count += 1;
  }
  const list = [...patterns.values()];
  const total = list.reduce((s, p) => s + p.count, 0);
  if (total < 2 || alphaFromCoincidences(buildCoincidenceMatrix(list.map((p) => p.unit)), level) === null) return null;
  const { values } = buildCoincidenceMatrix(list.map((p) => p.unit));
  const q = values.length;
  const contributions = list.map((p) => {
    const own = buildCoincidenceMatrix([p.unit]);
    const full = new Float64Array(q * q);
    own.values.forEach((a, i) =>
      own.values.forEach(
        (b, j) => (full[values.indexOf(a) * q + values.indexOf(b)] = own.coincidences[i * own.values.length + j]),
      ),
    );
    return full;
  });
  const random = createRandom(BOOTSTRAP_SEED);
  const normal = () => random.normal();
  const alphas: number[] = [];
  const coincidences = new Float64Array(q * q);
  for (let b = 0; b < resamples; b++) {
    coincidences.fill(0);
    let left = total;
    let mass = 1;
    list.forEach((p, k) => {
      const share = p.count / total;
      const drawn = k === list.length - 1 ? left : binomial(random.next, normal, left, Math.min(1, share / mass));
      left -= drawn;
      mass -= share;
      if (drawn > 0) for (let e = 0; e < q * q; e++) coincidences[e] += drawn * contributions[k][e];
    });
    const alpha = alphaFromCoincidences({ values, coincidences }, level);
    if (alpha !== null) alphas.push(alpha);
  }
  if (alphas.length < resamples / 2) return null;
  alphas.sort((a, b) => a - b);
  const at = (p: number) => alphas[Math.min(alphas.length - 1, Math.max(0, Math.floor(p * alphas.length)))];
  return { low: at(0.025), high: at(0.975), resamples: alphas.length };
}
