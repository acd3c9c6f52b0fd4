// Where a rater-model fit starts (fit.ts): which variance terms the design can estimate at all, and
// method-of-moments starting values for the others.
import type { RaterDesign, Theta } from "./types";

/** Which variance terms the design can separate from the others and from the residual. */
export function identifiable(design: RaterDesign) {
  let multiCardCandidate = false;
  let multiRatingCard = false;
  const cardsPerInterviewer = new Int32Array(design.interviewers);
  for (let c = 0; c < design.candidates; c++) {
    if (design.candidateStart[c + 1] - design.candidateStart[c] >= 2) multiCardCandidate = true;
  }
  for (let s = 0; s < design.cardCount.length; s++) {
    if (design.cardCount[s] >= 2) multiRatingCard = true;
    cardsPerInterviewer[design.cardInterviewer[s]] += 1;
  }
  const multiCardInterviewer = cardsPerInterviewer.some((k) => k >= 2);
  return {
    candidate: design.candidates >= 2,
    interviewer: design.interviewers >= 2,
    scorecard: multiCardCandidate && multiCardInterviewer && multiRatingCard,
  };
}

/**
 * Starting values by the method of moments on scorecard means ȳ_s of the centred scores:
 * within-scorecard variance → σ²; Var(ȳ_s) = σ²_c + σ²_i + σ²_s + σ²/D; the variance of ȳ_s within a
 * candidate lacks σ²_c and within an interviewer lacks σ²_i. Only a start: REML does the estimating.
 */
export function momentStart(design: RaterDesign): Theta {
  const S = design.cardCount.length;
  let withinSquares = 0;
  let withinDf = 0;
  let total = 0;
  let totalSquares = 0;
  let meanSize = 0;
  for (let s = 0; s < S; s++) {
    const mean = design.cardSum[s] / design.cardCount[s];
    total += mean;
    totalSquares += mean * mean;
    meanSize += design.cardCount[s] / S;
  }
  const grand = total / S;
  const totalVariance = Math.max(0, totalSquares / S - grand * grand);
  // Pooled within-scorecard variance is not in the design's sums; approximate σ² by what the
  // scorecard means leave of the total sum of squares.
  for (let s = 0; s < S; s++) {
    const mean = design.cardSum[s] / design.cardCount[s];
    withinSquares += design.cardSum[s] * mean;
    withinDf += design.cardCount[s] - 1;
  }
  const residual =
    withinDf > 0 ? Math.max(1e-6, (design.sumSquares - withinSquares) / withinDf) : Math.max(1e-6, totalVariance);
  const groupVariance = (groupOf: (s: number) => number, groups: number) => {
    const sum = new Float64Array(groups);
    const squares = new Float64Array(groups);
    const count = new Float64Array(groups);
    for (let s = 0; s < S; s++) {
      const mean = design.cardSum[s] / design.cardCount[s];
      const g = groupOf(s);
      sum[g] += mean;
      squares[g] += mean * mean;
      count[g] += 1;
    }
    let within = 0;
    let df = 0;
    for (let g = 0; g < groups; g++) {
      if (count[g] < 2) continue;
      within += squares[g] - (sum[g] * sum[g]) / count[g];
      df += count[g] - 1;
    }
    return df > 0 ? within / df : totalVariance;
  };
  const candidateOfCard = new Int32Array(S);
  for (let c = 0; c < design.candidates; c++)
    candidateOfCard.fill(c, design.candidateStart[c], design.candidateStart[c + 1]);
  const withinCandidate = groupVariance((s) => candidateOfCard[s], design.candidates);
  const withinInterviewer = groupVariance((s) => design.cardInterviewer[s], design.interviewers);
  const floor = 0.01 * residual;
  const candidate = Math.max(floor, totalVariance - withinCandidate);
  const interviewer = Math.max(floor, totalVariance - withinInterviewer);
  const scorecard = Math.max(floor, withinCandidate - interviewer - residual / Math.max(1, meanSize));
  return {
    candidate: Math.sqrt(candidate / residual),
    interviewer: Math.sqrt(interviewer / residual),
    scorecard: Math.sqrt(scorecard / residual),
  };
}
