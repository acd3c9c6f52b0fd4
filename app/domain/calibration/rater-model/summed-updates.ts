// The parts of the elimination (reml.ts) that never visit a scorecard or candidate one by one: the
// dense block before any elimination, and what scorecards (by size class, design.ts) and candidate
// groups (candidate-groups.ts) subtract from it as θ-free sums times one factor each.
import type { CandidateGroup, RaterDesign, Theta } from "./types";

/** A's interviewer and cell blocks before any elimination (lower triangle), and their rhs. */
export function initialiseDense(design: RaterDesign, theta: Theta, dense: Float64Array, rhs: Float64Array): void {
  const { interviewers: nI, cells: p } = design;
  const m = nI + p;
  const ti = theta.interviewer;
  dense.fill(0);
  rhs.fill(0);
  for (let i = 0; i < nI; i++) {
    dense[i * m + i] = ti * ti * design.interviewerCount[i] + 1;
    rhs[i] = ti * design.interviewerSum[i];
    for (let f = 0; f < p; f++) dense[(nI + f) * m + i] = ti * design.interviewerCellCount[i * p + f];
  }
  for (let f = 0; f < p; f++) dense[(nI + f) * m + nI + f] = design.cellCount[f];
  // rhs of cells is Σ centred y per cell = 0.
}

/**
 * Every scorecard's pivot a = θ_s² n_s + 1, its rhs θ_s Y_s and its row θ_s (θ_i n_s, n_sf): summed
 * by size class, the updates of the dense block are class sums times 1/a (see SizeClass).
 */
export function absorbSizeClasses(
  design: RaterDesign,
  theta: Theta,
  dense: Float64Array,
  rhs: Float64Array,
  sums: Float64Array,
): void {
  const { interviewers: nI, cells: p } = design;
  const m = nI + p;
  const { interviewer: ti, scorecard: ts } = theta;
  for (const k of design.sizeClasses) {
    const a = ts * ts * k.size + 1;
    const scale = (ts * ts) / a;
    sums[0] += k.count * Math.log(a);
    sums[1] += scale * k.sumSquares;
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

/**
 * A group's co-rating counts that are not zero (lower triangle): each one's place in the dense block
 * (row-major, m wide) and its count. Per variant, a group's interviewers share few candidates: on the
 * bench's database 5–8% of the planner's pairs have a candidate in common, so visiting those beats a
 * pass over all interviewers² / 2 at every criterion evaluation. Null when a third or more are not
 * zero (the whole report's groups: 40–57%), where the plain pass is quicker. Skipping zeros changes
 * no sum for a finite θ: x − θ·0 is x (the factor is ≥ 0 here, so even −0 stays −0).
 */
export interface CoRatedNonzeros {
  at: Int32Array;
  value: Float64Array;
}

export function coRatedNonzeros(coRated: Float64Array, nI: number, m: number): CoRatedNonzeros | null {
  let count = 0;
  for (let i = 0; i < nI; i++) for (let j = 0; j <= i; j++) if (coRated[i * nI + j] !== 0) count++;
  if (3 * count >= (nI * (nI + 1)) / 2) return null;
  const at = new Int32Array(count);
  const value = new Float64Array(count);
  let e = 0;
  for (let i = 0; i < nI; i++)
    for (let j = 0; j <= i; j++) {
      const v = coRated[i * nI + j];
      if (v === 0) continue;
      at[e] = i * m + j;
      value[e++] = v;
    }
  return { at, value };
}

/**
 * The group's candidates eliminated at once: their θ-free sums times the group's factor
 * (candidate-groups.ts); `nonzeros`, when given, are the group's coRated entries that are not zero.
 */
export function absorbGroup(
  design: RaterDesign,
  theta: Theta,
  group: CandidateGroup,
  dense: Float64Array,
  rhs: Float64Array,
  sums: Float64Array,
  nonzeros: CoRatedNonzeros | null = null,
): void {
  const { interviewers: nI, cells: p } = design;
  const m = nI + p;
  const { candidate: tc, interviewer: ti, scorecard: ts } = theta;
  const a = ts * ts * group.size + 1;
  const pivot = 1 + (tc * tc * group.cards * group.size) / a;
  const alpha = (tc * tc) / (a * a * pivot);
  const z = group.size;
  sums[0] += group.count * Math.log(pivot);
  sums[1] += alpha * group.sumSquares;
  const ii = alpha * ti * ti * z * z;
  const fi = alpha * ti * z;
  const { coRated, cellInterviewer, cellCross, interviewerSum, cellSum } = group;
  if (nonzeros !== null) {
    const { at, value } = nonzeros;
    for (let e = 0; e < at.length; e++) dense[at[e]] -= ii * value[e];
  } else
    for (let i = 0; i < nI; i++) {
      const row = i * m;
      const from = i * nI;
      for (let j = 0; j <= i; j++) dense[row + j] -= ii * coRated[from + j];
    }
  for (let i = 0; i < nI; i++) rhs[i] -= fi * interviewerSum[i];
  for (let f = 0; f < p; f++) {
    const row = (nI + f) * m;
    for (let i = 0; i < nI; i++) dense[row + i] -= fi * cellInterviewer[f * nI + i];
    for (let g = 0; g <= f; g++) dense[row + nI + g] -= alpha * cellCross[f * p + g];
    rhs[nI + f] -= alpha * cellSum[f];
  }
}
