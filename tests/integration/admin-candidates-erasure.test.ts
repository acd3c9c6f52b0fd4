// Admin candidates: erasure on request, which removes the name and free text everywhere and keeps the numbers.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as scheduleAction } from "~/routes/admin.interviews._index";
import { createUser } from "../support/factories";
import { settle } from "../support/route-calls";
import { admin, useAdmin, form, addCandidate, erase, plantCandidateHistory } from "../support/admin-candidates";

useAdmin();

describe("admin candidates: erasure on request", () => {
  const NAME = "Zoe Varga-Eriksen";
  let candidateId: number;
  let interviewId: number;
  let cardIds: number[];

  beforeAll(async () => {
    const res = await addCandidate({ name: NAME, targetLevel: "senior" });
    candidateId = Number(res.headers.get("Location")!.split("/").at(-1));
    ({ interviewId, cardIds } = await plantCandidateHistory(NAME, candidateId, admin.id));
  });

  /** Every row that mentions the name anywhere in the database. */
  function mentionsOfName() {
    const tables = getDb().all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
    );
    return tables.flatMap(({ name }) =>
      getDb()
        .all<Record<string, unknown>>(sql.raw(`select * from "${name}"`))
        .filter((row) => JSON.stringify(row).includes("Varga"))
        .map((row) => ({ table: name, row })),
    );
  }
  const ratingsNow = () =>
    getDb()
      .select({ scorecardId: t.ratings.scorecardId, dimensionKey: t.ratings.dimensionKey, score: t.ratings.score })
      .from(t.ratings)
      .where(sql`${t.ratings.scorecardId} in (${sql.join(cardIds, sql`, `)})`)
      .all();

  it("requires the typed name: a wrong or empty confirmation is 400 and changes nothing", async () => {
    const before = mentionsOfName();
    expect(before.length).toBeGreaterThan(5);
    let res = await erase(candidateId, "");
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ confirmation: "Type the candidate's name to confirm" });
    res = await erase(candidateId, "Zoe");
    expect(res.status).toBe(400);
    expect((await res.json()).errors.confirmation).toMatch(/not the candidate's name/);
    expect(mentionsOfName()).toEqual(before);
  });

  it("erases the name and free text everywhere, keeps ratings, flags and scores, and logs it without the name", async () => {
    const ratingsBefore = ratingsNow();
    const res = await erase(candidateId, `  ${NAME} `);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/candidates/${candidateId}?erased=1`);

    const candidate = getDb().select().from(t.candidates).where(eq(t.candidates.id, candidateId)).get()!;
    expect(candidate.name).toBe(`Erased candidate #${candidateId}`);
    expect(candidate.erasedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(mentionsOfName()).toEqual([]);

    expect(
      getDb()
        .select()
        .from(t.evidenceNotes)
        .where(sql`${t.evidenceNotes.scorecardId} in (${sql.join(cardIds, sql`, `)})`)
        .all(),
    ).toEqual([]);
    expect(ratingsNow()).toEqual(ratingsBefore);
    const cards = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).all();
    expect(
      cards.map((c) => [c.recommendation, c.recommendationJustification, c.weightedScore, c.status, c.revision]),
    ).toEqual([
      ["yes", "", 3.1, "submitted", 3],
      ["yes", "", 4.1, "submitted", 3],
    ]);
    expect(
      getDb()
        .select()
        .from(t.ratings)
        .where(eq(t.ratings.scorecardId, cardIds[0]))
        .all()
        .map((r) => r.capJustification),
    ).toEqual(["", ""]);
    expect(
      getDb().select().from(t.raisedRedFlags).where(eq(t.raisedRedFlags.scorecardId, cardIds[0])).all(),
    ).toHaveLength(1);
    const snapshot = getDb()
      .select()
      .from(t.scorecardRevisions)
      .where(eq(t.scorecardRevisions.scorecardId, cardIds[0]))
      .get()!;
    expect(snapshot.snapshot).toEqual({
      ratings: { ownership: 3 },
      notes: [],
      capJustifications: {},
      recommendationJustification: "",
      recommendation: "yes",
    });
    expect(snapshot.reason).toBe("[erased]");
    const amended = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "scorecard.amended")).all()[0];
    expect(amended.detail).toMatchObject({
      reason: "[erased]",
      changes: [
        { field: "ratings.ownership", from: 2, to: 3 },
        { from: null, to: "[erased]" },
      ],
    });
    expect(
      getDb().select().from(t.calibrationReviews).where(eq(t.calibrationReviews.interviewId, interviewId)).get(),
    ).toMatchObject({ agreedReading: "", notes: "", followUps: "" });

    // The debrief keeps its decision and votes (decision agreement keeps its data), not its free text.
    expect(getDb().select().from(t.debriefs).where(eq(t.debriefs.interviewId, interviewId)).get()).toMatchObject({
      decision: "hire",
      decisionNote: "",
    });
    expect(
      getDb()
        .select({
          round: t.debriefVotes.round,
          recommendation: t.debriefVotes.recommendation,
          reason: t.debriefVotes.reason,
        })
        .from(t.debriefVotes)
        .where(eq(t.debriefVotes.interviewId, interviewId))
        .orderBy(t.debriefVotes.id)
        .all(),
    ).toEqual([
      { round: "independent", recommendation: "yes", reason: "" },
      { round: "independent", recommendation: "no", reason: "" },
      { round: "revote", recommendation: "yes", reason: "[erased]" },
    ]);
    expect(
      getDb()
        .select({ detail: t.auditLog.detail })
        .from(t.auditLog)
        .where(eq(t.auditLog.entity, "debrief"))
        .orderBy(t.auditLog.id)
        .all()
        .map((e) => e.detail),
    ).toEqual([
      { interviewerId: expect.any(Number), from: "no", to: "yes", reason: "[erased]" },
      { decision: "hire", note: "[erased]" },
    ]);

    const erased = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "candidate.erased")).get()!;
    expect(erased).toMatchObject({
      actorId: admin.id,
      entity: "candidate",
      entityId: candidateId,
      detail: {
        scorecards: 2,
        notesRemoved: 2,
        justificationsBlanked: 4,
        revisionsScrubbed: 2,
        reviewsBlanked: 1,
        debriefTextsBlanked: 2,
      },
    });
  });

  it("refuses a second erasure (409) and any new interview for the erased candidate", async () => {
    const res = await erase(candidateId, `Erased candidate #${candidateId}`);
    expect(res.status).toBe(409);
    const p1 = await createUser({ roles: ["interviewer"] });
    const p2 = await createUser({ roles: ["interviewer"] });
    const interviews = getDb().select({ n: count() }).from(t.interviews).get()!.n;
    const scheduled = await settle(
      scheduleAction({
        request: form("/admin/interviews?index", {
          candidateId: String(candidateId),
          variantKey: "default",
          scheduledAt: "2099-01-01T10:00",
          durationMinutes: "45",
          panel: [String(p1.id), String(p2.id)],
        }),
        params: {},
        context: {},
      }),
    );
    expect(scheduled.status).toBe(400);
    expect((await scheduled.json()).errors.candidateId).toMatch(/erased/);
    expect(getDb().select({ n: count() }).from(t.interviews).get()!.n).toBe(interviews);
  });
});
