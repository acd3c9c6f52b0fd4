import { addPairs, bootstrapAlphaIntervalOf, type AlphaInterval } from "./alpha-bootstrap";
import { cohenKappasOfJoint, type CohenKappas } from "./cohen-kappa";
import { MIN_SHARED_CANDIDATES } from "./evidence";
import { fleissKappaOfCounts } from "./fleiss-kappa";
import { intraclassCorrelations, type IccSet } from "./intraclass-correlation";
import { alphaFromCoincidences, coincidenceMatrixOfCounts, type MeasurementLevel } from "./krippendorff-alpha";
import type { RatingTable } from "./rating-table";

export interface PairAgreement {
  a: string;
  b: string;
  /** Candidates both rated on this dimension. */
  n: number;
  kappa: CohenKappas;
}

export interface DimensionAgreement {
  dimension: string;
  ratings: number;
  /** Candidates rated on this dimension, and those rated by two interviewers or more. */
  candidates: number;
  pairableCandidates: number;
  alpha: Record<MeasurementLevel, number | null>;
  /** Bootstrap 95% interval of the ordinal alpha (alpha-bootstrap.ts). */
  alphaInterval: AlphaInterval | null;
  /** Null unless every candidate was rated by the same k >= 2 interviewers. */
  icc: IccSet | null;
  fleissKappa: number | null;
  pairs: PairAgreement[];
}

/** The units of one dimension as a complete candidates x interviewers matrix, or null if any cell is missing. */
function completeMatrixOf(table: RatingTable, dimension: number): number[][] | null {
  const { units, dimensionUnitStart, interviewerOf, scoreOf } = table;
  const first = dimensionUnitStart[dimension];
  const column = new Map<number, number>();
  for (let p = units.start[first]; p < units.start[first + 1]; p++)
    column.set(interviewerOf[units.order[p]], column.size);
  const matrix: number[][] = [];
  for (let u = first; u < dimensionUnitStart[dimension + 1]; u++) {
    if (units.start[u + 1] - units.start[u] !== column.size) return null;
    const row = new Array<number>(column.size);
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      const j = column.get(interviewerOf[units.order[p]]);
      if (j === undefined) return null;
      row[j] = scoreOf[units.order[p]];
    }
    matrix.push(row);
  }
  return matrix;
}

/**
 * Each rating's position in `categories` (which must hold every score), so that counts can go
 * straight into tables: a RangeError names a score that is not a category, as the kappas' own checks do.
 */
function categoryIndexOf(categories: readonly number[]): (score: number) => number {
  const indexOf = new Map(categories.map((category, k) => [category, k]));
  return (score) => {
    const k = indexOf.get(score);
    if (k === undefined) throw new RangeError(`rating ${score} is not a category`);
    return k;
  };
}

/**
 * Cohen's kappas for every pair of interviewers with enough candidates in common, found per unit
 * (no all-pairs scan): each pair's joint counts go straight into one table (integer ids, the pair
 * in name order), and the kappas are taken from those counts.
 */
function pairAgreementsOf(
  table: RatingTable,
  dimension: number,
  q: number,
  categoryOf: Int32Array,
  nameRank: Int32Array,
): PairAgreement[] {
  const { units, dimensionUnitStart, interviewerOf, interviewers } = table;
  const nI = interviewers.length;
  // Each pair's slot by its key: a flat table while interviewers² is small (300 interviewers: 90,000
  // entries), a Map beyond.
  const dense = nI * nI <= 1 << 22 ? new Int32Array(nI * nI).fill(-1) : null;
  const sparse = dense === null ? new Map<number, number>() : null;
  // At most one slot per pair met and per key (a pair in name order, or an interviewer twice): the
  // joint tables sized once, not grown a count at a time.
  let met = 0;
  for (let u = dimensionUnitStart[dimension]; u < dimensionUnitStart[dimension + 1]; u++) {
    const k = units.start[u + 1] - units.start[u];
    met += (k * (k - 1)) / 2;
  }
  const slots = Math.min(met, (nI * (nI + 1)) / 2);
  const firstOf = new Int32Array(slots);
  const secondOf = new Int32Array(slots);
  const joint = new Int32Array(slots * q * q);
  let used = 0;
  for (let u = dimensionUnitStart[dimension]; u < dimensionUnitStart[dimension + 1]; u++) {
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      for (let q2 = p + 1; q2 < units.start[u + 1]; q2++) {
        let first = units.order[p];
        let second = units.order[q2];
        if (nameRank[interviewerOf[first]] > nameRank[interviewerOf[second]]) {
          first = units.order[q2];
          second = units.order[p];
        }
        const key = interviewerOf[first] * nI + interviewerOf[second];
        let slot = dense !== null ? dense[key] : (sparse!.get(key) ?? -1);
        if (slot < 0) {
          slot = used++;
          if (dense !== null) dense[key] = slot;
          else sparse!.set(key, slot);
          firstOf[slot] = interviewerOf[first];
          secondOf[slot] = interviewerOf[second];
        }
        joint[slot * q * q + categoryOf[first] * q + categoryOf[second]] += 1;
      }
    }
  }
  const pairs: PairAgreement[] = [];
  for (let slot = 0; slot < used; slot++) {
    let n = 0;
    for (let k = 0; k < q * q; k++) n += joint[slot * q * q + k];
    // Pairwise agreement needs the one minimum of candidates in common before a kappa means anything.
    if (n < MIN_SHARED_CANDIDATES) continue;
    pairs.push({
      a: interviewers[firstOf[slot]],
      b: interviewers[secondOf[slot]],
      n,
      kappa: cohenKappasOfJoint(joint, slot * q * q, q),
    });
  }
  return pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}

/** Each interviewer's position in name order (names are distinct): the pairs' order, compared as integers. */
export function nameRanks(names: readonly string[]): Int32Array {
  const rank = new Int32Array(names.length);
  names
    .map((_, i) => i)
    .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0))
    .forEach((i, r) => (rank[i] = r));
  return rank;
}

/**
 * The agreement of one dimension, from the table's units of it: each unit's counts per category are
 * taken once and feed alpha (its coincidence matrix, shared with the bootstrap), Fleiss' kappa and
 * the counts; the pairs' kappas count their joint tables in the same pass over the units' pairs.
 * `categories` ascending, every score among them; `nameRank` from nameRanks(table.interviewers).
 */
export function computeDimensionAgreement(
  table: RatingTable,
  dimension: number,
  categories: readonly number[],
  nameRank: Int32Array = nameRanks(table.interviewers),
): DimensionAgreement {
  const { units, dimensionUnitStart, scoreOf } = table;
  const first = dimensionUnitStart[dimension];
  const unitCount = dimensionUnitStart[dimension + 1] - first;
  const q = categories.length;
  const index = categoryIndexOf(categories);
  const categoryOf = new Int32Array(table.size);
  const counts = new Float64Array(unitCount * q);
  const pairsBySize = new Map<number, number>();
  let ratings = 0;
  let pairable = 0;
  for (let u = first; u < first + unitCount; u++) {
    const m = units.start[u + 1] - units.start[u];
    ratings += m;
    if (m >= 2) {
      pairable += 1;
      addPairs(pairsBySize, m);
    }
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      const r = units.order[p];
      categoryOf[r] = index(scoreOf[r]);
      counts[(u - first) * q + categoryOf[r]] += 1;
    }
  }
  const coincidences = coincidenceMatrixOfCounts(counts, categories);
  const matrix = completeMatrixOf(table, dimension);
  return {
    dimension: table.dimensions[dimension],
    ratings,
    candidates: unitCount,
    pairableCandidates: pairable,
    alpha: {
      nominal: alphaFromCoincidences(coincidences, "nominal"),
      ordinal: alphaFromCoincidences(coincidences, "ordinal"),
      interval: alphaFromCoincidences(coincidences, "interval"),
      ratio: alphaFromCoincidences(coincidences, "ratio"),
    },
    alphaInterval: bootstrapAlphaIntervalOf(coincidences, pairable, pairsBySize, "ordinal"),
    icc: matrix === null ? null : intraclassCorrelations(matrix),
    fleissKappa: fleissKappaOfCounts(counts, q),
    pairs: pairAgreementsOf(table, dimension, q, categoryOf, nameRank),
  };
}
