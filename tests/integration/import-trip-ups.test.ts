// The import trip-ups a lead hit (issue #12, part 6): a second import of one file, a misspelt
// email, and imported scorecards (which carry no red flags) diluting red-flag rates.
import { count, eq, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { computeCalibrationReport, parseRatingsCsv } from "~/domain/calibration";
import { exportRatings, exportScorecardRedFlags } from "~/models/rating-export.server";
import { importRatings, RatingImportError } from "~/models/rating-import.server";
import { createInterview, createUser } from "../support/factories";

const HEADER = "candidate,interviewer,dimension,score,variant,level,date,recommendation,rubric_version";
let ana: Awaited<ReturnType<typeof createUser>>;

function importCsv(lines: string[], opts: Parameters<typeof importRatings>[1] = {}) {
  const parsed = parseRatingsCsv([HEADER, ...lines].join("\n") + "\n");
  if (!parsed.ok) throw new Error(parsed.error.message);
  return importRatings(parsed.ratings, { lines: parsed.lines, ...opts });
}
function refusal(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof RatingImportError) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}
const scorecardCount = () => getDb().select({ n: count() }).from(t.scorecards).get()!.n;
const userCount = () => getDb().select({ n: count() }).from(t.users).get()!.n;

beforeAll(async () => {
  ana = await createUser({ name: "Ana Rater", email: "ana@history.test" });
});

const FILE = [
  "Old Olga,ana@history.test,ownership,3,default,mid,2025-01-10,yes,1",
  "Old Olga,ana@history.test,repair,2,default,mid,2025-01-10,yes,1",
  "Past Pete,ana@history.test,ownership,1,default,senior,2025-01-11,no,1",
];

describe("importing the same file twice", () => {
  it("refuses the second import, saying how many scorecards were imported before, and changes nothing", () => {
    expect(importCsv(FILE)).toMatchObject({ scorecards: 2, ratings: 3, skippedScorecards: 0 });
    const before = scorecardCount();
    expect(refusal(() => importCsv(FILE))).toEqual({
      line: 2,
      message:
        "2 scorecards were imported before (this is the first); nothing was imported. Pass --skip-existing to import only the rest",
    });
    expect(scorecardCount()).toBe(before);
  });

  it("with skipExisting imports only the new rows and says how many it skipped", () => {
    const before = scorecardCount();
    const summary = importCsv(
      [...FILE, "New Nina,ana@history.test,ownership,4,default,staff,2025-01-12,strong_yes,1"],
      { skipExisting: true },
    );
    expect(summary).toMatchObject({ scorecards: 1, ratings: 1, skippedScorecards: 2, skippedRatings: 3 });
    expect(scorecardCount()).toBe(before + 1);
    expect(importCsv(FILE, { skipExisting: true })).toMatchObject({ scorecards: 0, ratings: 0, skippedScorecards: 2 });
  });
});

describe("an interviewer the database does not know", () => {
  it("is refused with its line (a misspelt email), unless people may be created", () => {
    const before = userCount();
    const rows = [
      "Quiet Quinn,ana@history.test,ownership,3,default,mid,2025-02-01,yes,1",
      "Quiet Quinn,ana@histroy.test,ownership,2,default,mid,2025-02-01,no,1",
    ];
    expect(refusal(() => importCsv(rows))).toEqual({
      line: 3,
      message:
        'no interviewer "ana@histroy.test" in the database: check the spelling, or pass --create-people to add them as inactive interviewers',
    });
    expect(userCount()).toBe(before);
    expect(importCsv(rows, { createPeople: true })).toMatchObject({ interviewersCreated: 1, interviewersMatched: 1 });
    expect(userCount()).toBe(before + 1);
  });
});

describe("red-flag rates", () => {
  it("leave imported scorecards out: they carry no flags, so counting them would dilute the rate", async () => {
    const raters = [ana, await createUser(), await createUser()];
    // Six app scorecards of Ana's, every one with a red flag raised.
    for (let k = 0; k < 6; k++) {
      const interview = createInterview({ panel: raters, scheduledAt: new Date(Date.UTC(2025, 3, 1 + k)) });
      for (const rater of raters) {
        const card = getDb()
          .insert(t.scorecards)
          .values({
            interviewId: interview.id,
            interviewerId: rater.id,
            rubricVersionId: 1,
            variantKey: "default",
            status: "submitted",
            recommendation: "no",
            submittedAt: new Date().toISOString(),
          })
          .returning()
          .get();
        getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score: 2 }).run();
        if (rater === ana)
          getDb().insert(t.raisedRedFlags).values({ scorecardId: card.id, flagKey: "passive_voice" }).run();
      }
    }
    const imported = getDb().select({ n: count() }).from(t.scorecards).where(isNotNull(t.scorecards.importKey)).get()!
      .n;
    expect(imported).toBeGreaterThan(0);

    const flags = exportScorecardRedFlags({ interviewerIds: [ana.id] });
    expect(flags).toHaveLength(6);
    expect(flags.every((f) => f.redFlags === 1)).toBe(true);
    const report = computeCalibrationReport(exportRatings(), {
      scale: { min: 1, max: 4 },
      scorecards: exportScorecardRedFlags(),
    });
    const anaRow = report.interviewers.find((i) => i.interviewer === "ana@history.test")!;
    expect(JSON.stringify(anaRow)).toMatch(/"scorecards":6\b/);
  });
});

it("stores an import key only on imported scorecards", () => {
  const keys = getDb()
    .select({ key: t.scorecards.importKey, interviewer: t.scorecards.interviewerId })
    .from(t.scorecards)
    .where(eq(t.scorecards.interviewerId, ana.id))
    .all();
  expect(keys.filter((k) => k.key !== null).length).toBeGreaterThan(0);
  expect(keys.filter((k) => k.key === null)).toHaveLength(6);
});
