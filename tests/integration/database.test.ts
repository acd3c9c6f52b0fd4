import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConnection, getDb } from "~db/client";
import * as t from "~db/schema";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { createInterview, createUser } from "../support/factories";

describe("the migrated database", () => {
  it("runs with WAL, synchronous=NORMAL, foreign keys and a busy timeout", () => {
    const { sqlite } = getConnection();
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("holds rubric version 1 with its variants", () => {
    const version = getLatestRubricVersion();
    expect(version.id).toBe(1);
    const variants = getDb().select().from(t.variants).where(eq(t.variants.rubricVersionId, 1)).all();
    expect(variants.map((v) => v.key).sort()).toEqual(version.rubric.variants.map((v) => v.key).sort());
  });

  async function startedScorecard() {
    const interviewer = await createUser();
    const interview = createInterview({ panel: [interviewer] });
    const card = getDb()
      .insert(t.scorecards)
      .values({ interviewId: interview.id, interviewerId: interviewer.id, rubricVersionId: 1, variantKey: "default" })
      .returning()
      .get();
    return { interviewer, interview, card };
  }

  it("refuses a rating outside the rubric's scale, on insert and on update", async () => {
    const { card } = await startedScorecard();
    const rate = (score: number) =>
      getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score }).run();
    expect(() => rate(5)).toThrow(/outside the rubric scale/);
    expect(() => rate(0)).toThrow(/outside the rubric scale/);
    rate(4);
    expect(() => getDb().update(t.ratings).set({ score: 9 }).where(eq(t.ratings.scorecardId, card.id)).run()).toThrow(
      /outside the rubric scale/,
    );
    expect(getDb().select().from(t.ratings).where(eq(t.ratings.scorecardId, card.id)).all()).toEqual([
      expect.objectContaining({ score: 4 }),
    ]);
  });

  it("refuses a second scorecard by one interviewer for one interview", async () => {
    const { interviewer, interview } = await startedScorecard();
    expect(() =>
      getDb()
        .insert(t.scorecards)
        .values({ interviewId: interview.id, interviewerId: interviewer.id, rubricVersionId: 1, variantKey: "default" })
        .run(),
    ).toThrow(/UNIQUE constraint failed/);
  });

  it("refuses a scorecard from someone who is not on the panel", async () => {
    const { interview } = await startedScorecard();
    const outsider = await createUser();
    expect(() =>
      getDb()
        .insert(t.scorecards)
        .values({ interviewId: interview.id, interviewerId: outsider.id, rubricVersionId: 1, variantKey: "default" })
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it("refuses a submitted scorecard without a submit time, and an unknown variant", async () => {
    const { card } = await startedScorecard();
    expect(() =>
      getDb().update(t.scorecards).set({ status: "submitted" }).where(eq(t.scorecards.id, card.id)).run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      getDb().update(t.scorecards).set({ variantKey: "acme" }).where(eq(t.scorecards.id, card.id)).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it("refuses an evidence note over 5,000 characters", async () => {
    const { card } = await startedScorecard();
    const note = (text: string) =>
      getDb()
        .insert(t.evidenceNotes)
        .values({
          scorecardId: card.id,
          clientId: text.length.toString(),
          dimensionKey: "repair",
          elapsedSeconds: 5,
          text,
        })
        .run();
    note("x".repeat(5000));
    expect(() => note("x".repeat(5001))).toThrow(/CHECK constraint failed/);
    expect(
      getDb().select({ n: count() }).from(t.evidenceNotes).where(eq(t.evidenceNotes.scorecardId, card.id)).get()?.n,
    ).toBe(1);
  });
});
