import { and, eq, fillPlaceholders, gte, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, type Db } from "~db/client";
import * as t from "~db/schema";
import { isIsoDate } from "~/domain/iso-date";
import { serializeRatingsCsv, type Rating, type ScorecardRedFlags } from "~/domain/calibration";
import { assembleRatings, type AssemblyInput, type ScorecardRow } from "~/domain/calibration/rating-assembly";
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

const SCORECARD_FILTERS: readonly FilterKey[] = ["from", "to", "variants", "levels", "interviewerIds"];

// The read, in three statements per filter shape, each answering one row of JSON arrays built by
// SQLite: a row per rating through better-sqlite3 (an array, a string per text cell) cost about
// 1.3 µs of CPU each, three times SQLite's own join (#16). assembleRatings puts the parts together.
//
// The scorecards in view, in export order: oldest interview first. json_group_array's ORDER BY is
// what orders them (the order of an aggregate's input is otherwise unspecified).
function buildScorecardsStatement(db: Db, shape: readonly FilterKey[]) {
  const row = sql`json_array(${t.scorecards.id}, ${t.candidates.id}, ${t.candidates.name}, ${t.scorecards.interviewerId},
    ${t.interviews.variantKey}, ${t.candidates.targetLevel}, substr(${t.interviews.scheduledAt}, 1, 10),
    ${t.scorecards.recommendation}, ${t.scorecards.rubricVersionId}, ${t.scorecards.importKey} is not null)`;
  const order = sql`${t.interviews.scheduledAt}, ${t.interviews.id}, ${t.scorecards.id}`;
  const query = db
    .select({ rows: sql<string>`json_group_array(${row} order by ${order})` })
    .from(t.scorecards)
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .where(and(...scorecardConditions(shape)))
    .toSQL();
  return { statement: db.$client.prepare(query.sql).pluck(true), params: query.params };
}

// The ratings as columns, with their rowid (storage order, which is rubric order within a scorecard).
// Unfiltered by scorecard, the whole table in one scan: ratings of scorecards not in view (drafts,
// practice) are dropped in assembleRatings, cheaper than SQLite checking each against the view.
// With a scorecard filter, only the ratings of scorecards in view.
function buildRatingColumnsStatement(db: Db, shape: readonly FilterKey[]) {
  const where: SQL[] = [];
  if (shape.includes("dimension")) where.push(eq(t.ratings.dimensionKey, p("dimension")));
  if (SCORECARD_FILTERS.some((key) => shape.includes(key))) {
    const inView = db
      .select({ id: t.scorecards.id })
      .from(t.scorecards)
      .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
      .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
      .where(and(...scorecardConditions(shape)));
    where.push(sql`${t.ratings.scorecardId} in ${inView}`);
  }
  const query = db
    .select({
      order: sql<string>`json_group_array(${t.ratings}.rowid)`,
      scorecardId: sql<string>`json_group_array(${t.ratings.scorecardId})`,
      dimension: sql<string>`json_group_array(${t.ratings.dimensionKey})`,
      score: sql<string>`json_group_array(${t.ratings.score})`,
    })
    .from(t.ratings)
    .where(and(...where))
    .toSQL();
  return { statement: db.$client.prepare(query.sql).raw(true), params: query.params };
}

// Red flags raised per scorecard: a small table, read whole.
function buildRedFlagCountsStatement(db: Db) {
  return db.$client
    .prepare(
      `select json_group_array(json_array(scorecard_id, flags))
       from (select scorecard_id, count(*) as flags from raised_red_flags group by scorecard_id)`,
    )
    .pluck(true);
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

const scorecardsStatement = statementCache(buildScorecardsStatement);
const ratingColumnsStatement = statementCache(buildRatingColumnsStatement);
const redFlagCountsStatement = statementCache((db) => buildRedFlagCountsStatement(db));
const emailsStatement = statementCache((db) =>
  db.$client.prepare("select json_group_array(json_array(id, email)) from users").pluck(true),
);

/** Every user's email by id (a few hundred): read whole, for reads that carry interviewer ids, not emails. */
export function userEmails(db: Db = getDb()): Map<number, string> {
  return new Map(JSON.parse(emailsStatement(db, []).get() as string) as [number, string][]);
}

/**
 * What exportRatingsWithRedFlags assembles, read for one filter: the scorecards in view, their
 * ratings as columns, the red flags and the interviewers' emails (assembleRatings' input).
 */
export function readRatingParts(filter: RatingFilter = {}, db: Db = getDb()): AssemblyInput {
  checkFilter(filter);
  const shape = shapeOf(filter);
  const values = paramsOf(filter);
  const cards = scorecardsStatement(db, shape);
  const columns = ratingColumnsStatement(db, shape);
  // One transaction, so that the three statements see one state of the database.
  return db.$client.transaction(() => {
    const scorecards = JSON.parse(cards.statement.get(...fillPlaceholders(cards.params, values)) as string);
    const [order, scorecardId, dimension, score] = (
      columns.statement.get(...fillPlaceholders(columns.params, values)) as string[]
    ).map((json) => JSON.parse(json));
    const flags = redFlagCountsStatement(db, []).get() as string;
    return {
      scorecards: scorecards as ScorecardRow[],
      ratings: { order, scorecardId, dimension, score },
      redFlags: new Map(JSON.parse(flags) as [number, number][]),
      emails: userEmails(db),
      label: candidateLabel,
    };
  })();
}

/**
 * The ratings exportRatings gives and the red flags exportScorecardRedFlags gives for one filter,
 * from one read (the dashboard wants both).
 */
export function exportRatingsWithRedFlags(
  filter: RatingFilter = {},
  db: Db = getDb(),
): { ratings: Rating[]; scorecards: ScorecardRedFlags[] } {
  return assembleRatings(readRatingParts(filter, db));
}

/** Every rating of a submitted scorecard that the filter admits: one row per candidate x interviewer x dimension. */
export function exportRatings(filter: RatingFilter = {}, db: Db = getDb()): Rating[] {
  return exportRatingsWithRedFlags(filter, db).ratings;
}

/** Red flags raised per submitted scorecard, for the same scorecards exportRatings covers with this filter. */
export function exportScorecardRedFlags(filter: RatingFilter = {}, db: Db = getDb()): ScorecardRedFlags[] {
  return exportRatingsWithRedFlags(filter, db).scorecards;
}

/** The filtered export as CSV, in the format parseRatingsCsv reads. */
export function exportRatingsCsv(filter: RatingFilter = {}, db: Db = getDb()): string {
  return serializeRatingsCsv(exportRatings(filter, db));
}
