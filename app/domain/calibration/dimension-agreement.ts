import { bootstrapAlphaInterval, type AlphaInterval } from "./alpha-bootstrap";
import { cohenKappas, type CohenKappas } from "./cohen-kappa";
import { MIN_SHARED_CANDIDATES } from "./evidence";
import { fleissKappa } from "./fleiss-kappa";
import { intraclassCorrelations, type IccSet } from "./intraclass-correlation";
import { alphaFromCoincidences, buildCoincidenceMatrix, type MeasurementLevel } from "./krippendorff-alpha";
import { unitScoresOfDimension, type RatingTable } from "./rating-table";

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

/** Cohen's kappas for every pair of interviewers with enough candidates in common, found per unit (no all-pairs scan). */
function pairAgreementsOf(table: RatingTable, dimension: number, categories: readonly number[]): PairAgreement[] {
  const { units, dimensionUnitStart, interviewerOf, scoreOf, interviewers } = table;
  const pairScores = new Map<number, number[]>();
  for (let u = dimensionUnitStart[dimension]; u < dimensionUnitStart[dimension + 1]; u++) {
    for (let p = units.start[u]; p < units.start[u + 1]; p++) {
      for (let q = p + 1; q < units.start[u + 1]; q++) {
        let [first, second] = [units.order[p], units.order[q]];
        if (interviewers[interviewerOf[first]] > interviewers[interviewerOf[second]]) [first, second] = [second, first];
        const key = interviewerOf[first] * interviewers.length + interviewerOf[second];
        let scores = pairScores.get(key);
        if (scores === undefined) pairScores.set(key, (scores = []));
        scores.push(scoreOf[first], scoreOf[second]);
      }
    }
  }
  const pairs: PairAgreement[] = [];
  for (const [key, scores] of pairScores) {
    const n = scores.length / 2;
    // Pairwise agreement needs the one minimum of candidates in common before a kappa means anything.
    if (n < MIN_SHARED_CANDIDATES) continue;
    const scorePairs = Array.from({ length: n }, (_, i): [number, number] => [scores[2 * i], scores[2 * i + 1]]);
    pairs.push({
      a: interviewers[Math.floor(key / interviewers.length)],
      b: interviewers[key % interviewers.length],
      n,
      kappa: cohenKappas(scorePairs, categories),
    });
  }
  return pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}

export function computeDimensionAgreement(
  table: RatingTable,
  dimension: number,
  categories: readonly number[],
): DimensionAgreement {
  const unitScores = unitScoresOfDimension(table, dimension);
  const coincidences = buildCoincidenceMatrix(unitScores);
  const matrix = completeMatrixOf(table, dimension);
  return {
    dimension: table.dimensions[dimension],
    ratings: unitScores.reduce((sum, scores) => sum + scores.length, 0),
    candidates: unitScores.length,
    pairableCandidates: unitScores.filter((scores) => scores.length >= 2).length,
    alpha: {
      nominal: alphaFromCoincidences(coincidences, "nominal"),
      ordinal: alphaFromCoincidences(coincidences, "ordinal"),
      interval: alphaFromCoincidences(coincidences, "interval"),
      ratio: alphaFromCoincidences(coincidences, "ratio"),
    },
    alphaInterval: bootstrapAlphaInterval(unitScores, "ordinal"),
    icc: matrix === null ? null : intraclassCorrelations(matrix),
    fleissKappa: fleissKappa(unitScores, categories),
    pairs: pairAgreementsOf(table, dimension, categories),
  };
}
