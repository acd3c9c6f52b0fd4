// Importing ratings CSV: all or nothing, progress reports, and the refusals with their line numbers.
import { describe, expect, it } from "vitest";
import { serializeRatingsCsv } from "~/domain/calibration";
import { exportRatings } from "~/models/rating-export.server";
import { importRatings } from "~/models/rating-import.server";
import {
  useRatingCsvDemo,
  freshDatabase,
  tableCounts,
  importCsv,
  refusal,
  csv,
  EXPORT_HEADER,
  csvWithIds,
} from "../support/rating-csv";

useRatingCsvDemo();

describe("importRatings", () => {
  it("is all or nothing: a bad row at the end leaves every table as it was", () => {
    const good = exportRatings({ variants: ["meta"] }).map((r) => ({ ...r, candidate: `New ${r.candidate}` }));
    const text = serializeRatingsCsv([...good, { ...good[0], candidate: "Last Row", dimension: "charm" }]);
    const before = tableCounts();
    expect(refusal(() => importCsv(text))).toEqual({
      line: good.length + 2,
      message: 'unknown dimension "charm" (rubric version 1 has ownership, accountability, repair, behavioural_change)',
    });
    expect(tableCounts()).toEqual(before);
    expect(before.ratings).toBeGreaterThan(0);
  });

  it("is all or nothing when the writing itself fails part-way (here: the progress callback throws)", () => {
    const good = exportRatings({ variants: ["amazon"] }).map((r) => ({ ...r, candidate: `Fresh ${r.candidate}` }));
    expect(good.length).toBeGreaterThan(100);
    const before = tableCounts();
    const calls: [number, number][] = [];
    expect(() =>
      importRatings(good, {
        createPeople: true,
        progressEvery: 50,
        onProgress: (done, total) => {
          calls.push([done, total]);
          if (done >= 100) throw new Error("disk on fire");
        },
      }),
    ).toThrow("disk on fire");
    expect(calls).toEqual([
      [50, good.length],
      [100, good.length],
    ]);
    expect(tableCounts()).toEqual(before);
  });

  it("reports progress every N rows and once at the end", () => {
    const fresh = freshDatabase("progress");
    const ratings = exportRatings({ levels: ["mid"] });
    const calls: number[] = [];
    importRatings(ratings, {
      db: fresh.db,
      createPeople: true,
      progressEvery: 100,
      onProgress: (done, total) => (expect(total).toBe(ratings.length), calls.push(done)),
    });
    const expected = Array.from({ length: Math.ceil(ratings.length / 100) - 1 }, (_, k) => (k + 1) * 100);
    expect(calls).toEqual([...expected, ratings.length]);
  });

  it("refuses a duplicate in the file with both line numbers, also when spelled differently", () => {
    const before = tableCounts();
    expect(
      refusal(() =>
        importCsv(
          csv(
            "Dup Dee,jordan@demo.test,ownership,3,default,mid,2026-01-05,yes,1",
            "Dup Dee,jordan@demo.test,repair,3,default,mid,2026-01-05,yes,1",
            "Dup Dee,Jordan@Demo.test,ownership,2,default,mid,2026-01-05,yes,1",
          ),
        ),
      ),
    ).toEqual({ line: 4, message: "Jordan@Demo.test rated Dup Dee on ownership twice (first on line 2)" });
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a rating the database already holds, with its line number", () => {
    const stored = exportRatings({ dimension: "repair" })[10];
    const before = tableCounts();
    const row = serializeRatingsCsv([{ ...stored, dimension: "ownership", date: "2020-01-01" }, stored])
      .split("\r\n")
      .slice(1)
      .join("\n");
    expect(refusal(() => importCsv(`${EXPORT_HEADER}\n${row}`))).toMatchObject({ line: 2 });
    expect(refusal(() => importCsv(`${EXPORT_HEADER}\n${row}`)).message).toBe(
      `${stored.interviewer} already rated ${stored.candidate} on ownership in the database`,
    );
    expect(tableCounts()).toEqual(before);
  });

  it.each([
    ["an unknown dimension", "X,a@b.test,charm,3,default,mid,2026-01-05,yes,1", 'unknown dimension "charm"'],
    [
      "an unknown variant",
      "X,a@b.test,repair,3,google,mid,2026-01-05,yes,1",
      'unknown variant "google" (rubric version 1 has default, amazon',
    ],
    [
      "a score off the rubric's scale",
      "X,a@b.test,repair,5,default,mid,2026-01-05,yes,1",
      "score 5 is outside the scale 1-4",
    ],
    [
      "an unknown level",
      "X,a@b.test,repair,3,default,staff+,2026-01-05,yes,1",
      'level "staff+" is not one of mid, senior, staff',
    ],
    ["a missing date", "X,a@b.test,repair,3,default,mid,,yes,1", "date is missing"],
    [
      "two levels for one new candidate",
      "X,a@b.test,repair,3,default,senior,2026-01-05,yes,1",
      'level "senior" differs from line 2 ("mid") for X',
    ],
    [
      "two recommendations on one scorecard",
      "X,a@b.test,repair,3,default,mid,2026-01-05,no,1",
      'recommendation "no" differs from line 2 ("yes") on the same scorecard',
    ],
  ])("refuses %s with its line number and changes nothing", (_name, row, message) => {
    const before = tableCounts();
    const error = refusal(() => importCsv(csv("X,a@b.test,ownership,3,default,mid,2026-01-05,yes,1", row)));
    expect(error.line).toBe(3);
    expect(error.message).toContain(message);
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a level that disagrees with an existing candidate's", () => {
    const stored = exportRatings()[0];
    const other = stored.level === "mid" ? "staff" : "mid";
    const error = refusal(() =>
      importCsv(
        csvWithIds(
          `${stored.candidate},someone@new.test,ownership,3,default,${other},2019-01-01,yes,1,${stored.candidateId}`,
        ),
      ),
    );
    expect(error).toEqual({
      line: 2,
      message: `level "${other}" differs from ${stored.candidate}'s level in the database ("${stored.level}")`,
    });
  });
});
