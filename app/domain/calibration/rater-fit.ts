import type { RaterModelFit } from "./rater-model";
import type { RatingTable } from "./rating-table";

// Fit statistics for the `erratic` flag: how well each scorecard's ratings fit the rater model.
//
// In many-facet Rasch measurement a rater whose ratings fit the model poorly — large unexpected
// residuals, "erratic" or "inconsistent" — shows an infit/outfit mean square above 1 (Linacre 2002,
// "What do infit and outfit, mean-square and standardized mean?", Rasch Measurement Transactions
// 16(2), 878; Myford & Wolfe 2003, J. Applied Measurement 4(4), 386–422, §"Rater fit"). Our model is
// the linear mixed model, so the residual of a rating is its distance from what the model expects of
// this interviewer on this candidate and dimension:
//   e = score − (μ_dimension + b_candidate + b_interviewer),
// with the conditional modes b. The scorecard effect is deliberately NOT subtracted: an interviewer
// whose whole scorecard lands far from the panel on one candidate and far the other way on the next
// is exactly the inconsistency the flag is about. A scorecard's mean square is the mean of e² over
// its ratings.

/** Mean squared model residual of each scorecard (indexed like table.scorecards). */
export function scorecardMeanSquares(table: RatingTable, fit: RaterModelFit): Float64Array {
  const { scorecards, scoreOf, candidateOf, interviewerOf, dimensionOf } = table;
  const meanSquares = new Float64Array(scorecards.count);
  for (let s = 0; s < scorecards.count; s++) {
    let sum = 0;
    for (let q = scorecards.start[s]; q < scorecards.start[s + 1]; q++) {
      const r = scorecards.order[q];
      const expected =
        fit.cellMeans[dimensionOf[r]] + fit.candidateEffect[candidateOf[r]] + fit.interviewerEffect[interviewerOf[r]];
      sum += (scoreOf[r] - expected) ** 2;
    }
    meanSquares[s] = sum / (scorecards.start[s + 1] - scorecards.start[s]);
  }
  return meanSquares;
}

export interface InterviewerMisfit {
  /** Own mean scorecard mean square ÷ the pooled mean over every shared scorecard in view. */
  ratio: number | null;
  /** Per own shared scorecard: its mean square minus the pooled mean (points²). */
  differences: number[];
}

/**
 * Each interviewer's misfit against the panel: own scorecards' mean squares set against the mean
 * over all scorecards in view, over shared candidates only (a candidate rated by one interviewer has
 * its candidate effect fitted to that one scorecard, so its residuals say nothing). Against the
 * pooled mean rather than the co-panellists on each candidate: a halo or central-tendency rater fits
 * unusually well (Myford & Wolfe call it overfit), and as a co-panellist would make whoever sits with
 * them look erratic. Like an outfit mean square, the ratio is 1 for a typical interviewer.
 */
export function interviewerMisfit(table: RatingTable, fit: RaterModelFit): InterviewerMisfit[] {
  const meanSquares = scorecardMeanSquares(table, fit);
  const { scorecards, candidateOf, interviewerOf } = table;
  const cardsOfCandidate = new Int32Array(table.candidates.length);
  const first = (s: number) => scorecards.order[scorecards.start[s]];
  for (let s = 0; s < scorecards.count; s++) cardsOfCandidate[candidateOf[first(s)]] += 1;
  let pooled = 0;
  let count = 0;
  for (let s = 0; s < scorecards.count; s++) {
    if (cardsOfCandidate[candidateOf[first(s)]] < 2) continue;
    pooled += meanSquares[s];
    count += 1;
  }
  pooled /= Math.max(1, count);
  const result: InterviewerMisfit[] = table.interviewers.map(() => ({ ratio: null, differences: [] }));
  for (let s = 0; s < scorecards.count; s++) {
    if (cardsOfCandidate[candidateOf[first(s)]] < 2) continue;
    result[interviewerOf[first(s)]].differences.push(meanSquares[s] - pooled);
  }
  for (const r of result) {
    const n = r.differences.length;
    if (n > 0 && pooled > 0) r.ratio = 1 + r.differences.reduce((sum, d) => sum + d, 0) / n / pooled;
  }
  return result;
}
