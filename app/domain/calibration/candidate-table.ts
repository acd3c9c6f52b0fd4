import type { AdjustedScore } from "./model-summary";
import type { Scale } from "./types";

// Every candidate's raw and rater-adjusted means as columns, not one object per candidate: at
// 40,000 candidates the objects were most of what the dashboard's worker thread posted back to the
// main thread on each refresh (structured clone, ~7 MB, deserialised on the thread autosaves use).
// Columns of numbers clone as a copy of their bytes; the candidates page builds objects only for the
// 100 rows it shows.

export interface CandidateRow extends AdjustedScore {
  /** Adjusted minus raw mean: how far the candidate's standing moves once severity is accounted for. */
  change: number;
  /** The adjusted score's 95% interval (± 1.96 of the model's conditional SE), kept inside the scale. */
  ciLow: number | null;
  ciHigh: number | null;
  /** The chart's error bar: below and above the adjusted score. */
  error: readonly [number, number] | null;
}

export interface CandidateTable {
  scale: Scale;
  labels: string[];
  ratings: Float64Array<ArrayBuffer>;
  rawMean: Float64Array<ArrayBuffer>;
  adjustedMean: Float64Array<ArrayBuffer>;
  /** NaN where the model gave no standard error. */
  adjustedSe: Float64Array<ArrayBuffer>;
  clamped: Uint8Array<ArrayBuffer>;
}

/** A candidate's adjusted score with its change and its interval on this scale. */
export function candidateRow(c: AdjustedScore, { min, max }: Scale): CandidateRow {
  const half = c.adjustedSe === null ? null : 1.96 * c.adjustedSe;
  const ciLow = half === null ? null : Math.max(min, c.adjustedMean - half);
  const ciHigh = half === null ? null : Math.min(max, c.adjustedMean + half);
  return {
    ...c,
    change: c.adjustedMean - c.rawMean,
    ciLow,
    ciHigh,
    error: ciLow === null || ciHigh === null ? null : ([c.adjustedMean - ciLow, ciHigh - c.adjustedMean] as const),
  };
}

/** The rows as columns, in the order of `order` (positions in `rows`; all of them, in turn, by default). */
export function packCandidates(
  rows: readonly AdjustedScore[],
  scale: Scale,
  order: readonly number[] = rows.map((_, i) => i),
): CandidateTable {
  const n = order.length;
  const table: CandidateTable = {
    scale,
    labels: new Array<string>(n),
    ratings: new Float64Array(n),
    rawMean: new Float64Array(n),
    adjustedMean: new Float64Array(n),
    adjustedSe: new Float64Array(n),
    clamped: new Uint8Array(n),
  };
  for (let k = 0; k < n; k++) {
    const r = rows[order[k]];
    table.labels[k] = r.candidate;
    table.ratings[k] = r.ratings;
    table.rawMean[k] = r.rawMean;
    table.adjustedMean[k] = r.adjustedMean;
    table.adjustedSe[k] = r.adjustedSe ?? Number.NaN;
    table.clamped[k] = r.clamped ? 1 : 0;
  }
  return table;
}

/** The rows at these positions of the table, in the order given. */
export function candidateRows(table: CandidateTable, positions: readonly number[]): CandidateRow[] {
  return positions.map((i) =>
    candidateRow(
      {
        candidate: table.labels[i],
        ratings: table.ratings[i],
        rawMean: table.rawMean[i],
        adjustedMean: table.adjustedMean[i],
        adjustedSe: Number.isNaN(table.adjustedSe[i]) ? null : table.adjustedSe[i],
        clamped: table.clamped[i] === 1,
      },
      table.scale,
    ),
  );
}

/** Positions of the candidates whose label contains `query` (case-insensitive), in table order; all for "". */
export function matchingCandidates(table: CandidateTable, query: string): number[] {
  const q = query.toLowerCase();
  const found: number[] = [];
  table.labels.forEach((label, i) => {
    if (!q || label.toLowerCase().includes(q)) found.push(i);
  });
  return found;
}
