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
 * A group is summed when its per-candidate work (count · support²) is a quarter of the dense update's
 * (interviewers² / 2) or more; otherwise the loop is cheaper. Measured on the bench's database, an
 * entry of the loop costs ~10 ns (the scorecard eliminated first, scattered writes to the dense block),
 * an entry of the group's update ~1 ns (one pass along each row): at 4 times the dense update, as it
 * was, none of the planner's per-variant designs (~3,400 candidates, 300 interviewers) had a group,
 * and their candidates were ~1.7 of a criterion evaluation's ~7.5 ms; now ~0.2 of ~5.8 ms.
 */
export function groupCandidates(design: Omit<RaterDesign, "candidateGroups" | "singleCandidates">): {
  groups: CandidateGroup[];
  single: Int32Array;
} {
  const { interviewers: nI, cells: p } = design;
  const C = design.candidates;
  const groups: CandidateGroup[] = [];
  const grouped = new Uint8Array(C);
  for (const [key, list] of candidatesByShape(design)) {
    const size = Math.floor(key / 1e6);
    const cards = key - size * 1e6;
    const support = cards + p;
    if (4 * list.length * support * support < (nI * nI) / 2 + p * nI) continue;
    for (const c of list) grouped[c] = 1;
    groups.push(sumGroup(design, size, cards, list));
  }
  const single: number[] = [];
  for (let c = 0; c < C; c++) if (grouped[c] === 0) single.push(c);
  return { groups, single: Int32Array.from(single) };
}

/** Candidates whose scorecards all have z ratings, k scorecards each, by the key z·10⁶ + k (first seen first). */
function candidatesByShape(design: Omit<RaterDesign, "candidateGroups" | "singleCandidates">) {
  const { candidateStart, cardCount } = design;
  const members = new Map<number, number[]>();
  for (let c = 0; c < design.candidates; c++) {
    const from = candidateStart[c];
    const to = candidateStart[c + 1];
    if (to === from) continue;
    const z = cardCount[from];
    let same = true;
    for (let s = from + 1; s < to; s++) if (cardCount[s] !== z) same = false;
    if (!same) continue;
    const key = z * 1e6 + (to - from);
    const list = members.get(key);
    if (list === undefined) members.set(key, [c]);
    else list.push(c);
  }
  return members;
}

/** One group's θ-free sums (CandidateGroup), over its candidates in order. */
function sumGroup(
  design: Omit<RaterDesign, "candidateGroups" | "singleCandidates">,
  size: number,
  cards: number,
  list: readonly number[],
): CandidateGroup {
  const {
    interviewers: nI,
    cells: p,
    candidateStart,
    cardCellStart,
    cardCell,
    cardCellCount,
    cardInterviewer,
  } = design;
  const coRated = new Float64Array(nI * nI);
  const cellInterviewer = new Float64Array(p * nI);
  const cellCross = new Float64Array(p * p);
  const interviewerSum = new Float64Array(nI);
  const cellSum = new Float64Array(p);
  let sumSquares = 0;
  const scratch = new Float64Array(p);
  const touched = new Int32Array(p);
  for (let m = 0; m < list.length; m++) {
    const c = list[m];
    const from = candidateStart[c];
    const to = candidateStart[c + 1];
    const y = design.candidateSum[c];
    sumSquares += y * y;
    let touchedCount = 0;
    for (let s = from; s < to; s++) {
      for (let e = cardCellStart[s]; e < cardCellStart[s + 1]; e++) {
        const f = cardCell[e];
        if (scratch[f] === 0) touched[touchedCount++] = f;
        scratch[f] += cardCellCount[e];
      }
    }
    // Only the candidate's own cells (a few of the p when cells are dimension × variant): the terms
    // of the others are zeros, and adding a zero leaves each sum exactly as it was.
    for (let a = 0; a < touchedCount; a++) {
      const f = touched[a];
      cellSum[f] += scratch[f] * y;
      for (let b = 0; b < touchedCount; b++) {
        const g = touched[b];
        if (g <= f) cellCross[f * p + g] += scratch[f] * scratch[g];
      }
    }
    for (let s = from; s < to; s++) {
      const i = cardInterviewer[s];
      interviewerSum[i] += y;
      for (let a = 0; a < touchedCount; a++) cellInterviewer[touched[a] * nI + i] += scratch[touched[a]];
      for (let t = from; t < to; t++) {
        const j = cardInterviewer[t];
        if (j <= i) coRated[i * nI + j] += 1;
      }
    }
    for (let a = 0; a < touchedCount; a++) scratch[touched[a]] = 0;
  }
  return { size, cards, count: list.length, coRated, cellInterviewer, cellCross, interviewerSum, cellSum, sumSquares };
}
