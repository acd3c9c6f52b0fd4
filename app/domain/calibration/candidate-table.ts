// Every candidate's raw and rater-adjusted means as columns, not one object per candidate: at
// 40,000 candidates the objects were most of what the dashboard's worker thread posted back to the
// main thread on each refresh (structured clone, ~7 MB, deserialised on the thread autosaves use).
// Columns of numbers clone as a copy of their bytes; the candidates page builds objects only for the
// 100 rows it shows.

export interface CandidateRow {
  candidate: string;
  ratings: number;
  rawMean: number;
  adjustedMean: number;
  /** Adjusted minus raw mean: how far the candidate's standing moves once severity is accounted for. */
  change: number;
}

export interface CandidateTable {
  labels: string[];
  ratings: Float64Array<ArrayBuffer>;
  rawMean: Float64Array<ArrayBuffer>;
  adjustedMean: Float64Array<ArrayBuffer>;
}

export function packCandidates(rows: readonly Omit<CandidateRow, "change">[]): CandidateTable {
  return {
    labels: rows.map((r) => r.candidate),
    ratings: Float64Array.from(rows, (r) => r.ratings),
    rawMean: Float64Array.from(rows, (r) => r.rawMean),
    adjustedMean: Float64Array.from(rows, (r) => r.adjustedMean),
  };
}

/** The rows at these positions of the table, in the order given. */
export function candidateRows(table: CandidateTable, positions: readonly number[]): CandidateRow[] {
  return positions.map((i) => ({
    candidate: table.labels[i],
    ratings: table.ratings[i],
    rawMean: table.rawMean[i],
    adjustedMean: table.adjustedMean[i],
    change: table.adjustedMean[i] - table.rawMean[i],
  }));
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
