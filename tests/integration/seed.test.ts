import { count, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Connection, type Db } from "~db/client";
import * as t from "~db/schema";
import { DEMO_DEBRIEFS } from "~/seed/debriefs.server";
import { seedDemo, type SeedSummary } from "~/seed/demo.server";
import { openDemoCopy } from "../support/database-templates";

const NOW = new Date("2026-11-22T08:00:00Z");
const total = (db: Db, table: typeof t.users | typeof t.scorecards | typeof t.candidates) =>
  db.select({ n: count() }).from(table).get()!.n;

describe("the demo organisation", () => {
  let first: SeedSummary;
  beforeAll(async () => {
    first = await seedDemo(getDb(), { now: NOW });
  });

  it("seeds once and never twice", async () => {
    expect(first.seeded).toBe(true);
    const before = [total(getDb(), t.users), total(getDb(), t.candidates), total(getDb(), t.scorecards)];
    const second = await seedDemo(getDb(), { now: NOW });
    expect(second.seeded).toBe(false);
    expect([total(getDb(), t.users), total(getDb(), t.candidates), total(getDb(), t.scorecards)]).toEqual(before);
  });

  it("has the people the dashboard needs", () => {
    const roles = getDb()
      .select({ role: t.userRoles.role, n: count() })
      .from(t.userRoles)
      .groupBy(t.userRoles.role)
      .all();
    const byRole = Object.fromEntries(roles.map((r) => [r.role, r.n]));
    expect(byRole.interviewer).toBeGreaterThanOrEqual(10);
    expect(byRole.lead).toBe(2);
    const lead = getDb().select().from(t.users).where(eq(t.users.email, "lead@demo.test")).get()!;
    const leadRoles = getDb()
      .select({ role: t.userRoles.role })
      .from(t.userRoles)
      .where(eq(t.userRoles.userId, lead.id))
      .all();
    expect(leadRoles.map((r) => r.role).sort()).toEqual(["admin", "lead"]);
  });

  it("has 120+ candidates across all variants and levels, 400+ submitted scorecards from panels of 2–4", () => {
    expect(total(getDb(), t.candidates)).toBeGreaterThanOrEqual(120);
    const submitted = getDb()
      .select({ n: count() })
      .from(t.scorecards)
      .where(eq(t.scorecards.status, "submitted"))
      .get()!.n;
    expect(submitted).toBeGreaterThanOrEqual(400);
    const variants = getDb().selectDistinct({ v: t.interviews.variantKey }).from(t.interviews).all();
    expect(variants).toHaveLength(7);
    const levels = getDb().selectDistinct({ l: t.candidates.targetLevel }).from(t.candidates).all();
    expect(levels).toHaveLength(3);
    // Real interviews only: a practice interview on an exemplar has the practising interviewer alone on it.
    const panelSizes = getDb()
      .select({ size: count() })
      .from(t.panelAssignments)
      .innerJoin(t.interviews, eq(t.interviews.id, t.panelAssignments.interviewId))
      .where(isNull(t.interviews.exemplarId))
      .groupBy(t.panelAssignments.interviewId)
      .all()
      .map((r) => r.size);
    expect(Math.min(...panelSizes)).toBe(2);
    expect(Math.max(...panelSizes)).toBe(4);
  });

  it("gives the demo interviewer upcoming interviews with no scorecard yet", () => {
    const rows = getDb().all<{ scheduled_at: string; has_card: number }>(sql`
      select i.scheduled_at, exists(select 1 from scorecards s where s.interview_id = i.id and s.interviewer_id = u.id) as has_card
      from users u join panel_assignments p on p.interviewer_id = u.id join interviews i on i.id = p.interview_id
      where u.email = 'interviewer@demo.test' and i.scheduled_at > ${NOW.toISOString()}`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.has_card === 0)).toBe(true);
  });

  it("plants the rater styles: a lenient, a harsh, a halo and a central interviewer", () => {
    const meanOf = (email: string) =>
      getDb().get<{ mean: number; distinct_per_card: number; min: number; max: number }>(sql`
        select avg(r.score) as mean, min(r.score) as min, max(r.score) as max,
          avg((select count(distinct r2.score) from ratings r2 where r2.scorecard_id = s.id)) as distinct_per_card
        from ratings r join scorecards s on s.id = r.scorecard_id join users u on u.id = s.interviewer_id where u.email = ${email}`);
    const overall = getDb().get<{ mean: number }>(sql`select avg(score) as mean from ratings`).mean;
    expect(meanOf("jordan@demo.test").mean - overall).toBeGreaterThan(0.5);
    expect(meanOf("casey@demo.test").mean - overall).toBeLessThan(-0.5);
    expect(meanOf("priya@demo.test").distinct_per_card).toBe(1);
    expect(meanOf("morgan@demo.test")).toMatchObject({ min: 2, max: 3 });
  });

  it("scores the Amazon variant harsher on Repair than the other variants", () => {
    const repairMean = (amazon: boolean) =>
      getDb().get<{ mean: number }>(sql`
        select avg(r.score) as mean from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
        where r.dimension_key = 'repair' and (i.variant_key = 'amazon') = ${amazon ? 1 : 0}`).mean;
    expect(repairMean(false) - repairMean(true)).toBeGreaterThan(0.3);
  });

  // The other seed is this run's demo template (tests/support/database-templates.ts): the real seed,
  // run on the same day in a database of its own, maybe by another worker.
  describe("is deterministic", () => {
    let other: Connection;
    beforeAll(async () => {
      other = await openDemoCopy(NOW);
    });
    afterAll(() => other.sqlite.close());

    it("the same seed gives the same organisation", () => {
      const fingerprint = (db: Db) =>
        db.all(sql`select c.name, s.interviewer_id, r.dimension_key, r.score from ratings r join scorecards s on s.id = r.scorecard_id
          join interviews i on i.id = s.interview_id join candidates c on c.id = i.candidate_id order by r.scorecard_id, r.dimension_key`);
      expect(fingerprint(other.db)).toEqual(fingerprint(getDb()));
    });

    it("a second demo database gets the same votes, re-votes, decisions and conversations", () => {
      const fingerprint = (db: Db) => [
        db.all(sql`select interview_id, decision, decision_note from debriefs order by interview_id`),
        db.all(sql`select interview_id, interviewer_id, round, recommendation, reason from debrief_votes order by id`),
        db.all(
          sql`select interviewer_id, effect, agreed, held_on, follow_up_on from calibration_conversations order by id`,
        ),
      ];
      const mine = fingerprint(getDb());
      expect(mine[1].length).toBeGreaterThan(DEMO_DEBRIEFS * 2);
      expect(fingerprint(other.db)).toEqual(mine);
    });
  });
});
