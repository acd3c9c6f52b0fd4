// Importing ratings CSV: the demo export round-trips, existing people and candidates are matched by id and email.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "~db/schema";
import { serializeRatingsCsv, type Rating } from "~/domain/calibration";
import { exportRatings, exportRatingsCsv } from "~/models/rating-export.server";
import { importedEmail } from "~/models/rating-import.server";
import {
  useRatingCsvDemo,
  freshDatabase,
  tableCounts,
  importCsv,
  refusal,
  csv,
  csvWithIds,
} from "../support/rating-csv";

useRatingCsvDemo();

describe("importRatings", () => {
  it("round trip: the demo export imported into a fresh database exports the same rows, modulo ids and labels", () => {
    const original = exportRatings();
    const fresh = freshDatabase("round-trip");
    const before = tableCounts(fresh);
    const summary = importCsv(exportRatingsCsv(), { db: fresh.db });
    const cards = new Set(original.map((r) => `${r.candidate}|${r.interviewer}`)).size;
    const candidates = new Set(original.map((r) => r.candidate)).size;
    const interviewers = new Set(original.map((r) => r.interviewer)).size;
    expect(summary).toEqual({
      ratings: original.length,
      scorecards: cards,
      interviewsCreated: candidates,
      interviewsReused: 0,
      candidatesCreated: candidates,
      candidatesMatched: 0,
      interviewersCreated: interviewers,
      interviewersMatched: 0,
      rubricVersionFallbacks: 0,
      skippedScorecards: 0,
      skippedRatings: 0,
    });
    const after = tableCounts(fresh);
    expect(after.ratings - before.ratings).toBe(original.length);
    expect(after.scorecards - before.scorecards).toBe(cards);

    // The fresh database has none of the demo users: each became an imported user named after the email.
    const nameOf = new Map(
      fresh.db
        .select({ email: t.users.email, name: t.users.name })
        .from(t.users)
        .all()
        .map((u) => [u.email, u.name]),
    );
    const normalize = (ratings: Rating[], interviewer: (s: string) => string) =>
      ratings.map(({ candidateId, ...r }) => ({
        ...r,
        candidate: r.candidate.slice(0, -` #${candidateId}`.length),
        interviewer: interviewer(r.interviewer),
      }));
    const again = exportRatings({}, fresh.db);
    expect(again.every((r) => r.interviewer === importedEmail(nameOf.get(r.interviewer)!))).toBe(true);
    expect(normalize(again, (email) => nameOf.get(email)!)).toEqual(normalize(original, (email) => email));
    // Candidates keep their identity, not just their name: the same scorecards group the same rows.
    const grouping = (ratings: Rating[]) => {
      const ids = new Map<string, number>();
      return ratings.map((r) => ids.get(r.candidate) ?? (ids.set(r.candidate, ids.size), ids.size - 1));
    };
    expect(grouping(again)).toEqual(grouping(original));

    // The fresh database's own export names its rows exactly, so importing it there again is refused.
    const before2 = tableCounts(fresh);
    expect(refusal(() => importCsv(serializeRatingsCsv(again), { db: fresh.db }))).toEqual({
      line: 2,
      message: `${again[0].interviewer} already rated ${again[0].candidate} on ${again[0].dimension} in the database`,
    });
    expect(tableCounts(fresh)).toEqual(before2);
  });

  it("maps existing emails and candidate labels onto existing rows, and creates what is new", () => {
    const fresh = freshDatabase("mapping");
    const lead = fresh.db
      .insert(t.users)
      .values({ email: "lead@corp.test", name: "Lee", passwordHash: "x" })
      .returning()
      .get();
    const known = fresh.db.insert(t.candidates).values({ name: "Known Kim", targetLevel: "senior" }).returning().get();
    const text = csvWithIds(
      `Known Kim #${known.id},LEAD@corp.test,ownership,3,amazon,senior,2026-03-02,yes,1,${known.id}`,
      `Known Kim #${known.id},Old Timer,ownership,2,amazon,,2026-03-02,no,1,${known.id}`,
      `Known Kim #${known.id},Old Timer,repair,2,amazon,,2026-03-02,no,1,${known.id}`,
      `Known Kim #999,Old Timer,ownership,4,meta,staff,2026-03-03,strong_yes,7,999`,
      `Known Kim,Old Timer,ownership,1,default,,2026-03-04,strong_no,,`,
    );
    const summary = importCsv(text, { db: fresh.db, actorId: lead.id });
    expect(summary).toMatchObject({
      ratings: 5,
      scorecards: 4,
      interviewsCreated: 3,
      candidatesCreated: 2,
      candidatesMatched: 1,
      interviewersCreated: 1,
      interviewersMatched: 1,
      rubricVersionFallbacks: 1,
    });
    const imported = fresh.db
      .select()
      .from(t.users)
      .where(eq(t.users.email, importedEmail("Old Timer")))
      .get()!;
    expect(imported).toMatchObject({ name: "Old Timer", active: false, passwordHash: "!" });
    expect(imported.email).toMatch(/^imported\+old-timer\.[0-9a-f]{8}@import\.invalid$/);
    expect(fresh.db.select().from(t.userRoles).where(eq(t.userRoles.userId, imported.id)).all()).toEqual([
      { userId: imported.id, role: "interviewer" },
    ]);
    const newCandidates = fresh.db
      .select()
      .from(t.candidates)
      .all()
      .filter((c) => c.id !== known.id);
    expect(newCandidates.map((c) => [c.name, c.targetLevel])).toEqual([
      ["Known Kim", "staff"],
      ["Known Kim", "mid"],
    ]);
    const exported = exportRatings({ from: "2026-03-02", to: "2026-03-02" }, fresh.db);
    expect(exported.map((r) => [r.candidate, r.candidateId, r.interviewer, r.dimension, r.recommendation])).toEqual([
      [`Known Kim #${known.id}`, known.id, "lead@corp.test", "ownership", "yes"],
      [`Known Kim #${known.id}`, known.id, imported.email, "ownership", "no"],
      [`Known Kim #${known.id}`, known.id, imported.email, "repair", "no"],
    ]);
    const card = fresh.db.select().from(t.scorecards).where(eq(t.scorecards.interviewerId, lead.id)).get()!;
    expect(card).toMatchObject({
      status: "submitted",
      rubricVersionId: 1,
      variantKey: "amazon",
      recommendation: "yes",
      weightedScore: 3,
    });
    expect(card.submittedAt).toBe("2026-03-02T12:00:00.000Z");
    const audit = fresh.db.select().from(t.auditLog).where(eq(t.auditLog.action, "ratings.imported")).all();
    expect(audit).toEqual([
      expect.objectContaining({ actorId: lead.id, entity: "ratings", detail: expect.objectContaining({ count: 5 }) }),
    ]);

    // A second import: the same interviewer string finds the imported user, and the interview of the
    // same candidate, variant and day is reused; a second scorecard by one interviewer on it is refused.
    const second = importCsv(
      csvWithIds(
        `Known Kim #${known.id},Fresh Face,accountability,3,amazon,senior,2026-03-02,no,1,${known.id}`,
        `Known Kim #${known.id},Old Timer,accountability,3,amazon,senior,2026-03-05,no,1,${known.id}`,
      ),
      { db: fresh.db },
    );
    expect(second).toMatchObject({
      interviewersCreated: 1,
      interviewersMatched: 1,
      interviewsCreated: 1,
      interviewsReused: 1,
      candidatesMatched: 1,
    });
    const panel = fresh.db
      .select()
      .from(t.panelAssignments)
      .where(eq(t.panelAssignments.interviewId, card.interviewId))
      .all();
    expect(panel).toHaveLength(3);
    expect(
      refusal(() =>
        importCsv(
          csvWithIds(`Known Kim #${known.id},Old Timer,behavioural_change,3,amazon,,2026-03-02,no,1,${known.id}`),
          {
            db: fresh.db,
          },
        ),
      ),
    ).toEqual({
      line: 2,
      // That scorecard came from the import above: another row for it is the same file again.
      message:
        "1 scorecard was imported before (this is the first); nothing was imported. Pass --skip-existing to import only the rest",
    });
  });

  it("never reads an id out of the candidate text: a name holding ' #<id>' is its own candidate", () => {
    const fresh = freshDatabase("hash-in-name");
    const ana = fresh.db.insert(t.candidates).values({ name: "Ana", targetLevel: "senior" }).returning().get();
    const team = fresh.db
      .insert(t.candidates)
      .values({ name: `Ana #${ana.id}`, targetLevel: "mid" })
      .returning()
      .get();
    // No candidate_id: the text "Ana #<ana.id>" is a name, not Ana (the old label parsing matched Ana).
    const plain = importCsv(csv(`Ana #${ana.id},Old Timer,ownership,3,default,,2026-03-02,no,1`), { db: fresh.db });
    expect(plain).toMatchObject({ candidatesCreated: 1, candidatesMatched: 0 });
    // With candidate_id, the export's label of a name that itself holds " #<id>" finds that candidate.
    const labelled = importCsv(
      csvWithIds(`Ana #${ana.id} #${team.id},Old Timer,ownership,2,default,,2026-03-03,no,1,${team.id}`),
      { db: fresh.db },
    );
    expect(labelled).toMatchObject({ candidatesCreated: 0, candidatesMatched: 1 });
    const rows = exportRatings({}, fresh.db).map((r) => [r.candidate, r.candidateId, r.date]);
    const created = fresh.db.select().from(t.candidates).all().at(-1)!;
    expect(created.name).toBe(`Ana #${ana.id}`);
    expect(rows).toEqual([
      [`Ana #${ana.id} #${created.id}`, created.id, "2026-03-02"],
      [`Ana #${ana.id} #${team.id}`, team.id, "2026-03-03"],
    ]);
  });
});
