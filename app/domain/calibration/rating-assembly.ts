// Ratings and per-scorecard red flags in the calibration domain's shapes, assembled from what the
// export reads (app/models/rating-export.server.ts): the scorecards in export order, one row each,
// and the ratings as plain columns in any order. Reading the ratings as one object per database row
// cost a crossing from SQLite into JavaScript per rating (most of the read's time, #16); the export
// now reads columns and this puts them in order.
import { internInto, type LabelColumn, type RatingColumns as TableColumns } from "./rating-table";
import type { Rating, ScorecardRedFlags } from "./types";

/** One scorecard in export order (oldest interview first). */
export type ScorecardRow = [
  scorecardId: number,
  candidateId: number,
  candidateName: string,
  interviewerId: number,
  variant: string,
  level: string,
  /** yyyy-mm-dd */
  date: string,
  recommendation: string | null,
  rubricVersionId: number,
  /** 1 for a scorecard made by `db:import` (it carries no red flags), else 0. */
  imported: number,
];

/** Ratings as columns, one entry per rating, in any order; `order` is their storage order (rubric order). */
export interface RatingColumns {
  order: number[];
  scorecardId: number[];
  dimension: string[];
  score: number[];
}

/** Read once and not changed after: assembleRatings and assembledColumns share its arrangement (arrange). */
export interface AssemblyInput {
  readonly scorecards: readonly ScorecardRow[];
  readonly ratings: Readonly<RatingColumns>;
  /** Red flags raised per scorecard id; a scorecard not in it raised none. */
  redFlags: ReadonlyMap<number, number>;
  /** Each interviewer's email by user id. */
  emails: ReadonlyMap<number, string>;
  /** The candidate's label from name and id (see candidateLabel). */
  label: (name: string, candidateId: number) => string;
}

/**
 * Where each scorecard's ratings are in the columns: scorecard p's are slots[start[p] .. start[p + 1]),
 * in storage order (ratings of any other scorecard are in no slot). `kept` lists the scorecards that
 * give ratings, in order, with their interviewer's email and their candidate's label: as the join on
 * users did, a scorecard whose interviewer is gone gives none. Worked out once per input, for
 * assembleRatings and assembledColumns both.
 */
interface Arrangement {
  start: Int32Array;
  slots: Int32Array;
  kept: { position: Int32Array; interviewer: string[]; candidate: string[] };
}

function arrange(input: AssemblyInput): Arrangement {
  const known = arrangements.get(input);
  if (known) return known;
  const { scorecards, ratings: columns, emails, label } = input;
  const positionOf = scorecardPositions(scorecards);

  // A counting sort of the ratings by their scorecard's position, each in the order they came; then
  // each scorecard's own by storage order.
  const n = columns.scorecardId.length;
  const at = new Int32Array(n);
  const start = new Int32Array(scorecards.length + 1);
  for (let k = 0; k < n; k++) {
    const p = positionOf(columns.scorecardId[k]);
    at[k] = p;
    if (p >= 0) start[p + 1]++;
  }
  for (let p = 0; p < scorecards.length; p++) start[p + 1] += start[p];
  const slots = new Int32Array(start[scorecards.length]);
  const next = start.slice(0, scorecards.length);
  for (let k = 0; k < n; k++) if (at[k] >= 0) slots[next[at[k]]++] = k;

  const position: number[] = [];
  const interviewers: string[] = [];
  const candidates: string[] = [];
  const labels = new Map<number, string>();
  for (let p = 0; p < scorecards.length; p++) {
    const [, candidateId, name, interviewerId] = scorecards[p];
    const interviewer = emails.get(interviewerId);
    if (start[p] === start[p + 1] || interviewer === undefined) continue;
    sortByStorageOrder(slots, start[p], start[p + 1], columns.order);
    let candidate = labels.get(candidateId);
    if (candidate === undefined) labels.set(candidateId, (candidate = label(name, candidateId)));
    position.push(p);
    interviewers.push(interviewer);
    candidates.push(candidate);
  }
  const arrangement = {
    start,
    slots,
    kept: { position: Int32Array.from(position), interviewer: interviewers, candidate: candidates },
  };
  arrangements.set(input, arrangement);
  return arrangement;
}

const arrangements = new WeakMap<AssemblyInput, Arrangement>();

/**
 * Each scorecard id's position in the list, −1 if not in it: a table indexed by id while ids are
 * dense enough (database row ids), a Map otherwise.
 */
function scorecardPositions(scorecards: readonly ScorecardRow[]): (id: number) => number {
  let maxId = 0;
  for (const row of scorecards) if (row[0] > maxId) maxId = row[0];
  if (maxId <= 4 * scorecards.length + 1024 && scorecards.every((row) => Number.isInteger(row[0]) && row[0] >= 0)) {
    const table = new Int32Array(maxId + 1).fill(-1);
    scorecards.forEach((row, p) => (table[row[0]] = p));
    return (id) => table[id] ?? -1; // undefined past the table's end
  }
  const position = new Map<number, number>();
  scorecards.forEach((row, p) => position.set(row[0], p));
  return (id) => position.get(id) ?? -1;
}

/**
 * Every rating of the given scorecards, scorecard by scorecard in their order and within one in
 * storage order; ratings of any other scorecard are left out. Red flags per scorecard with at least
 * one rating, imported scorecards left out (their CSV has no red flags).
 */
export function assembleRatings(input: AssemblyInput): { ratings: Rating[]; scorecards: ScorecardRedFlags[] } {
  const { scorecards, ratings: columns, redFlags } = input;
  const { start, slots, kept } = arrange(input);
  const versions = new Map<number, string>();
  const ratings: Rating[] = new Array<Rating>(slots.length);
  const flagged: ScorecardRedFlags[] = [];
  let written = 0;
  for (let q = 0; q < kept.position.length; q++) {
    const p = kept.position[q];
    const [id, candidateId, , , variant, level, date, recommendation, version, imported] = scorecards[p];
    const interviewer = kept.interviewer[q];
    const candidate = kept.candidate[q];
    let rubricVersion = versions.get(version);
    if (rubricVersion === undefined) versions.set(version, (rubricVersion = String(version)));
    for (let slot = start[p]; slot < start[p + 1]; slot++) {
      const k = slots[slot];
      const dimension = columns.dimension[k];
      const score = columns.score[k];
      const rating: Rating = { candidate, candidateId, interviewer, dimension, score, variant, level, date };
      if (recommendation !== null) rating.recommendation = recommendation;
      rating.rubricVersion = rubricVersion;
      ratings[written++] = rating;
    }
    if (!imported) flagged.push({ candidate, candidateId, interviewer, redFlags: redFlags.get(id) ?? 0 });
  }
  ratings.length = written;
  return { ratings, scorecards: flagged };
}

/**
 * The rating table's columns and the variants of the ratings assembleRatings gives, straight from
 * its input: ratingColumns(ratings) and labelColumn(ratings, (r) => r.variant), without an object
 * per rating. The cold dashboard sends these to its second thread first, so that thread can start
 * its fits while this one still assembles the ratings (#16).
 */
export function assembledColumns(input: AssemblyInput): { table: TableColumns; variants: LabelColumn } {
  const { scorecards, ratings: columns } = input;
  const { start, slots, kept } = arrange(input);
  const size = slots.length;
  const names = { candidates: [] as string[], interviewers: [] as string[], dimensions: [] as string[] };
  const variantNames: string[] = [];
  const ids = {
    candidates: new Map<string, number>(),
    interviewers: new Map<string, number>(),
    dimensions: new Map<string, number>(),
    variants: new Map<string, number>(),
  };
  const candidateOf = new Int32Array(size);
  const interviewerOf = new Int32Array(size);
  const dimensionOf = new Int32Array(size);
  const scoreOf = new Float64Array(size);
  const variantOf = new Int32Array(size);
  let written = 0;
  for (let q = 0; q < kept.position.length; q++) {
    const p = kept.position[q];
    const variant = scorecards[p][4];
    const c = internInto(names.candidates, ids.candidates, kept.candidate[q]);
    const i = internInto(names.interviewers, ids.interviewers, kept.interviewer[q]);
    const v = variant === undefined ? -1 : internInto(variantNames, ids.variants, variant);
    for (let slot = start[p]; slot < start[p + 1]; slot++) {
      const k = slots[slot];
      candidateOf[written] = c;
      interviewerOf[written] = i;
      // A rubric has a handful of dimensions: searching their names beats hashing each rating's (as ratingColumns).
      const dimension = columns.dimension[k];
      const known = names.dimensions.length <= 16 ? names.dimensions.indexOf(dimension) : -1;
      dimensionOf[written] = known >= 0 ? known : internInto(names.dimensions, ids.dimensions, dimension);
      scoreOf[written] = columns.score[k];
      variantOf[written++] = v;
    }
  }
  // Scorecards whose interviewer is gone left their slots unused.
  const used = <T extends Int32Array | Float64Array>(column: T): T =>
    written === size ? column : (column.slice(0, written) as T);
  return {
    table: {
      ...names,
      candidateOf: used(candidateOf),
      interviewerOf: used(interviewerOf),
      dimensionOf: used(dimensionOf),
      scoreOf: used(scoreOf),
    },
    variants: { names: variantNames, of: used(variantOf) },
  };
}

/** Insertion sort of slots[from, to) by `order` (a scorecard has a handful of ratings, usually in order already). */
function sortByStorageOrder(slots: Int32Array, from: number, to: number, order: number[]): void {
  for (let i = from + 1; i < to; i++) {
    const slot = slots[i];
    const key = order[slot];
    let j = i - 1;
    while (j >= from && order[slots[j]] > key) {
      slots[j + 1] = slots[j];
      j--;
    }
    slots[j + 1] = slot;
  }
}
