import type { Grouping } from "../rating-table";
import { groupCandidates } from "./candidate-groups";
import type { RaterDesign, SizeClass } from "./types";

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
  const cardCell = Int32Array.from(cellsOfCard);
  const cardCellCount = Float64Array.from(countsOfCard);

  const classes = new Map<number, SizeClass>();
  for (let s = 0; s < S; s++) {
    const size = cardCount[s];
    let k = classes.get(size);
    if (k === undefined) {
      k = {
        size,
        count: 0,
        cellCross: new Float64Array(cells * cells),
        interviewerCell: new Float64Array(input.interviewers * cells),
        interviewerCards: new Float64Array(input.interviewers),
        interviewerSum: new Float64Array(input.interviewers),
        cellSum: new Float64Array(cells),
        sumSquares: 0,
      };
      classes.set(size, k);
    }
    const i = cardInterviewer[s];
    k.count += 1;
    k.interviewerCards[i] += 1;
    k.interviewerSum[i] += cardSum[s];
    k.sumSquares += cardSum[s] * cardSum[s];
    for (let e = cardCellStart[s]; e < cardCellStart[s + 1]; e++) {
      const f = cardCell[e];
      k.interviewerCell[i * cells + f] += cardCellCount[e];
      k.cellSum[f] += cardCellCount[e] * cardSum[s];
      for (let e2 = cardCellStart[s]; e2 < cardCellStart[s + 1]; e2++)
        k.cellCross[f * cells + cardCell[e2]] += cardCellCount[e] * cardCellCount[e2];
    }
  }
  const design = {
    sizeClasses: [...classes.values()],
    ratings: n,
    candidates: input.candidates,
    interviewers: input.interviewers,
    cells,
    candidateStart,
    cardInterviewer,
    cardCount,
    cardSum,
    cardCellStart,
    cardCell,
    cardCellCount,
    candidateCount,
    candidateSum,
    interviewerCount,
    interviewerSum,
    interviewerCellCount,
    cellCount,
    cellMean,
    sumSquares,
  };
  const { groups, single } = groupCandidates(design);
  return { ...design, candidateGroups: groups, singleCandidates: single };
}
