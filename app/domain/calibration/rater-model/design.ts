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

// Each pass over the ratings or scorecards is a function of its own: this runs a few times per
// dashboard refresh on ~400,000 ratings, and one long function is optimised loop by loop (on-stack)
// and thrown back to the interpreter after each loop for want of type feedback on the next one.
export function buildRaterDesign(input: RaterDesignInput): RaterDesign {
  const { cellCount, cellMean } = cellMeans(input);
  const cards = scorecardSums(input, cellMean);
  const classes = sizeClassesOf(input, cards);
  const design = {
    sizeClasses: classes,
    ratings: input.scoreOf.length,
    candidates: input.candidates,
    interviewers: input.interviewers,
    cells: input.cells,
    ...cards,
    cellCount,
    cellMean,
  };
  const { groups, single } = groupCandidates(design);
  return { ...design, candidateGroups: groups, singleCandidates: single };
}

function cellMeans({ cellOf, scoreOf, cells }: RaterDesignInput) {
  const n = scoreOf.length;
  const cellCount = new Float64Array(cells);
  const cellMean = new Float64Array(cells);
  for (let r = 0; r < n; r++) {
    cellCount[cellOf[r]] += 1;
    cellMean[cellOf[r]] += scoreOf[r];
  }
  for (let f = 0; f < cells; f++) if (cellCount[f] > 0) cellMean[f] /= cellCount[f];
  return { cellCount, cellMean };
}

/** Per scorecard: its counts and sums of centred scores, its nonzero cells; and the per-candidate and per-interviewer totals. */
function scorecardSums(input: RaterDesignInput, cellMean: Float64Array) {
  const { candidateOf, interviewerOf, cellOf, scoreOf, scorecards, cells } = input;
  const S = scorecards.count;
  const { order, start } = scorecards;
  const candidateStart = new Int32Array(input.candidates + 1);
  const cardInterviewer = new Int32Array(S);
  const cardCount = new Float64Array(S);
  const cardSum = new Float64Array(S);
  const cardCellStart = new Int32Array(S + 1);
  // At most one entry per rating; trimmed below.
  const cellsOfCard = new Int32Array(scoreOf.length);
  const countsOfCard = new Float64Array(scoreOf.length);
  let entries = 0;
  const scratch = new Float64Array(cells);
  const touched = new Int32Array(cells);
  const candidateCount = new Float64Array(input.candidates);
  const candidateSum = new Float64Array(input.candidates);
  const interviewerCount = new Float64Array(input.interviewers);
  const interviewerSum = new Float64Array(input.interviewers);
  const interviewerCellCount = new Float64Array(input.interviewers * cells);
  let sumSquares = 0;
  for (let s = 0; s < S; s++) {
    const first = order[start[s]];
    const candidate = candidateOf[first];
    const interviewer = interviewerOf[first];
    candidateStart[candidate + 1] += 1;
    cardInterviewer[s] = interviewer;
    let touchedCount = 0;
    for (let q = start[s]; q < start[s + 1]; q++) {
      const r = order[q];
      const f = cellOf[r];
      const value = scoreOf[r] - cellMean[f];
      cardCount[s] += 1;
      cardSum[s] += value;
      sumSquares += value * value;
      if (scratch[f] === 0) touched[touchedCount++] = f;
      scratch[f] += 1;
      interviewerCellCount[interviewer * cells + f] += 1;
    }
    for (let k = 0; k < touchedCount; k++) {
      const f = touched[k];
      cellsOfCard[entries] = f;
      countsOfCard[entries] = scratch[f];
      entries += 1;
      scratch[f] = 0;
    }
    cardCellStart[s + 1] = entries;
    candidateCount[candidate] += cardCount[s];
    candidateSum[candidate] += cardSum[s];
    interviewerCount[interviewer] += cardCount[s];
    interviewerSum[interviewer] += cardSum[s];
  }
  for (let c = 0; c < input.candidates; c++) candidateStart[c + 1] += candidateStart[c];
  return {
    candidateStart,
    cardInterviewer,
    cardCount,
    cardSum,
    cardCellStart,
    cardCell: cellsOfCard.slice(0, entries),
    cardCellCount: countsOfCard.slice(0, entries),
    candidateCount,
    candidateSum,
    interviewerCount,
    interviewerSum,
    interviewerCellCount,
    sumSquares,
  };
}

/** The scorecards' sums by their number of ratings (SizeClass), in order of first appearance. */
function sizeClassesOf(input: RaterDesignInput, cards: ReturnType<typeof scorecardSums>): SizeClass[] {
  const { cells, interviewers } = input;
  const { cardCount, cardInterviewer, cardSum, cardCellStart, cardCell, cardCellCount } = cards;
  const classes = new Map<number, SizeClass>();
  for (let s = 0; s < cardCount.length; s++) {
    const size = cardCount[s];
    let k = classes.get(size);
    if (k === undefined) {
      k = {
        size,
        count: 0,
        cellCross: new Float64Array(cells * cells),
        interviewerCell: new Float64Array(interviewers * cells),
        interviewerCards: new Float64Array(interviewers),
        interviewerSum: new Float64Array(interviewers),
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
    const { cellCross, interviewerCell, cellSum } = k;
    for (let e = cardCellStart[s]; e < cardCellStart[s + 1]; e++) {
      const f = cardCell[e];
      interviewerCell[i * cells + f] += cardCellCount[e];
      cellSum[f] += cardCellCount[e] * cardSum[s];
      for (let e2 = cardCellStart[s]; e2 < cardCellStart[s + 1]; e2++)
        cellCross[f * cells + cardCell[e2]] += cardCellCount[e] * cardCellCount[e2];
    }
  }
  return [...classes.values()];
}
