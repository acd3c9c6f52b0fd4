import { and, eq, fillPlaceholders, gte, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, type Db } from "~db/client";
import * as t from "~db/schema";
import { isIsoDate } from "~/domain/iso-date";
import { serializeRatingsCsv, type Rating, type ScorecardRedFlags } from "~/domain/calibration";
import { erasedName } from "./candidate-erasure.server";

// Submitted ratings in the calibration domain's long format, for the calibrate CLI, the export CLI
// and the calibration dashboard. Only submitted scorecards count: a draft may still change.
//
// Identities in the CSV:
// - an interviewer is their email (unique in `users`);
// - a candidate is their id, in the `candidate_id` column; the `candidate` column is the display
//   label "<name> #<id>" (e.g. "Ana Abbott #37"), unique so that a statistic over the file (the
//   calibrate CLI) keeps two candidates of one name apart. Nothing reads an id back out of a label:
//   the import matches on candidate_id (app/models/rating-import-matching.server.ts).
// - the date is the UTC calendar day of the interview's scheduled time (scheduled_at is UTC ISO).

/** Narrows an export. Every field is optional; an omitted field does not filter. */
export interface RatingFilter {
  /** First interview date included, yyyy-mm-dd (UTC day of the interview). */
  from?: string;
  /** Last interview date included, yyyy-mm-dd. */
  to?: string;
  /** Interview variant keys; an empty list matches nothing. */
  variants?: string[];
  /** Candidate target levels; an empty list matches nothing. */
  levels?: string[];
  /** Interviewer user ids; an empty list matches nothing. */
  interviewerIds?: number[];
  /** One dimension key. */
  dimension?: string;
}

/**
 * The label a candidate has in exported CSV and on the dashboard: "<name> #<id>" (names are not
 * unique). An erased candidate's pseudonym already ends in the id, so it is the label as it stands.
 */
export function candidateLabel(name: string, id: number): string {
  return name === erasedName(id) ? name : `${name} #${id}`;
}

/** Thrown for a filter no query should run with (a malformed date). */
export class RatingFilterError extends Error {
  override name = "RatingFilterError";
}

function checkFilter(filter: RatingFilter): void {
  for (const key of ["from", "to"] as const) {
    const value = filter[key];
    if (value !== undefined && !isIsoDate(value))
      throw new RatingFilterError(`${key} "${value}" is not a yyyy-mm-dd date`);
  }
}

const p = sql.placeholder;
type FilterKey = keyof RatingFilter;
const FILTER_KEYS: readonly FilterKey[] = ["from", "to", "variants", "levels", "interviewerIds", "dimension"];

/** The filters in use, e.g. "from,variants": one prepared statement per shape, not per value. */
export const shapeOf = (filter: RatingFilter): FilterKey[] => FILTER_KEYS.filter((key) => filter[key] !== undefined);

/** Placeholder values; lists travel as JSON, read in SQL with json_each. */
export function paramsOf(filter: RatingFilter): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (filter.from !== undefined) params.from = filter.from;
  if (filter.to !== undefined) params.to = filter.to;
  if (filter.variants !== undefined) params.variants = JSON.stringify(filter.variants);
  if (filter.levels !== undefined) params.levels = JSON.stringify(filter.levels);
  if (filter.interviewerIds !== undefined) params.interviewerIds = JSON.stringify(filter.interviewerIds);
  if (filter.dimension !== undefined) params.dimension = filter.dimension;
  return params;
}

const inList = (column: AnyColumn, name: string) => sql`${column} in (select value from json_each(${p(name)}))`;

/**
 * The WHERE conditions on interviews (i), candidates (c) and scorecards (s) shared by both exports.
 * `to` is inclusive: scheduled_at (a full timestamp) is compared with the start of the next day,
 * which keeps the interviews_scheduled index usable.
 */
export function scorecardConditions(shape: readonly FilterKey[]): SQL[] {
  // Practice scorecards (interviews on an exemplar) never count in a real statistic.
  const where: SQL[] = [eq(t.scorecards.status, "submitted"), isNull(t.interviews.exemplarId)];
  if (shape.includes("from")) where.push(gte(t.interviews.scheduledAt, p("from")));
  if (shape.includes("to")) where.push(sql`${t.interviews.scheduledAt} < date(${p("to")}, '+1 day')`);
  if (shape.includes("variants")) where.push(inList(t.interviews.variantKey, "variants"));
  if (shape.includes("levels")) where.push(inList(t.candidates.targetLevel, "levels"));
  if (shape.includes("interviewerIds")) where.push(inList(t.scorecards.interviewerId, "interviewerIds"));
  return where;
}

function ratingsQuery(db: Db, shape: readonly FilterKey[]) {
  const where = scorecardConditions(shape);
  if (shape.includes("dimension")) where.push(eq(t.ratings.dimensionKey, p("dimension")));
  return (
    db
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
      // Oldest interview first; within a scorecard, the order the ratings were stored (rubric order).
      .orderBy(t.interviews.scheduledAt, t.interviews.id, t.scorecards.id, sql`${t.ratings}.rowid`)
  );
}

/** One row of the ratings query as better-sqlite3 gives it raw, in ratingsQuery's column order. */
type RawRating = [
  candidateId: number,
  candidateName: string,
  interviewer: string,
  dimension: string,
  score: number,
  variant: string,
  level: string,
  date: string,
  recommendation: string | null,
  rubricVersion: number,
];

// The ratings query's SQL on a raw better-sqlite3 statement, read as arrays: drizzle's row mapping
// (an object per row, column by column) was most of the cost of reading 400,000 ratings (#16).
function buildRatingsStatement(db: Db, shape: readonly FilterKey[]) {
  const query = ratingsQuery(db, shape).toSQL();
  return { statement: db.$client.prepare(query.sql).raw(true), params: query.params };
}

function buildRedFlagsQuery(db: Db, shape: readonly FilterKey[]) {
  const where = scorecardConditions(shape);
  // The same scorecards as the ratings export: those with a rating (on the dimension, if filtered).
  const dimension = shape.includes("dimension") ? sql` and r.dimension_key = ${p("dimension")}` : sql``;
  where.push(sql`exists (select 1 from ${t.ratings} r where r.scorecard_id = ${t.scorecards.id}${dimension})`);
  // Imported scorecards carry no red flags (the CSV has none): counting them as "no flag raised"
  // would dilute every red-flag rate, so they are left out of it.
  where.push(isNull(t.scorecards.importKey));
  return db
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
    .prepare();
}

/** Prepared statements per connection and filter shape (at most 2^6 of each). */
function statementCache<S>(build: (db: Db, shape: readonly FilterKey[]) => S) {
  const cache = new WeakMap<Db, Map<string, S>>();
  return (db: Db, shape: readonly FilterKey[]): S => {
    let byShape = cache.get(db);
    if (!byShape) cache.set(db, (byShape = new Map()));
    const key = shape.join(",");
    let statement = byShape.get(key);
    if (statement === undefined) byShape.set(key, (statement = build(db, shape)));
    return statement;
  };
}

const ratingsStatement = statementCache(buildRatingsStatement);
const redFlagsStatement = statementCache(buildRedFlagsQuery);

/** Every rating of a submitted scorecard that the filter admits: one row per candidate x interviewer x dimension. */
export function exportRatings(filter: RatingFilter = {}, db: Db = getDb()): Rating[] {
  checkFilter(filter);
  const { statement, params } = ratingsStatement(db, shapeOf(filter));
  // One label string per candidate (each has several ratings), and one per rubric version.
  const labels = new Map<number, string>();
  const versions = new Map<number, string>();
  const ratings: Rating[] = [];
  for (const row of statement.iterate(...fillPlaceholders(params, paramsOf(filter))) as IterableIterator<RawRating>) {
    const [candidateId, candidateName, interviewer, dimension, score, variant, level, date, recommendation, version] =
      row;
    let candidate = labels.get(candidateId);
    if (candidate === undefined) labels.set(candidateId, (candidate = candidateLabel(candidateName, candidateId)));
    let rubricVersion = versions.get(version);
    if (rubricVersion === undefined) versions.set(version, (rubricVersion = String(version)));
    const rating: Rating = { candidate, candidateId, interviewer, dimension, score, variant, level, date };
    if (recommendation !== null) rating.recommendation = recommendation;
    rating.rubricVersion = rubricVersion;
    ratings.push(rating);
  }
  return ratings;
}

/** Red flags raised per submitted scorecard, for the same scorecards exportRatings covers with this filter. */
export function exportScorecardRedFlags(filter: RatingFilter = {}, db: Db = getDb()): ScorecardRedFlags[] {
  checkFilter(filter);
  return redFlagsStatement(db, shapeOf(filter))
    .all(paramsOf(filter))
    .map((row) => ({
      candidate: candidateLabel(row.candidateName, row.candidateId),
      candidateId: row.candidateId,
      interviewer: row.interviewer,
      redFlags: row.redFlags,
    }));
}

/** The filtered export as CSV, in the format parseRatingsCsv reads. */
export function exportRatingsCsv(filter: RatingFilter = {}, db: Db = getDb()): string {
  return serializeRatingsCsv(exportRatings(filter, db));
}
