// Amendment and overdue records read as JSON arrays built by SQLite (#16) are the records the row
// queries they replaced gave: the same records, and for each interviewer the same sequence (oldest
// first: what measureShare and its links read). Within one interview the old queries had no order.
import { beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "~db/client";
import type { CountRecord } from "~/domain/calibration/loop-effects";
import { OVERDUE_AFTER_HOURS, tallyLoopEvidence } from "~/domain/calibration/loop-effects";
import { loadLoopEvidence, loadRecordedLoopEvidence, loadRecordedLoopTallies } from "~/models/loop-evidence.server";
import { candidateLabel, type RatingFilter } from "~/models/rating-export.server";
import { plantLoopEffects } from "../support/plant-loop-effects";
import { useDemoDatabase } from "../support/database-templates";

const NOW = new Date();

beforeAll(async () => {
  await useDemoDatabase(NOW);
  await plantLoopEffects(NOW);
}, 120_000);

// The queries as they were before #16.
function conditions(filter: RatingFilter): SQL {
  const parts: SQL[] = [sql`i.exemplar_id is null`];
  if (filter.from) parts.push(sql`i.scheduled_at >= ${filter.from}`);
  if (filter.to) parts.push(sql`i.scheduled_at < date(${filter.to}, '+1 day')`);
  if (filter.variants)
    parts.push(sql`i.variant_key in (select value from json_each(${JSON.stringify(filter.variants)}))`);
  if (filter.levels) parts.push(sql`c.target_level in (select value from json_each(${JSON.stringify(filter.levels)}))`);
  return sql.join(parts, sql` and `);
}
type Row = { interviewer: string; interview_id: number; candidate_id: number; candidate_name: string; hit: number };
const records = (query: SQL): CountRecord[] =>
  getDb()
    .all<Row>(query)
    .map((r) => ({
      interviewer: r.interviewer,
      interviewId: r.interview_id,
      label: candidateLabel(r.candidate_name, r.candidate_id),
      hit: r.hit === 1,
    }));
const oldAmendments = (filter: RatingFilter) =>
  records(sql`
    select u.email as interviewer, i.id as interview_id, c.id as candidate_id, c.name as candidate_name,
      exists (select 1 from scorecard_revisions r where r.scorecard_id = s.id and r.after_seeing_others = 1) as hit
    from scorecards s join interviews i on i.id = s.interview_id join candidates c on c.id = i.candidate_id
      join users u on u.id = s.interviewer_id
    where s.status = 'submitted' and ${conditions(filter)}
    order by i.scheduled_at, i.id`);
function oldOverdue(filter: RatingFilter, now: Date) {
  const due = sql`strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || (i.duration_minutes + ${OVERDUE_AFTER_HOURS * 60}) || ' minutes')`;
  return records(sql`
    select u.email as interviewer, i.id as interview_id, c.id as candidate_id, c.name as candidate_name,
      (s.submitted_at is null or s.status <> 'submitted' or s.submitted_at > ${due}) as hit
    from panel_assignments p join interviews i on i.id = p.interview_id join candidates c on c.id = i.candidate_id
      join users u on u.id = p.interviewer_id
      left join scorecards s on s.interview_id = i.id and s.interviewer_id = p.interviewer_id
    where ${conditions(filter)} and ${due} <= ${now.toISOString()}
    order by i.scheduled_at, i.id`);
}

/** Each interviewer's records in order. */
function byInterviewer(list: readonly CountRecord[]): Map<string, CountRecord[]> {
  const map = new Map<string, CountRecord[]>();
  for (const r of list) map.set(r.interviewer, [...(map.get(r.interviewer) ?? []), r]);
  return map;
}
const key = (r: CountRecord) => JSON.stringify([r.interviewId, r.interviewer, r.label, r.hit]);

describe("loadLoopEvidence", () => {
  const filters: [string, RatingFilter][] = [
    ["no filter", {}],
    ["from and to", { from: "2026-01-01", to: NOW.toISOString().slice(0, 10) }],
    ["variants and levels", { variants: ["default", "amazon"], levels: ["senior", "mid"] }],
    ["an empty list", { variants: [] }],
  ];
  it.each(filters)("%s: the amendment and overdue records the old queries gave", (_, filter) => {
    const evidence = loadLoopEvidence(filter, [], NOW);
    for (const [got, expected] of [
      [evidence.amendments, oldAmendments(filter)],
      [evidence.overdue, oldOverdue(filter, NOW)],
    ]) {
      expect(got.map(key).sort()).toEqual(expected.map(key).sort());
      expect(byInterviewer(got)).toEqual(byInterviewer(expected));
      // Oldest interview first overall, as before.
      expect(got.map((r) => r.interviewId)).toEqual(expected.map((r) => r.interviewId));
    }
    if (filter.variants?.length !== 0) {
      expect(evidence.amendments.some((r) => r.hit)).toBe(true);
      expect(evidence.overdue.some((r) => r.hit)).toBe(true);
      expect(evidence.overdue.some((r) => !r.hit)).toBe(true);
    }
  });

  it.each(filters)("%s: the tallies read for the dashboard's effects are those records counted", (_, filter) => {
    const tallies = loadRecordedLoopTallies(filter, NOW);
    const counted = tallyLoopEvidence(loadRecordedLoopEvidence(filter, NOW));
    expect(tallies).toEqual(counted);
    // The order of each tally is its interviewers' first records' (Map equality ignores order).
    for (const kind of ["amendments", "overdue", "decisions"] as const)
      expect([...tallies[kind].keys()]).toEqual([...counted[kind].keys()]);
    if (filter.variants?.length !== 0) expect([...tallies.overdue.values()].some((c) => c.links.length > 0)).toBe(true);
  });
});
