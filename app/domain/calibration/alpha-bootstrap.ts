import { createRandom } from "../random";
import {
  alphaFromCoincidences,
  buildCoincidenceMatrix,
  pairDistances,
  type CoincidenceMatrix,
  type MeasurementLevel,
} from "./krippendorff-alpha";

export interface AlphaInterval {
  low: number;
  high: number;
  resamples: number;
}

/** Fixed, so the dashboard shows the same interval on every load. */
export const BOOTSTRAP_SEED = 20070101;

/**
 * One binomial draw: inversion (walking the pmf, O(np)) while np is small, the normal approximation
 * (with continuity rounding) once np(1 − p) is large enough for it; by symmetry p ≤ 1/2.
 */
function binomial(random: ReturnType<typeof createRandom>, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(random, n, 1 - p);
  if (n * p < 30) {
    const u = random.next();
    const ratio = p / (1 - p);
    let k = 0;
    let pmf = Math.exp(n * Math.log1p(-p));
    let cdf = pmf;
    while (u > cdf && k < n) {
      pmf *= (ratio * (n - k)) / (k + 1);
      k += 1;
      cdf += pmf;
    }
    return k;
  }
  const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * random.normal());
  return Math.min(n, Math.max(0, draw));
}

/**
 * A 95% bootstrap interval for Krippendorff's alpha by the algorithm of Hayes & Krippendorff (2007,
 * "Answering the call for a standard reliability measure for coding data", Communication Methods and
 * Measures 1(1), 77–89; the KALPHA macro; Krippendorff 2006, "Bootstrapping distributions for
 * Krippendorff's alpha"). It resamples pairs of pairable values, not units:
 *  1. from the data, the coincidences o_ck, the marginals n_c, n.. and the expected disagreement
 *     D_e = Σ n_c n_k δ²_ck / (n..(n.. − 1)) — kept FIXED in every resample (as is the ordinal
 *     metric's δ², built on the data's marginals);
 *  2. a pair of values is drawn with the probability of its cell of the coincidence matrix,
 *     o_cc / n.. on the diagonal and 2 o_ck / n.. off it;
 *  3. each unit with m_u pairable values gets its own m_u(m_u − 1)/2 pairs back, each weighing
 *     2/(m_u − 1) as in the coincidence matrix, so a resample carries n.. values, like the data;
 *  4. α* = 1 − D_o* ÷ D_e with D_o* = Σ weight · δ² / n.., floored at −1 as KALPHA does.
 * The percentiles of α* give the interval. Units of one size are pooled: their pairs are one
 * multinomial draw over the cells (successive binomials), so a resample costs O(sizes × cells), not
 * O(pairs). Seeded: the same data give the same interval. Null with fewer than 2 pairable units or
 * when alpha is undefined (no disagreement to expect).
 */
export function bootstrapAlphaInterval(
  units: readonly (readonly number[])[],
  level: MeasurementLevel,
  resamples = 1000,
  seed = BOOTSTRAP_SEED,
): AlphaInterval | null {
  return intervalOf(bootstrapAlphaDraws(units, level, resamples, seed));
}

function intervalOf(draws: Float64Array | null): AlphaInterval | null {
  if (draws === null) return null;
  const sorted = [...draws].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * sorted.length)))];
  return { low: at(0.025), high: at(0.975), resamples: sorted.length };
}

/** The bootstrap replicates α* themselves (see bootstrapAlphaInterval), for tests and other summaries. */
export function bootstrapAlphaDraws(
  units: readonly (readonly number[])[],
  level: MeasurementLevel,
  resamples: number,
  seed = BOOTSTRAP_SEED,
): Float64Array | null {
  const pairable = units.filter((u) => u.length >= 2);
  const pairsBySize = new Map<number, number>();
  for (const u of pairable) addPairs(pairsBySize, u.length);
  return drawAlphas(buildCoincidenceMatrix(pairable), pairable.length, pairsBySize, level, resamples, seed);
}

/** Counts a unit of `size` pairable values in pairsBySize (a Map: its sizes in the order first seen). */
export function addPairs(pairsBySize: Map<number, number>, size: number): void {
  pairsBySize.set(size, (pairsBySize.get(size) ?? 0) + (size * (size - 1)) / 2);
}

/**
 * bootstrapAlphaInterval of data already summarised: their coincidence matrix, how many pairable
 * units there are, and the pairs of each unit size (addPairs, units in their order).
 */
export function bootstrapAlphaIntervalOf(
  matrix: CoincidenceMatrix,
  pairableUnits: number,
  pairsBySize: ReadonlyMap<number, number>,
  level: MeasurementLevel,
  resamples = 1000,
  seed = BOOTSTRAP_SEED,
): AlphaInterval | null {
  return intervalOf(drawAlphas(matrix, pairableUnits, pairsBySize, level, resamples, seed));
}

function drawAlphas(
  matrix: CoincidenceMatrix,
  pairableUnits: number,
  pairsBySize: ReadonlyMap<number, number>,
  level: MeasurementLevel,
  resamples: number,
  seed: number,
): Float64Array | null {
  if (pairableUnits < 2 || alphaFromCoincidences(matrix, level) === null) return null;
  const { values, coincidences } = matrix;
  const q = values.length;
  const { delta, marginals, total } = pairDistances(matrix, level);
  let expected = 0;
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) expected += marginals[c] * marginals[k] * delta[c * q + k];
  expected /= total * (total - 1);
  // The unordered cells c ≤ k with their probabilities and distances.
  const cellP: number[] = [];
  const cellDelta: number[] = [];
  for (let c = 0; c < q; c++) {
    for (let k = c; k < q; k++) {
      const p = (c === k ? coincidences[c * q + k] : 2 * coincidences[c * q + k]) / total;
      if (p > 0) {
        cellP.push(p);
        cellDelta.push(delta[c * q + k]);
      }
    }
  }
  const random = createRandom(seed);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let observed = 0;
    for (const [size, pairs] of pairsBySize) {
      let left = pairs;
      let mass = 1;
      let sum = 0;
      for (let j = 0; j < cellP.length && left > 0; j++) {
        const drawn = j === cellP.length - 1 ? left : binomial(random, left, Math.min(1, cellP[j] / mass));
        sum += drawn * cellDelta[j];
        left -= drawn;
        mass -= cellP[j];
      }
      observed += (2 / (size - 1)) * sum;
    }
    draws[b] = Math.max(-1, 1 - observed / total / expected);
  }
  return draws;
}
