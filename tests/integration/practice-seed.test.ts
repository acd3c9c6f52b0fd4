import { count, eq, isNotNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { computeKeyDistances } from "~/domain/practice";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { listExemplars, listPracticeRatings } from "~/models/exemplar.server";
import { exportRatings } from "~/models/rating-export.server";
import { useDemoDatabase } from "../support/database-templates";

// The demo organisation's practice data, in this file's own database.
describe("the demo organisation's practice", () => {
  beforeAll(async () => {
    await useDemoDatabase();
  });

  it("has the two seed exemplars and submitted practice scorecards, each on a one-person practice panel", () => {
    expect(listExemplars().map((e) => e.title)).toEqual(SEED_EXEMPLARS.map((e) => e.title));
    const practice = getDb()
      .select({ id: t.interviews.id })
      .from(t.interviews)
      .where(isNotNull(t.interviews.exemplarId))
      .all();
    expect(practice.length).toBeGreaterThanOrEqual(20);
    const panels = getDb().all<{ size: number; submitted: number }>(sql`
      select (select count(*) from panel_assignments p where p.interview_id = i.id) as size,
             (select count(*) from scorecards s where s.interview_id = i.id and s.status = 'submitted') as submitted
      from interviews i where i.exemplar_id is not null`);
    expect(panels.every((p) => p.size === 1 && p.submitted === 1)).toBe(true);
  });

  it("leaves the demo interviewer the second exemplar to try", () => {
    const mine = getDb().all<{ exemplar_id: number }>(sql`
      select i.exemplar_id from interviews i join panel_assignments p on p.interview_id = i.id join users u on u.id = p.interviewer_id
      where u.email = 'interviewer@demo.test' and i.exemplar_id is not null`);
    expect(mine.map((r) => r.exemplar_id)).toEqual([1]);
  });

  it("shows the planted styles against the key: Jordan above it, Casey below it", () => {
    const keys = new Map(listExemplars().map((e) => [e.id, e.referenceKey]));
    const distances = computeKeyDistances(listPracticeRatings(), keys);
    const idOf = (email: string) =>
      getDb().select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email)).get()!.id;
    const of = (email: string) => distances.find((d) => d.interviewerId === idOf(email))!;
    expect(of("jordan@demo.test").overall.meanSigned).toBeGreaterThan(0);
    expect(of("casey@demo.test").overall.meanSigned).toBeLessThan(-0.5);
    expect(distances).toHaveLength(11);
  });

  it("keeps the practice scorecards out of the real export", () => {
    const practiceCandidates = getDb()
      .select({ n: count() })
      .from(t.candidates)
      .where(sql`${t.candidates.name} like 'Practice:%'`)
      .get()!.n;
    expect(practiceCandidates).toBeGreaterThan(0);
    expect(exportRatings().some((r) => r.candidate.startsWith("Practice:"))).toBe(false);
  });
});
