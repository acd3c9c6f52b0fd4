import type { Grouping } from "../rating-table";

/**
 * The ratings reduced to what the REML criterion needs, one record per scorecard (candidate ×
 * interviewer): counts and sums per fixed-effect cell. Scorecards are grouped by candidate.
 * Scores are centred on their cell means (a vector in the fixed-effect space, so the fit is unchanged
 * and the residual sum of squares keeps its precision); `cellMean` adds them back.
 */
export interface RaterDesign {
  ratings: number;
  candidates: number;
  interviewers: number;
  cells: number;
  /** Scorecards of candidate c are [candidateStart[c], candidateStart[c + 1]). */
  candidateStart: Int32Array;
  cardInterviewer: Int32Array;
  cardCount: Float64Array;
  cardSum: Float64Array;
  /** Nonzero cells of scorecard s are entries [cardCellStart[s], cardCellStart[s + 1]). */
  cardCellStart: Int32Array;
  cardCell: Int32Array;
  cardCellCount: Float64Array;
  candidateCount: Float64Array;
  candidateSum: Float64Array;
  interviewerCount: Float64Array;
  interviewerSum: Float64Array;
  /** n_{i,f}: ratings by interviewer i in cell f, row-major interviewers × cells. */
  interviewerCellCount: Float64Array;
  cellCount: Float64Array;
  cellMean: Float64Array;
  /** Σ of squared centred scores. */
  sumSquares: number;
}

export interface RaterDesignInput {
  candidateOf: Int32Array;
  interviewerOf: Int32Array;
  cellOf: Int32Array;
  scoreOf: Float64Array;
  candidates: number;
  interviewers: number;
  cells: number;
  /** Ratings grouped by (candidate, interviewer), candidates ascending. */
  scorecards: Grouping;
}

export function buildRaterDesign(input: RaterDesignInput): RaterDesign {
  const { candidateOf, interviewerOf, cellOf, scoreOf, scorecards, cells } = input;
  const n = scoreOf.length;
  const cellCount = new Float64Array(cells);
  const cellMean = new Float64Array(cells);
  for (let r = 0; r < n; r++) {
    cellCount[cellOf[r]] += 1;
    cellMean[cellOf[r]] += scoreOf[r];
  }
  for (let f = 0; f < cells; f++) if (cellCount[f] > 0) cellMean[f] /= cellCount[f];
  const y = (r: number) => scoreOf[r] - cellMean[cellOf[r]];

  const S = scorecards.count;
  const candidateStart = new Int32Array(input.candidates + 1);
  const cardInterviewer = new Int32Array(S);
  const cardCount = new Float64Array(S);
  const cardSum = new Float64Array(S);
  const cardCellStart = new Int32Array(S + 1);
  const cellsOfCard: number[] = [];
  const countsOfCard: number[] = [];
  const scratch = new Float64Array(cells);
  const touched: number[] = [];
  const candidateCount = new Float64Array(input.candidates);
  const candidateSum = new Float64Array(input.candidates);
  const interviewerCount = new Float64Array(input.interviewers);
  const interviewerSum = new Float64Array(input.interviewers);
  const interviewerCellCount = new Float64Array(input.interviewers * cells);
  let sumSquares = 0;
  for (let s = 0; s < S; s++) {
    const first = scorecards.order[scorecards.start[s]];
    const candidate = candidateOf[first];
    const interviewer = interviewerOf[first];
    candidateStart[candidate + 1] += 1;
    cardInterviewer[s] = interviewer;
    for (let p = scorecards.start[s]; p < scorecards.start[s + 1]; p++) {
      const r = scorecards.order[p];
      const value = y(r);
      cardCount[s] += 1;
      cardSum[s] += value;
      sumSquares += value * value;
      if (scratch[cellOf[r]] === 0) touched.push(cellOf[r]);
      scratch[cellOf[r]] += 1;
      interviewerCellCount[interviewer * cells + cellOf[r]] += 1;
    }
    for (const f of touched) {
      cellsOfCard.push(f);
      countsOfCard.push(scratch[f]);
      scratch[f] = 0;
    }
    touched.length = 0;
    cardCellStart[s + 1] = cellsOfCard.length;
    candidateCount[candidate] += cardCount[s];
    candidateSum[candidate] += cardSum[s];
    interviewerCount[interviewer] += cardCount[s];
    interviewerSum[interviewer] += cardSum[s];
  }
  for (let c = 0; c < input.candidates; c++) candidateStart[c + 1] += candidateStart[c];
  return {
    ratings: n,
    candidates: input.candidates,
    interviewers: input.interviewers,
    cells,
    candidateStart,
    cardInterviewer,
    cardCount,
    cardSum,
    cardCellStart,
    cardCell: Int32Array.from(cellsOfCard),
    cardCellCount: Float64Array.from(countsOfCard),
    candidateCount,
    candidateSum,
    interviewerCount,
    interviewerSum,
    interviewerCellCount,
    cellCount,
    cellMean,
    sumSquares,
  };
}
