// The rater model's data shapes, apart from the code that builds and uses them (design.ts,
// candidate-groups.ts, summed-updates.ts, reml.ts all need them, and none should import another for a type).

/** Relative standard deviations θ = σ_term / σ (lme4's Λ is diag(θ) for these scalar terms). */
export interface Theta {
  candidate: number;
  interviewer: number;
  scorecard: number;
}

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
  /** Scorecards grouped by their number of ratings n_s (see SizeClass). */
  sizeClasses: SizeClass[];
  /** Candidates eliminated as groups during the optimisation (candidate-groups.ts), and the others. */
  candidateGroups: CandidateGroup[];
  singleCandidates: Int32Array;
}

/**
 * Sums over the scorecards with n_s = size. A scorecard's pivot θ_s² n_s + 1 depends only on n_s, so
 * what eliminating those scorecards subtracts from the interviewer and cell blocks is these sums times
 * one factor per class: the per-scorecard work then never touches the dense matrix.
 */
export interface SizeClass {
  size: number;
  count: number;
  /** Σ n_sf n_sg, cells × cells. */
  cellCross: Float64Array;
  /** Σ n_sf over interviewer i's scorecards, interviewers × cells. */
  interviewerCell: Float64Array;
  /** Number of interviewer i's scorecards in the class. */
  interviewerCards: Float64Array;
  /** Σ n_s ȳ-sums: Σ Y_s over interviewer i's scorecards, and Σ n_sf Y_s per cell, and Σ Y_s². */
  interviewerSum: Float64Array;
  cellSum: Float64Array;
  sumSquares: number;
}

export interface CandidateGroup {
  /** Ratings per scorecard (z) and scorecards per candidate (k). */
  size: number;
  cards: number;
  count: number;
  /** Σ_c 1[i ∈ c] 1[j ∈ c]: candidates rated by both interviewers, lower triangle, interviewers². */
  coRated: Float64Array;
  /** Σ_c n_cf 1[i ∈ c], cells × interviewers. */
  cellInterviewer: Float64Array;
  /** Σ_c n_cf n_cg, cells × cells. */
  cellCross: Float64Array;
  /** Σ_c Y_c over the interviewer's candidates; Σ_c n_cf Y_c per cell; Σ_c Y_c². */
  interviewerSum: Float64Array;
  cellSum: Float64Array;
  sumSquares: number;
}
