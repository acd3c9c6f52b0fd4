// Ratings and per-scorecard red flags in the calibration domain's shapes, assembled from what the
// export reads (app/models/rating-export.server.ts): the scorecards in export order, one row each,
// and the ratings as plain columns in any order. Reading the ratings as one object per database row
// cost a crossing from SQLite into JavaScript per rating (most of the read's time, #16); the export
// now reads columns and this puts them in order.
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

export interface AssemblyInput {
  scorecards: ScorecardRow[];
  ratings: RatingColumns;
  /** Red flags raised per scorecard id; a scorecard not in it raised none. */
  redFlags: ReadonlyMap<number, number>;
  /** Each interviewer's email by user id. */
  emails: ReadonlyMap<number, string>;
  /** The candidate's label from name and id (see candidateLabel). */
  label: (name: string, candidateId: number) => string;
}

/**
 * Every rating of the given scorecards, scorecard by scorecard in their order and within one in
 * storage order; ratings of any other scorecard are left out. Red flags per scorecard with at least
 * one rating, imported scorecards left out (their CSV has no red flags).
 */
export function assembleRatings(input: AssemblyInput): { ratings: Rating[]; scorecards: ScorecardRedFlags[] } {
  const { scorecards, ratings: columns, redFlags, emails, label } = input;
  const position = new Map<number, number>();
  for (let p = 0; p < scorecards.length; p++) position.set(scorecards[p][0], p);

  // A counting sort of the ratings by their scorecard's position: `start[p]` .. `start[p + 1]` in
  // `slots` are scorecard p's ratings, in the order they came.
  const n = columns.scorecardId.length;
  const at = new Int32Array(n);
  const start = new Int32Array(scorecards.length + 1);
  for (let k = 0; k < n; k++) {
    const p = position.get(columns.scorecardId[k]) ?? -1;
    at[k] = p;
    if (p >= 0) start[p + 1]++;
  }
  for (let p = 0; p < scorecards.length; p++) start[p + 1] += start[p];
  const slots = new Int32Array(start[scorecards.length]);
  const next = start.slice(0, scorecards.length);
  for (let k = 0; k < n; k++) if (at[k] >= 0) slots[next[at[k]]++] = k;

  const labels = new Map<number, string>();
  const versions = new Map<number, string>();
  const ratings: Rating[] = new Array<Rating>(slots.length);
  const flagged: ScorecardRedFlags[] = [];
  let written = 0;
  for (let p = 0; p < scorecards.length; p++) {
    const [id, candidateId, name, interviewerId, variant, level, date, recommendation, version, imported] =
      scorecards[p];
    const first = start[p];
    const end = start[p + 1];
    const interviewer = emails.get(interviewerId);
    // As the join on users did: a scorecard whose interviewer is gone has no rows.
    if (first === end || interviewer === undefined) continue;
    sortByStorageOrder(slots, first, end, columns.order);
    let candidate = labels.get(candidateId);
    if (candidate === undefined) labels.set(candidateId, (candidate = label(name, candidateId)));
    let rubricVersion = versions.get(version);
    if (rubricVersion === undefined) versions.set(version, (rubricVersion = String(version)));
    for (let slot = first; slot < end; slot++) {
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
