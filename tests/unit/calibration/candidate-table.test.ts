import { describe, expect, it } from "vitest";
import { candidateRows, matchingCandidates, packCandidates } from "~/domain/calibration/candidate-table";

const rows = [
  { candidate: "Ana Silva #3", ratings: 8, rawMean: 2, adjustedMean: 2.75 },
  { candidate: "Ben Ode #12", ratings: 4, rawMean: 3.5, adjustedMean: 3 },
  { candidate: "ana kay #40", ratings: 12, rawMean: 1.25, adjustedMean: 1.5 },
];

describe("the candidate columns", () => {
  it("give back the rows they were packed from, with the change, in the order asked", () => {
    const table = packCandidates(rows);
    expect(candidateRows(table, [2, 0])).toEqual([
      { ...rows[2], change: 0.25 },
      { ...rows[0], change: 0.75 },
    ]);
  });

  it("search labels case-insensitively, by name or #id, keeping the table's order", () => {
    const table = packCandidates(rows);
    expect(matchingCandidates(table, "ANA")).toEqual([0, 2]);
    expect(matchingCandidates(table, "#12")).toEqual([1]);
    expect(matchingCandidates(table, "")).toEqual([0, 1, 2]);
    expect(matchingCandidates(table, "zed")).toEqual([]);
  });
});
