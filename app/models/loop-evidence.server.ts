import { sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "~db/client";
import type { LoopEvidence } from "~/domain/calibration/dashboard";
import { OVERDUE_AFTER_HOURS, type CountRecord, type PracticeCell } from "~/domain/calibration/loop-effects";
import { decisionOf } from "~/domain/debrief-votes";
import type { Recommendation } from "~/domain/rubric/types";
import { listExemplars } from "./exemplar.server";
import { candidateLabel, type RatingFilter } from "./rating-export.server";

// The evidence behind the lead's-loop effects (app/domain/calibration/loop-effects.ts), read for
// one dashboard filter. Real interviews only (practice has its own effect). Amendments, overdue
// seats and decisions follow the date, variant and level filters (by the interview's day);
// practice covers all time (the exemplars are few and scored once).

/** Conditions on an interview aliased `i` and its candidate `c`. */
function interviewConditions(filter: RatingFilter): SQL {
  const parts: SQL[] = [sql`i.exemplar_id is null`];
  if (filter.from) parts.push(sql`i.scheduled_at >= ${filter.from}`);
  if (filter.to) parts.push(sql`i.scheduled_at < date(${filter.to}, '+1 day')`);
  if (filter.variants)
    parts.push(sql`i.variant_key in (select value from json_each(${JSON.stringify(filter.variants)}))`);
  if (filter.levels) parts.push(sql`c.target_level in (select value from json_each(${JSON.stringify(filter.levels)}))`);
  return sql.join(parts, sql` and `);
}

interface Row {
  interviewer: string;
  interview_id: number;
  candidate_id: number;
  candidate_name: string;
  hit: number;
}
const toRecords = (rows: Row[]): CountRecord[] =>
  rows.map((r) => ({
    interviewer: r.interviewer,
    interviewId: r.interview_id,
    label: candidateLabel(r.candidate_name, r.candidate_id),
    hit: r.hit === 1,
  }));

/** One record per submitted scorecard: was it amended after its author saw the panel? */
function amendmentRecords(db: Db, filter: RatingFilter): CountRecord[] {
  return toRecords(
    db.all<Row>(sql`
      select u.email as interviewer, i.id as interview_id, c.id as candidate_id, c.name as candidate_name,
        exists (select 1 from scorecard_revisions r where r.scorecard_id = s.id and r.after_seeing_others = 1) as hit
      from scorecards s join interviews i on i.id = s.interview_id join candidates c on c.id = i.candidate_id
        join users u on u.id = s.interviewer_id
      where s.status = 'submitted' and ${interviewConditions(filter)}
      order by i.scheduled_at, i.id`),
  );
}

/**
 * One record per panel seat of an interview that ended OVERDUE_AFTER_HOURS ago or more: was its
 * scorecard still not submitted by then (submitted late, or not yet)?
 */
function overdueRecords(db: Db, filter: RatingFilter, now: Date): CountRecord[] {
  const due = sql`strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || (i.duration_minutes + ${OVERDUE_AFTER_HOURS * 60}) || ' minutes')`;
  return toRecords(
    db.all<Row>(sql`
      select u.email as interviewer, i.id as interview_id, c.id as candidate_id, c.name as candidate_name,
        (s.submitted_at is null or s.status <> 'submitted' or s.submitted_at > ${due}) as hit
      from panel_assignments p join interviews i on i.id = p.interview_id join candidates c on c.id = i.candidate_id
        join users u on u.id = p.interviewer_id
        left join scorecards s on s.interview_id = i.id and s.interviewer_id = p.interviewer_id
      where ${interviewConditions(filter)} and ${due} <= ${now.toISOString()}
      order by i.scheduled_at, i.id`),
  );
}

/** One record per independent vote in a decided debrief: did it argue against the final decision? */
function decisionRecords(db: Db, filter: RatingFilter): CountRecord[] {
  const rows = db.all<Omit<Row, "hit"> & { recommendation: Recommendation; decision: "hire" | "no_hire" }>(sql`
    select u.email as interviewer, i.id as interview_id, c.id as candidate_id, c.name as candidate_name,
      v.recommendation, d.decision
    from debriefs d join debrief_votes v on v.interview_id = d.interview_id and v.round = 'independent'
      join interviews i on i.id = d.interview_id join candidates c on c.id = i.candidate_id
      join users u on u.id = v.interviewer_id
    where d.decision is not null and ${interviewConditions(filter)}
    order by d.decided_at, i.id`);
  return toRecords(rows.map((r) => ({ ...r, hit: decisionOf(r.recommendation) === r.decision ? 0 : 1 })));
}

/** Every rating of a submitted practice scorecard that its exemplar's key rates too. */
function practiceCells(db: Db): PracticeCell[] {
  const keys = new Map(listExemplars(db).map((e) => [e.id, e.referenceKey.ratings]));
  const rows = db.all<{
    interviewer: string;
    exemplar_id: number;
    interview_id: number;
    label: string;
    dimension: string;
    score: number;
  }>(sql`
    select u.email as interviewer, i.exemplar_id, i.id as interview_id, c.name as label,
      r.dimension_key as dimension, r.score
    from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
      join candidates c on c.id = i.candidate_id join users u on u.id = s.interviewer_id
    where i.exemplar_id is not null and s.status = 'submitted'
    order by s.id, r.rowid`);
  return rows.flatMap((r) => {
    const key = keys.get(r.exemplar_id)?.[r.dimension];
    return key == null
      ? []
      : [
          {
            interviewer: r.interviewer,
            exemplar: String(r.exemplar_id),
            interviewId: r.interview_id,
            label: r.label,
            dimension: r.dimension,
            score: r.score,
            key,
          },
        ];
  });
}

/** The loop evidence for one filter; `redFlags` comes from the dashboard's own red-flag export. */
export function loadLoopEvidence(
  filter: RatingFilter,
  redFlags: LoopEvidence["redFlags"],
  now = new Date(),
  db: Db = getDb(),
): LoopEvidence {
  return {
    redFlags,
    practice: practiceCells(db),
    amendments: amendmentRecords(db, filter),
    overdue: overdueRecords(db, filter, now),
    decisions: decisionRecords(db, filter),
  };
}
