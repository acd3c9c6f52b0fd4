// The overdue page and the reminders read one query of unsubmitted panel seats; each keeps its own
// cut: the overdue page lists interviews that ended strictly before its instant and every panellist,
// the reminders those that ended by it and only active panellists.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { listOverdueScorecards } from "~/models/interview.server";
import { listLateScorecards } from "~/models/reminder.server";
import { createInterview, createScorecard, createUser } from "../support/factories";

const START = new Date("2030-03-04T09:00:00.000Z");
/** The default 45 minutes later. */
const END = new Date("2030-03-04T09:45:00.000Z");
let interviewId: number;
let ids: { active: number; inactive: number; drafting: number; submitted: number };

beforeAll(async () => {
  const active = await createUser({ name: "Active Ann" });
  const inactive = await createUser({ name: "Gone Gil", active: false });
  const drafting = await createUser({ name: "Drafting Dee" });
  const submitted = await createUser({ name: "Done Dan" });
  ids = { active: active.id, inactive: inactive.id, drafting: drafting.id, submitted: submitted.id };
  interviewId = createInterview({ panel: [active, inactive, drafting, submitted], scheduledAt: START }).id;
  createScorecard({ interviewId, interviewerId: drafting.id, status: "draft" });
  createScorecard({ interviewId, interviewerId: submitted.id, submittedAt: END.toISOString() });
});

const overdueNames = (at: Date) =>
  listOverdueScorecards(at)
    .filter((r) => r.interviewId === interviewId)
    .map((r) => [r.interviewerName, r.status]);
const lateIds = (at: Date) =>
  listLateScorecards(at)
    .filter((r) => r.interviewId === interviewId)
    .map((r) => r.interviewerId);

describe("unsubmitted panel seats", () => {
  it("the overdue page: every panellist without a submitted card, once the interview ended before the instant", () => {
    expect(overdueNames(END)).toEqual([]);
    expect(overdueNames(new Date(END.getTime() + 1))).toEqual([
      ["Active Ann", "not_started"],
      ["Gone Gil", "not_started"],
      ["Drafting Dee", "draft"],
    ]);
    expect(Object.keys(listOverdueScorecards(new Date(END.getTime() + 1))[0]).sort()).toEqual(
      ["candidateName", "durationMinutes", "interviewId", "interviewerName", "scheduledAt", "status"].sort(),
    );
  });

  it("the reminders: active panellists without a submitted card, from the instant the interview ends", () => {
    expect(lateIds(new Date(END.getTime() - 1))).toEqual([]);
    expect(lateIds(END)).toEqual([ids.active, ids.drafting]);
    const [row] = listLateScorecards(END).filter((r) => r.interviewId === interviewId);
    expect(row).toEqual({
      interviewId,
      interviewerId: ids.active,
      interviewerName: "Active Ann",
      interviewerEmail: expect.stringContaining("@"),
      candidateName: expect.any(String),
      endedAt: END.toISOString(),
    });
  });

  it("a seat's submitted flag, which the query reads, follows its scorecard through every kind of write", async () => {
    // The flag is kept by triggers (migration 0010): after each write it must equal what the
    // scorecards say, and the query must answer as a scan of every seat's scorecard would.
    const [ann, bo, cy] = [await createUser(), await createUser(), await createUser()];
    const id = createInterview({ panel: [ann, bo, cy], scheduledAt: START }).id;
    const db = getDb();
    const flags = () =>
      db
        .select({
          interviewerId: t.panelAssignments.interviewerId,
          flag: t.panelAssignments.submitted,
          truth: sql<number>`exists (select 1 from scorecards s where s.interview_id = panel_assignments.interview_id
            and s.interviewer_id = panel_assignments.interviewer_id and s.status = 'submitted')`,
        })
        .from(t.panelAssignments)
        .where(eq(t.panelAssignments.interviewId, id))
        .orderBy(t.panelAssignments.interviewerId)
        .all()
        .map((r) => [r.interviewerId, r.flag, r.truth === 1]);
    const open = () =>
      listOverdueScorecards(new Date(END.getTime() + 1))
        .filter((r) => r.interviewId === id)
        .map((r) => r.status);
    const seat = (who: { id: number }) => and(eq(t.scorecards.interviewId, id), eq(t.scorecards.interviewerId, who.id));
    const expectFlags = (submitted: number[], panel = [ann, bo, cy]) =>
      expect(flags()).toEqual(panel.map((u) => [u.id, submitted.includes(u.id), submitted.includes(u.id)]));

    expectFlags([]);
    createScorecard({ interviewId: id, interviewerId: ann.id, status: "draft" });
    createScorecard({ interviewId: id, interviewerId: bo.id });
    expectFlags([bo.id]);
    expect(open()).toEqual(["draft", "not_started"]);
    db.update(t.scorecards).set({ status: "submitted", submittedAt: END.toISOString() }).where(seat(ann)).run();
    expectFlags([ann.id, bo.id]);
    expect(open()).toEqual(["not_started"]);
    db.update(t.scorecards).set({ status: "draft", submittedAt: null }).where(seat(bo)).run();
    expectFlags([ann.id]);
    db.delete(t.scorecards).where(seat(ann)).run();
    expectFlags([]);
    expect(open()).toEqual(["not_started", "draft", "not_started"]);
    // A seat written after its scorecard (a panel rebuilt) reads the scorecard.
    createScorecard({ interviewId: id, interviewerId: cy.id });
    db.run(sql`pragma foreign_keys = off`);
    try {
      db.delete(t.panelAssignments).where(eq(t.panelAssignments.interviewId, id)).run();
      db.insert(t.panelAssignments)
        .values([ann, bo, cy].map((u) => ({ interviewId: id, interviewerId: u.id })))
        .run();
    } finally {
      db.run(sql`pragma foreign_keys = on`);
    }
    expectFlags([cy.id]);
    expect(open()).toEqual(["not_started", "draft"]);
    // A scorecard or a seat moved to another panellist: nothing in the app does either, and the
    // triggers follow them all the same.
    const dee = await createUser();
    const seatOf = (who: { id: number }) =>
      and(eq(t.panelAssignments.interviewId, id), eq(t.panelAssignments.interviewerId, who.id));
    db.run(sql`pragma foreign_keys = off`);
    try {
      db.update(t.scorecards).set({ interviewerId: ann.id }).where(seat(cy)).run();
      expectFlags([ann.id]);
      db.update(t.panelAssignments).set({ interviewerId: dee.id }).where(seatOf(ann)).run();
      expectFlags([], [bo, cy, dee]);
      db.update(t.scorecards).set({ interviewerId: dee.id }).where(seat(ann)).run();
      expectFlags([dee.id], [bo, cy, dee]);
    } finally {
      db.run(sql`pragma foreign_keys = on`);
    }
  });
});
