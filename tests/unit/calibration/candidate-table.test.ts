import { describe, expect, it } from "vitest";
import { candidateRows, matchingCandidates, packCandidates } from "~/domain/calibration/candidate-table";

const SCALE = { min: 1, max: 4 };
const near = (value: number) => expect.closeTo(value, 12);
const rows = [
  { candidate: "Ana Silva #3", ratings: 8, rawMean: 2, adjustedMean: 2.75, adjustedSe: 0.25, clamped: false },
  { candidate: "Ben Ode #12", ratings: 4, rawMean: 3.5, adjustedMean: 4, adjustedSe: 0.5, clamped: true },
  { candidate: "ana kay #40", ratings: 12, rawMean: 1.25, adjustedMean: 1.5, adjustedSe: null, clamped: false },
];

describe("the candidate columns", () => {
  it("give back the rows they were packed from, with the change and the interval, in the order asked", () => {
    const table = packCandidates(rows, SCALE);
    expect(candidateRows(table, [2, 0, 1])).toEqual([
      { ...rows[2], change: 0.25, ciLow: null, ciHigh: null, error: null },
      {
        ...rows[0],
        change: 0.75,
        ciLow: near(2.26),
        ciHigh: near(3.24),
        error: [near(0.49), near(0.49)],
      },
      // The interval is kept inside the scale: none above 4.
      { ...rows[1], change: 0.5, ciLow: near(3.02), ciHigh: 4, error: [near(0.98), 0] },
    ]);
  });

  it("search labels case-insensitively, by name or #id, keeping the table's order", () => {
    const table = packCandidates(rows, SCALE);
    expect(matchingCandidates(table, "ANA")).toEqual([0, 2]);
    expect(matchingCandidates(table, "#12")).toEqual([1]);
    expect(matchingCandidates(table, "")).toEqual([0, 1, 2]);
    expect(matchingCandidates(table, "zed")).toEqual([]);
  });
});
