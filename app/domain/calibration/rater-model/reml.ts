import { choleskyInPlace, choleskySolve } from "./dense-cholesky";
import type { RaterDesign, Theta } from "./types";
import {
  absorbGroup,
  absorbSizeClasses,
  coRatedNonzeros,
  initialiseDense,
  type CoRatedNonzeros,
} from "./summed-updates";

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

/**
 * Scratch buffers for eliminate(), made once per fit: the criterion is evaluated dozens of times over
 * every scorecard, so an evaluation allocates nothing but its result.
 */
export interface Workspace {
  dense: Float64Array;
  rhs: Float64Array;
  /** The candidate's row to the dense unknowns, kept dense with its support listed in `support`. */
  w: Float64Array;
  support: Int32Array;
  inSupport: Uint8Array;
  cardIndex: Int32Array;
  cardValue: Float64Array;
  /** logDet and quad accumulated by the passes below (an array, not two returns). */
  sums: Float64Array;
  /** Per candidate group (design.candidateGroups), its co-rating counts' nonzeros when few (coRatedNonzeros). */
  groupNonzeros: (CoRatedNonzeros | null)[];
}

export function createWorkspace(design: RaterDesign): Workspace {
  const m = design.interviewers + design.cells;
  return {
    dense: new Float64Array(m * m),
    rhs: new Float64Array(m),
    w: new Float64Array(m),
    support: new Int32Array(m),
    inSupport: new Uint8Array(m),
    cardIndex: new Int32Array(design.cells + 1),
    cardValue: new Float64Array(design.cells + 1),
    sums: new Float64Array(2),
    groupNonzeros: design.candidateGroups.map((group) => coRatedNonzeros(group.coRated, design.interviewers, m)),
  };
}

/** Per candidate: pivot, reduced rhs and coupling to the dense unknowns; filled only for the final fit. */
interface CandidateRecord {
  pivot: Float64Array;
  rhs: Float64Array;
  start: Int32Array;
  index: number[];
  value: number[];
}

export function eliminate(
  design: RaterDesign,
  theta: Theta,
  keep = false,
  workspace: Workspace = createWorkspace(design),
): Elimination | null {
  const m = design.interviewers + design.cells;
  const { dense, rhs, sums } = workspace;
  sums.fill(0);
  initialiseDense(design, theta, dense, rhs);
  if (theta.scorecard > 0) absorbSizeClasses(design, theta, dense, rhs, sums);
  const C = design.candidates;
  const record: CandidateRecord | null = keep
    ? {
        pivot: new Float64Array(C),
        rhs: new Float64Array(C),
        start: new Int32Array(C + 1),
        index: [],
        value: [],
      }
    : null;
  // Kept apart from the setup and the dense factorisation: a small hot function that V8 optimises
  // once, rather than one long function re-entered by on-stack replacement on every evaluation.
  // While optimising, most candidates are eliminated by group sums; the final fit goes candidate by
  // candidate, as it needs each one's pivot and coupling.
  if (keep) absorbCandidates(design, theta, workspace, record, null);
  else {
    design.candidateGroups.forEach((group, g) =>
      absorbGroup(design, theta, group, dense, rhs, sums, workspace.groupNonzeros[g]),
    );
    absorbCandidates(design, theta, workspace, null, design.singleCandidates);
  }
  let logDet = sums[0];
  let quad = sums[1];
  // The returned factor outlives this evaluation only for the final fit.
  const factor = keep ? Float64Array.from(dense) : dense;
  const denseLogDet = choleskyInPlace(factor, m);
  if (Number.isNaN(denseLogDet)) return null;
  const solution = choleskySolve(factor, m, rhs);
  for (let k = 0; k < m; k++) quad += rhs[k] * solution[k];
  logDet += denseLogDet;
  return {
    logDet,
    prss: Math.max(0, design.sumSquares - quad),
    factor,
    rhs: keep ? Float64Array.from(rhs) : rhs,
    solution,
    m,
    candidatePivot: record?.pivot ?? new Float64Array(0),
    candidateRhs: record?.rhs ?? new Float64Array(0),
    couplingStart: record?.start ?? new Int32Array(0),
    couplingIndex: Int32Array.from(record?.index ?? []),
    couplingValue: Float64Array.from(record?.value ?? []),
  };
}

/** Eliminates each candidate (after its scorecards) by one scalar pivot: a Schur update of the dense block. */
function absorbCandidates(
  design: RaterDesign,
  theta: Theta,
  ws: Workspace,
  record: CandidateRecord | null,
  only: Int32Array | null,
): void {
  const nI = design.interviewers;
  const m = nI + design.cells;
  const { candidate: tc, interviewer: ti, scorecard: ts } = theta;
  const { dense, rhs, w, support, inSupport, cardIndex, cardValue, sums } = ws;
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
  const C = only === null ? design.candidates : only.length;
  let logDet = 0;
  let quad = 0;
  for (let q = 0; q < C; q++) {
    const c = only === null ? q : only[q];
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
      if (inSupport[i] === 0) {
        inSupport[i] = 1;
        support[supportSize++] = i;
      }
      w[i] += tc * ti * n;
      for (let e = from; e < to; e++) {
        const k = nI + cardCell[e];
        const count = cardCellCount[e];
        cardIndex[size] = k;
        cardValue[size++] = ts * count;
        if (inSupport[k] === 0) {
          inSupport[k] = 1;
          support[supportSize++] = k;
        }
        w[k] += tc * count;
      }
      if (ts === 0) continue; // the scorecard pivot is 1 with no coupling: nothing to eliminate
      // Eliminating the scorecard: its effect on the candidate here; on the dense block, by size class.
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
    if (record !== null) recordCandidate(record, c, pivot, bc, w, support, supportSize);
    for (let k = 0; k < supportSize; k++) {
      w[support[k]] = 0;
      inSupport[support[k]] = 0;
    }
  }
  sums[0] += logDet;
  sums[1] += quad;
}

function recordCandidate(
  record: CandidateRecord,
  c: number,
  pivot: number,
  bc: number,
  w: Float64Array,
  support: Int32Array,
  supportSize: number,
): void {
  record.pivot[c] = pivot;
  record.rhs[c] = bc;
  for (let k = 0; k < supportSize; k++) {
    record.index.push(support[k]);
    record.value.push(w[support[k]]);
  }
  record.start[c + 1] = record.index.length;
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
