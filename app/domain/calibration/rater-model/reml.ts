import { choleskyInPlace, choleskySolve } from "./dense-cholesky";
import type { RaterDesign } from "./design";

/** Relative standard deviations θ = σ_term / σ (lme4's Λ is diag(θ) for these scalar terms). */
export interface Theta {
  candidate: number;
  interviewer: number;
  scorecard: number;
}

/**
 * The penalised least-squares system of lme4 (Bates, Mächler, Bolker & Walker 2015, "Fitting Linear
 * Mixed-Effects Models Using lme4", J. Stat. Softw. 67(1), eqs. 11–18 and 33–42) for
 *   y = Xβ + Z Λ_θ u + ε,  u ~ N(0, σ² I),
 * whose matrix is A = [ΛᵀZᵀZΛ + I, ΛᵀZᵀX; XᵀZΛ, XᵀX] (Henderson's mixed-model equations, scaled).
 * Unknowns are ordered scorecards, candidates, interviewers, fixed cells. A scorecard's effect touches
 * only its candidate, its interviewer and its cells, so each is eliminated by a scalar pivot; then each
 * candidate (Schur complement, one scalar pivot per candidate); what is left is the dense system `dense`
 * of size m = interviewers + cells. det A is the product of all pivots times det(dense), and
 * rᵀA⁻¹r is accumulated pivot by pivot — so log|L_θ|² + log|R_X|² and the penalised residual sum of
 * squares r²(θ) = yᵀy − rᵀA⁻¹r come out of one pass.
 */
export interface Elimination {
  logDet: number;
  /** Penalised residual sum of squares r²(θ). */
  prss: number;
  /** The dense system after elimination, factored in place (lower Cholesky factor). */
  factor: Float64Array;
  /** Its right-hand side and the solution x = (ũ_interviewers, β_cells) (β on the centred scale). */
  rhs: Float64Array;
  solution: Float64Array;
  m: number;
  /** Per candidate: pivot P_c, reduced rhs b_c and its coupling to the dense unknowns (sparse). */
  candidatePivot: Float64Array;
  candidateRhs: Float64Array;
  couplingStart: Int32Array;
  couplingIndex: Int32Array;
  couplingValue: Float64Array;
}

export function eliminate(design: RaterDesign, theta: Theta, keep = false): Elimination | null {
  const { interviewers: nI, cells: p } = design;
  const m = nI + p;
  const { candidate: tc, interviewer: ti, scorecard: ts } = theta;
  const dense = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let i = 0; i < nI; i++) {
    dense[i * m + i] = ti * ti * design.interviewerCount[i] + 1;
    rhs[i] = ti * design.interviewerSum[i];
    for (let f = 0; f < p; f++) dense[(nI + f) * m + i] = ti * design.interviewerCellCount[i * p + f];
  }
  for (let f = 0; f < p; f++) dense[(nI + f) * m + nI + f] = design.cellCount[f];
  // rhs of cells is Σ centred y per cell = 0.

  let logDet = 0;
  let quad = 0;
  const C = design.candidates;
  const candidatePivot = keep ? new Float64Array(C) : new Float64Array(0);
  const candidateRhs = keep ? new Float64Array(C) : new Float64Array(0);
  const couplingStart = keep ? new Int32Array(C + 1) : new Int32Array(0);
  const couplingIndex: number[] = [];
  const couplingValue: number[] = [];

  // w: the candidate's row to the dense unknowns, kept dense with its support listed in `support`.
  // Typed scratch buffers with counters: this loop runs once per criterion evaluation over every
  // scorecard, so it allocates nothing.
  const w = new Float64Array(m);
  const support = new Int32Array(m);
  const inSupport = new Uint8Array(m);
  const cardIndex = new Int32Array(p + 1);
  const cardValue = new Float64Array(p + 1);

  // Every scorecard's pivot a = θ_s² n_s + 1, its rhs θ_s Y_s and its row θ_s (θ_i n_s, n_sf): summed
  // by size class, the updates of the dense block are class sums times 1/a (see SizeClass).
  if (ts > 0) {
    for (const k of design.sizeClasses) {
      const a = ts * ts * k.size + 1;
      const scale = (ts * ts) / a;
      logDet += k.count * Math.log(a);
      quad += scale * k.sumSquares;
      for (let i = 0; i < nI; i++) {
        dense[i * m + i] -= scale * ti * ti * k.size * k.size * k.interviewerCards[i];
        rhs[i] -= scale * ti * k.size * k.interviewerSum[i];
        for (let f = 0; f < p; f++) dense[(nI + f) * m + i] -= scale * ti * k.size * k.interviewerCell[i * p + f];
      }
      for (let f = 0; f < p; f++) {
        rhs[nI + f] -= scale * k.cellSum[f];
        for (let g = 0; g <= f; g++) dense[(nI + f) * m + nI + g] -= scale * k.cellCross[f * p + g];
      }
    }
  }
  // Locals, not property loads, in the hot loop.
  const {
    candidateCount,
    candidateSum,
    candidateStart,
    cardCount,
    cardInterviewer,
    cardCellStart,
    cardCell,
    cardCellCount,
    cardSum,
  } = design;
  for (let c = 0; c < C; c++) {
    let pivot = tc * tc * candidateCount[c] + 1;
    let bc = tc * candidateSum[c];
    let supportSize = 0;
    for (let s = candidateStart[c]; s < candidateStart[c + 1]; s++) {
      const n = cardCount[s];
      const i = cardInterviewer[s];
      const from = cardCellStart[s];
      const to = cardCellStart[s + 1];
      let size = 1;
      cardIndex[0] = i;
      cardValue[0] = ts * ti * n;
      // The candidate's own coupling to this interviewer and these cells (before elimination).
      if (!inSupport[i]) {
        inSupport[i] = 1;
        support[supportSize++] = i;
      }
      w[i] += tc * ti * n;
      for (let e = from; e < to; e++) {
        const k = nI + cardCell[e];
        const count = cardCellCount[e];
        cardIndex[size] = k;
        cardValue[size++] = ts * count;
        if (!inSupport[k]) {
          inSupport[k] = 1;
          support[supportSize++] = k;
        }
        w[k] += tc * count;
      }
      if (ts === 0) continue; // the scorecard pivot is 1 with no coupling: nothing to eliminate
      // Eliminating the scorecard: its effect on the candidate here; on the dense block, by size class below.
      const a = ts * ts * n + 1;
      const bs = ts * cardSum[s];
      const toCandidate = ts * tc * n;
      pivot -= (toCandidate * toCandidate) / a;
      bc -= (toCandidate * bs) / a;
      for (let k = 0; k < size; k++) w[cardIndex[k]] -= (toCandidate * cardValue[k]) / a;
    }
    logDet += Math.log(pivot);
    quad += (bc * bc) / pivot;
    for (let k = 0; k < supportSize; k++) {
      const rowK = support[k];
      const vk = w[rowK] / pivot;
      rhs[rowK] -= vk * bc;
      const base = rowK * m;
      for (let l = 0; l < supportSize; l++) {
        const col = support[l];
        if (col <= rowK) dense[base + col] -= vk * w[col];
      }
    }
    if (keep) {
      candidatePivot[c] = pivot;
      candidateRhs[c] = bc;
      for (let k = 0; k < supportSize; k++) {
        couplingIndex.push(support[k]);
        couplingValue.push(w[support[k]]);
      }
      couplingStart[c + 1] = couplingIndex.length;
    }
    for (let k = 0; k < supportSize; k++) {
      w[support[k]] = 0;
      inSupport[support[k]] = 0;
    }
  }

  const denseLogDet = choleskyInPlace(dense, m);
  if (Number.isNaN(denseLogDet)) return null;
  const solution = choleskySolve(dense, m, rhs);
  for (let k = 0; k < m; k++) quad += rhs[k] * solution[k];
  return {
    logDet: logDet + denseLogDet,
    prss: Math.max(0, design.sumSquares - quad),
    factor: dense,
    rhs,
    solution,
    m,
    candidatePivot,
    candidateRhs,
    couplingStart,
    couplingIndex: Int32Array.from(couplingIndex),
    couplingValue: Float64Array.from(couplingValue),
  };
}

/**
 * The profiled REML criterion (Bates et al. 2015, eq. 41):
 *   d_R(θ) = log|L_θ|² + log|R_X|² + (n − p)[1 + log(2π r²(θ) / (n − p))],
 * with σ² profiled out as r²(θ)/(n − p). This is the value lme4 reports as REMLcrit().
 */
export function remlCriterion(design: RaterDesign, elimination: Elimination): number {
  const dof = design.ratings - design.cells;
  return elimination.logDet + dof * (1 + Math.log((2 * Math.PI * elimination.prss) / dof));
}
