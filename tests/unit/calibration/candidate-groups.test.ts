// The optimiser eliminates most candidates by group sums (candidate-groups.ts); the final fit goes
// candidate by candidate. Both must give the same REML criterion at every θ.
import { describe, expect, it } from "vitest";

import { dimensionDesign } from "../../../app/domain/calibration/rater-model";
import { createWorkspace, eliminate, remlCriterion } from "../../../app/domain/calibration/rater-model/reml";
import { buildRatingTable } from "../../../app/domain/calibration/rating-table";
import { simulatePanels } from "./simulate-panels";

function designOf(dropEvery: number) {
  // Dropping a rating now and then makes scorecards of unequal size: those candidates stay single.
  const ratings = simulatePanels(11, { scorecards: 1200, interviewers: 12, candidates: 500 }).ratings.filter(
    (_, k) => dropEvery === 0 || k % dropEvery !== 5,
  );
  return dimensionDesign(buildRatingTable(ratings));
}

describe("candidate groups in the REML criterion", () => {
  for (const dropEvery of [0, 37]) {
    it(`match the candidate-by-candidate elimination (${dropEvery ? "mixed" : "equal"} scorecard sizes)`, () => {
      const design = designOf(dropEvery);
      const grouped = design.candidates - design.singleCandidates.length;
      expect(design.candidateGroups.length).toBeGreaterThan(0);
      expect(grouped).toBeGreaterThan(design.candidates / 2);
      if (dropEvery) expect(design.singleCandidates.length).toBeGreaterThan(0);
      for (const theta of [
        { candidate: 0.9, interviewer: 0.7, scorecard: 0.3 },
        { candidate: 1.4, interviewer: 0.2, scorecard: 0 },
        { candidate: 0, interviewer: 0.5, scorecard: 0.8 },
      ]) {
        const fast = eliminate(design, theta)!;
        const exact = eliminate(design, theta, true)!;
        expect(fast.logDet).toBeCloseTo(exact.logDet, 8);
        expect(fast.prss).toBeCloseTo(exact.prss, 8);
        expect(remlCriterion(design, fast)).toBeCloseTo(remlCriterion(design, exact), 8);
        for (let k = 0; k < exact.m; k++) expect(fast.solution[k]).toBeCloseTo(exact.solution[k], 10);
      }
    });
  }

  it("give the same figures, to the bit, when only their co-ratings that are not zero are visited", () => {
    // Many interviewers, few in common per candidate: most pairs of interviewers share no candidate.
    const ratings = simulatePanels(5, { scorecards: 1500, interviewers: 60, candidates: 600 }).ratings;
    const design = dimensionDesign(buildRatingTable(ratings));
    const sparse = createWorkspace(design);
    expect(sparse.groupNonzeros.some((nonzeros) => nonzeros !== null)).toBe(true);
    const plain = { ...createWorkspace(design), groupNonzeros: design.candidateGroups.map(() => null) };
    for (const theta of [
      { candidate: 0.9, interviewer: 0.7, scorecard: 0.3 },
      { candidate: 1.4, interviewer: 0.2, scorecard: 0 },
    ]) {
      const visited = eliminate(design, theta, false, sparse)!;
      const passed = eliminate(design, theta, false, plain)!;
      expect([visited.logDet, visited.prss]).toEqual([passed.logDet, passed.prss]);
      expect(visited.solution).toEqual(passed.solution);
    }
  });
});
