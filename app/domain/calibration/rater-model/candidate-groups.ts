// Candidates whose scorecards all have the same number of ratings z, k scorecards each, eliminate
// with the same pivot: after their scorecards are absorbed (a_z = θ_s² z + 1), candidate c's pivot is
// P = 1 + θ_c² k z / a_z and its row to the dense unknowns is θ_c/a_z · (θ_i z on each of its
// interviewers, n_cf on each cell), its rhs θ_c Y_c / a_z. So what such a group subtracts from the
// dense block is θ-free sums (co-rating counts, cell counts, sums of Y_c) times one factor per group,
// and a criterion evaluation costs O(interviewers²) per group instead of O(candidates · support²).
// Groups too small to pay for a dense matrix stay with the per-candidate loop (reml.ts).
import type { CandidateGroup, RaterDesign } from "./types";

/**
 * Splits the candidates into groups summed once (see above) and the rest, listed in `single`.
 * A group is summed when its per-candidate work (count · support²) exceeds the dense update's
 * (interviewers² / 2) several times over; otherwise the loop is cheaper.
 */
export function groupCandidates(design: Omit<RaterDesign, "candidateGroups" | "singleCandidates">): {
  groups: CandidateGroup[];
  single: Int32Array;
} {
  const { interviewers: nI, cells: p, candidateStart, cardCount } = design;
  const C = design.candidates;
  const keyOf = new Float64Array(C).fill(-1);
  const members = new Map<number, number[]>();
  for (let c = 0; c < C; c++) {
    const from = candidateStart[c];
    const to = candidateStart[c + 1];
    if (to === from) continue;
    const z = cardCount[from];
    let same = true;
    for (let s = from + 1; s < to; s++) if (cardCount[s] !== z) same = false;
    if (!same) continue;
    const key = z * 1e6 + (to - from);
    keyOf[c] = key;
    const list = members.get(key);
    if (list === undefined) members.set(key, [c]);
    else list.push(c);
  }
  const groups: CandidateGroup[] = [];
  const grouped = new Uint8Array(C);
  const scratch = new Float64Array(p);
  const touched: number[] = [];
  for (const [key, list] of members) {
    const size = Math.floor(key / 1e6);
    const cards = key - size * 1e6;
    const support = cards + p;
    if (list.length * support * support < 4 * ((nI * nI) / 2 + p * nI)) continue;
    const group: CandidateGroup = {
      size,
      cards,
      count: list.length,
      coRated: new Float64Array(nI * nI),
      cellInterviewer: new Float64Array(p * nI),
      cellCross: new Float64Array(p * p),
      interviewerSum: new Float64Array(nI),
      cellSum: new Float64Array(p),
      sumSquares: 0,
    };
    for (const c of list) {
      grouped[c] = 1;
      const from = candidateStart[c];
      const to = candidateStart[c + 1];
      const y = design.candidateSum[c];
      group.sumSquares += y * y;
      for (let s = from; s < to; s++) {
        for (let e = design.cardCellStart[s]; e < design.cardCellStart[s + 1]; e++) {
          const f = design.cardCell[e];
          if (scratch[f] === 0) touched.push(f);
          scratch[f] += design.cardCellCount[e];
        }
      }
      // Only the candidate's own cells (a few of the p when cells are dimension × variant): the terms
      // of the others are zeros, and adding a zero leaves each sum exactly as it was.
      for (const f of touched) {
        group.cellSum[f] += scratch[f] * y;
        for (const g of touched) if (g <= f) group.cellCross[f * p + g] += scratch[f] * scratch[g];
      }
      for (let s = from; s < to; s++) {
        const i = design.cardInterviewer[s];
        group.interviewerSum[i] += y;
        for (const f of touched) group.cellInterviewer[f * nI + i] += scratch[f];
        for (let t = from; t < to; t++) {
          const j = design.cardInterviewer[t];
          if (j <= i) group.coRated[i * nI + j] += 1;
        }
      }
      for (const f of touched) scratch[f] = 0;
      touched.length = 0;
    }
    groups.push(group);
  }
  const single: number[] = [];
  for (let c = 0; c < C; c++) if (grouped[c] === 0) single.push(c);
  return { groups, single: Int32Array.from(single) };
}
