// The export's column read (#16: JSON arrays built by SQLite, assembled by assembleRatings) gives
// exactly what the plain drizzle queries it replaced gave: the same Rating and ScorecardRedFlags
// objects in the same order, for every filter shape, on the demo organisation plus the cases it
// lacks (a draft, a practice interview, an imported scorecard, an erased candidate, a scorecard
// whose ratings were stored out of key order, red flags on a scorecard with a dimension filtered out).
import { describe, expect, it, beforeAll } from "vitest";
import { and, eq, gte, isNull, sql, type SQL } from "drizzle-orm";
import { getConnection, getDb } from "~db/client";
import * as t from "~db/schema";
import type { Rating, ScorecardRedFlags } from "~/domain/calibration";
import {
  candidateLabel,
  exportRatings,
  exportRatingsWithRedFlags,
  exportScorecardRedFlags,
  type RatingFilter,
} from "~/models/rating-export.server";
import { eraseCandidate } from "~/models/candidate-erasure.server";
import { createInterview, createScorecard } from "../support/factories";
import { csvWithIds, importCsv, userIds, useRatingCsvDemo } from "../support/rating-csv";

useRatingCsvDemo();

// The queries exportRatings and exportScorecardRedFlags ran before #16, as they were (drizzle's
// object mapping), with the filter's values inlined: the reference the new read must match.
function referenceConditions(filter: RatingFilter): SQL[] {
  const where: SQL[] = [eq(t.scorecards.status, "submitted"), isNull(t.interviews.exemplarId)];
  const list = (values: unknown[]) => sql`(select value from json_each(${JSON.stringify(values)}))`;
  if (filter.from !== undefined) where.push(gte(t.interviews.scheduledAt, filter.from));
  if (filter.to !== undefined) where.push(sql`${t.interviews.scheduledAt} < date(${filter.to}, '+1 day')`);
  if (filter.variants !== undefined) where.push(sql`${t.interviews.variantKey} in ${list(filter.variants)}`);
  if (filter.levels !== undefined) where.push(sql`${t.candidates.targetLevel} in ${list(filter.levels)}`);
  if (filter.interviewerIds !== undefined)
    where.push(sql`${t.scorecards.interviewerId} in ${list(filter.interviewerIds)}`);
  return where;
}

function referenceRatings(filter: RatingFilter): Rating[] {
  const where = referenceConditions(filter);
  if (filter.dimension !== undefined) where.push(eq(t.ratings.dimensionKey, filter.dimension));
  return getDb()
    .select({
      candidateId: t.candidates.id,
      candidateName: t.candidates.name,
      interviewer: t.users.email,
      dimension: t.ratings.dimensionKey,
      score: t.ratings.score,
      variant: t.interviews.variantKey,
      level: t.candidates.targetLevel,
      date: sql<string>`substr(${t.interviews.scheduledAt}, 1, 10)`,
      recommendation: t.scorecards.recommendation,
      rubricVersion: t.scorecards.rubricVersionId,
    })
    .from(t.ratings)
    .innerJoin(t.scorecards, eq(t.scorecards.id, t.ratings.scorecardId))
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .innerJoin(t.users, eq(t.users.id, t.scorecards.interviewerId))
    .where(and(...where))
    .orderBy(t.interviews.scheduledAt, t.interviews.id, t.scorecards.id, sql`${t.ratings}.rowid`)
    .all()
    .map(({ candidateId, candidateName, recommendation, rubricVersion, ...rest }) => ({
      candidate: candidateLabel(candidateName, candidateId),
      candidateId,
      ...rest,
      ...(recommendation === null ? {} : { recommendation }),
      rubricVersion: String(rubricVersion),
    }));
}

function referenceRedFlags(filter: RatingFilter): ScorecardRedFlags[] {
  const where = referenceConditions(filter);
  const dimension = filter.dimension === undefined ? sql`` : sql` and r.dimension_key = ${filter.dimension}`;
  where.push(sql`exists (select 1 from ${t.ratings} r where r.scorecard_id = ${t.scorecards.id}${dimension})`);
  where.push(isNull(t.scorecards.importKey));
  return getDb()
    .select({
      candidateId: t.candidates.id,
      candidateName: t.candidates.name,
      interviewer: t.users.email,
      redFlags: sql<number>`(select count(*) from ${t.raisedRedFlags} f where f.scorecard_id = ${t.scorecards.id})`,
    })
    .from(t.scorecards)
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .innerJoin(t.users, eq(t.users.id, t.scorecards.interviewerId))
    .where(and(...where))
    .orderBy(t.interviews.scheduledAt, t.interviews.id, t.scorecards.id)
    .all()
    .map((row) => ({
      candidate: candidateLabel(row.candidateName, row.candidateId),
      candidateId: row.candidateId,
      interviewer: row.interviewer,
      redFlags: row.redFlags,
    }));
}

const sqlite = () => getConnection().sqlite;
let outOfOrder: { candidateId: number };

beforeAll(() => {
  const interviewer = { id: userIds["interviewer@demo.test"] };
  // Ratings stored against key order (rowid order is rubric order, not the primary key's order),
  // a red flag on its scorecard, and two interviews at the same minute (ties broken by interview id).
  const at = new Date("2026-07-15T09:00:00Z");
  const first = createInterview({ panel: [interviewer], scheduledAt: at, candidateName: "Zed Out-of-order" });
  const second = createInterview({ panel: [interviewer], scheduledAt: at, candidateName: "Amy Same-minute" });
  outOfOrder = { candidateId: first.candidateId };
  for (const interview of [first, second]) {
    const card = createScorecard({ interviewId: interview.id, interviewerId: interviewer.id, recommendation: null });
    for (const [dimensionKey, score] of [
      ["repair", 2],
      ["accountability", 4],
      ["ownership", 3],
    ] as const)
      getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey, score }).run();
    getDb().insert(t.raisedRedFlags).values({ scorecardId: card.id, flagKey: "fake_mistake" }).run();
  }
  // A practice interview's scorecard: never in an export.
  const exemplar = sqlite().prepare("select id from exemplars limit 1").pluck().get() as number | undefined;
  if (exemplar !== undefined) {
    const practice = createInterview({ panel: [interviewer], candidateName: "Practice: Pat" });
    sqlite().prepare("update interviews set exemplar_id = ? where id = ?").run(exemplar, practice.id);
    const card = createScorecard({ interviewId: practice.id, interviewerId: interviewer.id });
    getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score: 1 }).run();
  }
  // Imported scorecards (no red flags of their own) and an erased candidate (a label without " #id").
  importCsv(
    csvWithIds(
      "Imported Ida,importer@example.test,ownership,4,default,senior,2026-05-04,yes,1,",
      "Imported Ida,importer@example.test,repair,3,default,senior,2026-05-04,yes,1,",
    ),
  );
  const someone = sqlite()
    .prepare("select c.id from candidates c join interviews i on i.candidate_id = c.id order by c.id limit 1")
    .pluck()
    .get() as number;
  const admin = sqlite().prepare("select id from users order by id limit 1").pluck().get() as number;
  expect(eraseCandidate(someone, admin).kind).toBe("erased");
}, 60_000);

describe("exportRatingsWithRedFlags", () => {
  const lead = () => userIds["interviewer@demo.test"];
  const filters: [string, () => RatingFilter][] = [
    ["no filter", () => ({})],
    ["a dimension only (the whole table, no scorecard filter)", () => ({ dimension: "repair" })],
    ["from", () => ({ from: "2026-06-01" })],
    ["to", () => ({ to: "2026-07-15" })],
    ["variants", () => ({ variants: ["amazon", "default"] })],
    ["levels", () => ({ levels: ["senior"] })],
    ["interviewers", () => ({ interviewerIds: [lead()] })],
    ["empty lists", () => ({ variants: [], levels: [] })],
    ["a dimension no rating has", () => ({ dimension: "no-such-dimension" })],
    [
      "all at once",
      () => ({
        from: "2026-03-01",
        to: "2026-10-31",
        variants: ["amazon", "default", "meta"],
        levels: ["mid", "senior"],
        interviewerIds: [lead()],
        dimension: "ownership",
      }),
    ],
  ];

  it.each(filters)("%s: the same ratings and red flags, in the same order, as the queries it replaced", (_, filter) => {
    const read = exportRatingsWithRedFlags(filter());
    expect(read.ratings).toEqual(referenceRatings(filter()));
    expect(read.scorecards).toEqual(referenceRedFlags(filter()));
    expect(exportRatings(filter())).toEqual(read.ratings);
    expect(exportScorecardRedFlags(filter())).toEqual(read.scorecards);
  });

  it("covers the cases the comparison is for", () => {
    const { ratings, scorecards } = exportRatingsWithRedFlags();
    expect(ratings.length).toBeGreaterThan(1500);
    // Ratings stored out of key order come out in storage order.
    expect(ratings.filter((r) => r.candidateId === outOfOrder.candidateId).map((r) => r.dimension)).toEqual([
      "repair",
      "accountability",
      "ownership",
    ]);
    expect(ratings.some((r) => r.candidate.startsWith("Imported Ida"))).toBe(true);
    expect(scorecards.some((s) => s.candidate.startsWith("Imported Ida"))).toBe(false);
    expect(ratings.some((r) => r.candidate.startsWith("Practice:") || r.candidate.startsWith("Draft Dana"))).toBe(
      false,
    );
    expect(ratings.some((r) => r.candidate === `Erased candidate #${r.candidateId}`)).toBe(true);
    expect(ratings.some((r) => r.recommendation === undefined)).toBe(true);
    expect(scorecards.some((s) => s.redFlags > 0)).toBe(true);
    expect(referenceRatings({})).toHaveLength(ratings.length);
  });
});
