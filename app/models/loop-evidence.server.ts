import { sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "~db/client";
import type { LoopEvidence } from "~/domain/calibration/dashboard";
import {
  countRecord,
  measureRecordedLoopEffects,
  OVERDUE_AFTER_HOURS,
  tallyRecords,
  type CountRecord,
  type LoopEffectMeasure,
  type PracticeCell,
  type RecordedLoopEvidence,
  type RecordedLoopTallies,
  type ShareTally,
} from "~/domain/calibration/loop-effects";
import { decisionOf } from "~/domain/debrief-votes";
import type { Recommendation } from "~/domain/rubric/types";
import { listExemplars } from "./exemplar.server";
import { candidateLabel, userEmails, type RatingFilter } from "./rating-export.server";

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

// Amendments and overdue seats are one record per submitted scorecard / panel seat (100,000s on a
// large organisation): each is read as one JSON array built by SQLite, oldest interview first (within
// one interview by interviewer id), not a row object per record (#16: the crossing per row was most
// of the cost). As records, [interviewer id, interview id, candidate id, candidate name, hit] each; to
// be counted (the dashboard's effects, which link only hits), a hit as [interviewer id, interview id,
// candidate id, candidate name] and any other record as its bare interviewer id.
type RecordRow = [interviewerId: number, interviewId: number, candidateId: number, candidateName: string, hit: number];
type TallyRow = number | [interviewerId: number, interviewId: number, candidateId: number, candidateName: string];

/** One kind of record: its interviewer, interview and hit (the candidate is `c`), the rows it ranges over and their order. */
interface RecordQuery {
  with?: SQL;
  interviewer: SQL;
  hit: SQL;
  order: SQL;
  from: SQL;
}

function readJsonArray<T>(db: Db, query: RecordQuery, element: SQL): T[] {
  const { rows } = db.get<{ rows: string }>(
    sql`${query.with ?? sql``} select json_group_array(${element} order by ${query.order}) as rows from ${query.from}`,
  );
  return JSON.parse(rows) as T[];
}

function readRecords(db: Db, query: RecordQuery): CountRecord[] {
  const rows = readJsonArray<RecordRow>(
    db,
    query,
    sql`json_array(${query.interviewer}, i.id, c.id, c.name, ${query.hit})`,
  );
  const emails = userEmails(db);
  const labels = new Map<number, string>();
  const out: CountRecord[] = [];
  for (const [interviewerId, interviewId, candidateId, name, hit] of rows) {
    const interviewer = emails.get(interviewerId);
    if (interviewer === undefined) continue; // as the join on users did
    let label = labels.get(candidateId);
    if (label === undefined) labels.set(candidateId, (label = candidateLabel(name, candidateId)));
    out.push({ interviewer, interviewId, label, hit: hit === 1 });
  }
  return out;
}

/** The same records as readRecords, counted per interviewer as they are read. */
function readTally(db: Db, query: RecordQuery): ShareTally {
  const rows = readJsonArray<TallyRow>(
    db,
    query,
    sql`case when ${query.hit} then json_array(${query.interviewer}, i.id, c.id, c.name) else ${query.interviewer} end`,
  );
  const emails = userEmails(db);
  const tally: ShareTally = new Map();
  for (const row of rows) {
    const hit = typeof row !== "number";
    const interviewer = emails.get(hit ? row[0] : row);
    if (interviewer === undefined) continue; // as the join on users did
    countRecord(tally, interviewer, hit ? { label: candidateLabel(row[3], row[2]), interviewId: row[1] } : null);
  }
  return tally;
}

/** One record per submitted scorecard: was it amended after its author saw the panel? */
function amendments(filter: RatingFilter): RecordQuery {
  return {
    interviewer: sql`s.interviewer_id`,
    hit: sql`exists (select 1 from scorecard_revisions r where r.scorecard_id = s.id and r.after_seeing_others = 1)`,
    order: sql`i.scheduled_at, i.id, s.interviewer_id`,
    from: sql`scorecards s join interviews i on i.id = s.interview_id join candidates c on c.id = i.candidate_id
      where s.status = 'submitted' and ${interviewConditions(filter)}`,
  };
}

/**
 * One record per panel seat of an interview that ended OVERDUE_AFTER_HOURS ago or more: was its
 * scorecard still not submitted by then (submitted late, or not yet)?
 */
function overdueSeats(filter: RatingFilter, now: Date): RecordQuery {
  // Each interview's due time computed once (strftime costs about a microsecond a call), not twice per seat.
  const due = sql`strftime('%Y-%m-%dT%H:%M:%fZ', i.scheduled_at, '+' || (i.duration_minutes + ${OVERDUE_AFTER_HOURS * 60}) || ' minutes')`;
  return {
    with: sql`with d as materialized (select i.id as interview_id, ${due} as due
      from interviews i join candidates c on c.id = i.candidate_id where ${interviewConditions(filter)})`,
    interviewer: sql`p.interviewer_id`,
    hit: sql`(s.submitted_at is null or s.status <> 'submitted' or s.submitted_at > d.due)`,
    order: sql`i.scheduled_at, i.id, p.interviewer_id`,
    from: sql`d join interviews i on i.id = d.interview_id join panel_assignments p on p.interview_id = i.id
      join candidates c on c.id = i.candidate_id
      left join scorecards s on s.interview_id = i.id and s.interviewer_id = p.interviewer_id
      where d.due <= ${now.toISOString()}`,
  };
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
  return { redFlags, ...loadRecordedLoopEvidence(filter, now, db) };
}

/** The loop evidence but the red flags (which come with the ratings). */
export function loadRecordedLoopEvidence(
  filter: RatingFilter,
  now = new Date(),
  db: Db = getDb(),
): RecordedLoopEvidence {
  return {
    practice: practiceCells(db),
    amendments: readRecords(db, amendments(filter)),
    overdue: readRecords(db, overdueSeats(filter, now)),
    decisions: decisionRecords(db, filter),
  };
}

/** The same evidence, its share records counted as they are read (tallyLoopEvidence of the above). */
export function loadRecordedLoopTallies(filter: RatingFilter, now = new Date(), db: Db = getDb()): RecordedLoopTallies {
  return {
    practice: practiceCells(db),
    amendments: readTally(db, amendments(filter)),
    overdue: readTally(db, overdueSeats(filter, now)),
    decisions: tallyRecords(decisionRecords(db, filter)),
  };
}

/**
 * The connection's PRAGMA data_version: "two invocations … from the same connection will be
 * different if changes were committed to the database by any other connection in the interim"
 * (sqlite.org/pragma.html#pragma_data_version). Outside a transaction the pragma starts a read of
 * its own, so the value is the database's as of now; inside one it is fixed at the transaction's
 * snapshot (and, as the first read of a transaction, takes that snapshot).
 */
export function dataVersion(db: Db = getDb()): number {
  return db.$client.pragma("data_version", { simple: true }) as number;
}

/**
 * The loop evidence but the red flags, read in one transaction on this connection and measured:
 * `onSnapshot` is called once the transaction's snapshot is taken, before the reads, so that a
 * reader on another connection can take its own snapshot next and check that no commit came between
 * (readsInOneState below).
 */
export function measureRecordedLoopInSnapshot(
  filter: RatingFilter,
  onSnapshot: () => void,
  now = new Date(),
  db: Db = getDb(),
): LoopEffectMeasure[] {
  const evidence = db.$client.transaction(() => {
    dataVersion(db);
    onSnapshot();
    return loadRecordedLoopTallies(filter, now, db);
  })();
  return measureRecordedLoopEffects(evidence);
}

/**
 * Whether this connection's read transaction sees the same database as one taken on another
 * connection after `before = dataVersion(db)` (read outside any transaction on this connection) and
 * before this transaction began: called first in the transaction, it takes the snapshot; equal
 * versions mean no connection committed between `before` and now, so both snapshots lie in one state.
 */
export function readsInOneState(before: number, db: Db = getDb()): boolean {
  return dataVersion(db) === before;
}
