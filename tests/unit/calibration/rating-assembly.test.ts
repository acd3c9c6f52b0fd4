// assembleRatings: the export's scorecards (in order) and rating columns (in any order) into the
// calibration domain's Rating and ScorecardRedFlags lists.
import { describe, expect, it } from "vitest";
import {
  assembledColumns,
  assembleRatings,
  type AssemblyInput,
  type ScorecardRow,
} from "~/domain/calibration/rating-assembly";
import { labelColumn, ratingColumns } from "~/domain/calibration/rating-table";

const label = (name: string, id: number) => `${name} #${id}`;
const emails = new Map([
  [7, "ana@example.test"],
  [8, "bo@example.test"],
]);
// Export order: scorecard 30 (older interview) before 10.
const scorecards: ScorecardRow[] = [
  [30, 2, "Cy", 8, "meta", "senior", "2026-01-02", null, 1, 0],
  [10, 1, "Di", 7, "default", "mid", "2026-03-04", "yes", 2, 1],
  [20, 1, "Di", 8, "default", "mid", "2026-03-04", "no", 2, 0],
];

function input(ratings: [order: number, scorecardId: number, dimension: string, score: number][]): AssemblyInput {
  return {
    scorecards,
    ratings: {
      order: ratings.map((r) => r[0]),
      scorecardId: ratings.map((r) => r[1]),
      dimension: ratings.map((r) => r[2]),
      score: ratings.map((r) => r[3]),
    },
    redFlags: new Map([
      [20, 2],
      [10, 5],
    ]),
    emails,
    label,
  };
}

describe("assembleRatings", () => {
  it("orders ratings by their scorecard's position, then storage order, and drops ratings of other scorecards", () => {
    const { ratings } = assembleRatings(
      input([
        [5, 10, "repair", 4],
        [9, 99, "repair", 1], // a draft's rating: not in view
        [1, 30, "ownership", 3],
        [4, 10, "ownership", 2],
        [2, 30, "repair", 5],
      ]),
    );
    expect(ratings).toEqual([
      {
        candidate: "Cy #2",
        candidateId: 2,
        interviewer: "bo@example.test",
        dimension: "ownership",
        score: 3,
        variant: "meta",
        level: "senior",
        date: "2026-01-02",
        rubricVersion: "1",
      },
      expect.objectContaining({ candidateId: 2, dimension: "repair", score: 5 }),
      {
        candidate: "Di #1",
        candidateId: 1,
        interviewer: "ana@example.test",
        dimension: "ownership",
        score: 2,
        variant: "default",
        level: "mid",
        date: "2026-03-04",
        recommendation: "yes",
        rubricVersion: "2",
      },
      expect.objectContaining({ candidateId: 1, interviewer: "ana@example.test", dimension: "repair", score: 4 }),
    ]);
    // A scorecard without a recommendation has no recommendation key at all (as the CSV writer expects).
    expect("recommendation" in ratings[0]).toBe(false);
  });

  it("lists red flags for scorecards with a rating, imported ones left out, none raised as 0", () => {
    const { scorecards: flagged } = assembleRatings(
      input([
        [1, 30, "ownership", 3],
        [2, 10, "ownership", 2],
      ]),
    );
    // 20 has no rating (e.g. a dimension filter), 10 is imported: only 30, with no flags raised.
    expect(flagged).toEqual([{ candidate: "Cy #2", candidateId: 2, interviewer: "bo@example.test", redFlags: 0 }]);
    const both = assembleRatings(input([[3, 20, "repair", 1]])).scorecards;
    expect(both).toEqual([{ candidate: "Di #1", candidateId: 1, interviewer: "bo@example.test", redFlags: 2 }]);
  });

  it("leaves out a scorecard whose interviewer is unknown, as the join on users did", () => {
    const { ratings, scorecards: flagged } = assembleRatings({
      ...input([[1, 30, "ownership", 3]]),
      emails: new Map(),
    });
    expect(ratings).toEqual([]);
    expect(flagged).toEqual([]);
  });
});

describe("assembledColumns", () => {
  /** What the dashboard built from the assembled ratings before: the columns must be these, exactly. */
  const fromRatings = (given: AssemblyInput) => {
    const { ratings } = assembleRatings(given);
    return { table: ratingColumns(ratings), variants: labelColumn(ratings, (r) => r.variant) };
  };

  it("gives the table's columns and the variants of the assembled ratings, in their order", () => {
    const given = {
      ...input([
        [5, 10, "repair", 4],
        [9, 99, "repair", 1],
        [1, 30, "ownership", 3],
        [4, 10, "ownership", 2],
        [2, 30, "repair", 5],
        [3, 20, "change", 2],
      ]),
      emails: new Map([...emails, [9, "cy@example.test"]]),
    };
    const columns = assembledColumns(given);
    expect(columns).toEqual(fromRatings(given));
    expect(columns.table.candidates).toEqual(["Cy #2", "Di #1"]);
    expect(columns.table.dimensions).toEqual(["ownership", "repair", "change"]);
    expect([...columns.table.dimensionOf]).toEqual([0, 1, 0, 1, 2]);
    expect(columns.variants.names).toEqual(["meta", "default"]);
  });

  it("equals them on many scorecards in any order, with gone interviewers and ratings of no scorecard", () => {
    // A fixed pseudo-random sequence (a linear congruential generator), so a failure repeats.
    let seed = 12345;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 8) % n;
    const dims = ["ownership", "accountability", "repair", "change", "d5", "d6"];
    const cards: ScorecardRow[] = Array.from({ length: 300 }, (_, p) => [
      1000 + p,
      next(80),
      `Name ${next(50)}`,
      next(12),
      ["default", "amazon", "meta", "netflix"][next(4)],
      "mid",
      "2026-01-01",
      null,
      1,
      next(5) === 0 ? 1 : 0,
    ]);
    const rows: [number, number, string, number][] = [];
    for (let k = 0; k < 1500; k++) rows.push([next(100_000), 1000 + next(320), dims[next(dims.length)], 1 + next(5)]);
    const given: AssemblyInput = {
      ...input(rows),
      scorecards: cards,
      emails: new Map(Array.from({ length: 10 }, (_, i) => [i, `i${i}@example.test`])),
    };
    const columns = assembledColumns(given);
    expect(columns.table.candidateOf.length).toBeGreaterThan(1000);
    expect(columns).toEqual(fromRatings(given));
    // Ids far apart (looked up in a Map, not a table indexed by id) give the same.
    const far = (id: number) => id * 1_000_003;
    const spread: AssemblyInput = {
      ...given,
      scorecards: cards.map(([id, ...rest]) => [far(id), ...rest]),
      ratings: { ...given.ratings, scorecardId: given.ratings.scorecardId.map(far) },
    };
    expect(assembledColumns(spread)).toEqual(columns);
    expect(assembleRatings(spread)).toEqual(assembleRatings(given));
  });
});
