import type { Rating } from "./types";

/** Ratings ordered so that each group is a contiguous run: group g is order[start[g] .. start[g+1]). */
export interface Grouping {
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly count: number;
}

/**
 * Ratings with their names interned to dense integer ids, grouped into units (one dimension x one
 * candidate, the "unit" of the reliability literature) and scorecards (one candidate x one
 * interviewer). Integer ids and counting sorts keep the report linear in the number of ratings.
 */
export interface RatingTable {
  readonly size: number;
  readonly candidates: readonly string[];
  readonly interviewers: readonly string[];
  readonly dimensions: readonly string[];
  readonly candidateOf: Int32Array;
  readonly interviewerOf: Int32Array;
  readonly dimensionOf: Int32Array;
  readonly scoreOf: Float64Array;
  /** Units sorted by dimension, then candidate. */
  readonly units: Grouping;
  /** Units of dimension d are units [dimensionUnitStart[d], dimensionUnitStart[d + 1]). */
  readonly dimensionUnitStart: Int32Array;
  readonly scorecards: Grouping;
}

/** The name's id among `names` (first seen, first numbered), added if new. */
export function internInto(names: string[], ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = names.length;
    ids.set(name, id);
    names.push(name);
  }
  return id;
}

/** Stable counting sort of `order` by keys[order[i]], keys in [0, keyCount). */
function sortByKey(order: Int32Array, keys: Int32Array, keyCount: number): Int32Array {
  const offsets = new Int32Array(keyCount + 1);
  for (let p = 0; p < order.length; p++) offsets[keys[order[p]] + 1] += 1;
  for (let k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k];
  const sorted = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) sorted[offsets[keys[order[p]]]++] = order[p];
  return sorted;
}

/** Groups ratings by (primary, secondary) with two stable counting sorts (LSD radix sort). */
function groupBy(
  size: number,
  primary: Int32Array,
  primaryCount: number,
  secondary: Int32Array,
  secondaryCount: number,
): Grouping {
  const identity = new Int32Array(size);
  for (let i = 0; i < size; i++) identity[i] = i;
  const order = sortByKey(sortByKey(identity, secondary, secondaryCount), primary, primaryCount);
  const starts = new Int32Array(size + 1);
  let count = 0;
  for (let p = 0; p < size; p++) {
    const i = order[p];
    const j = order[p - 1];
    if (p === 0 || primary[i] !== primary[j] || secondary[i] !== secondary[j]) starts[count++] = p;
  }
  starts[count] = size;
  return { order, start: starts.slice(0, count + 1), count };
}

export function buildRatingTable(ratings: readonly Rating[]): RatingTable {
  return assemble(ratingColumns(ratings));
}

/** The ratings' names interned and their id columns: what a table is assembled from (ratingTableFromColumns). */
export function ratingColumns(ratings: readonly Rating[]): RatingColumns {
  const size = ratings.length;
  const candidates: string[] = [];
  const interviewers: string[] = [];
  const dimensions: string[] = [];
  const candidateIds = new Map<string, number>();
  const interviewerIds = new Map<string, number>();
  const dimensionIds = new Map<string, number>();
  const candidateOf = new Int32Array(size);
  const interviewerOf = new Int32Array(size);
  const dimensionOf = new Int32Array(size);
  const scoreOf = new Float64Array(size);
  // A scorecard's ratings usually come together (the export's order): a name equal to the previous
  // rating's takes its id without hashing it again.
  let candidate = -1;
  let interviewer = -1;
  for (let i = 0; i < size; i++) {
    const rating = ratings[i];
    candidate =
      candidate >= 0 && rating.candidate === candidates[candidate]
        ? candidate
        : internInto(candidates, candidateIds, rating.candidate);
    interviewer =
      interviewer >= 0 && rating.interviewer === interviewers[interviewer]
        ? interviewer
        : internInto(interviewers, interviewerIds, rating.interviewer);
    candidateOf[i] = candidate;
    interviewerOf[i] = interviewer;
    // A rubric has a handful of dimensions: searching their names beats hashing each rating's.
    const known = dimensions.length <= 16 ? dimensions.indexOf(rating.dimension) : -1;
    dimensionOf[i] = known >= 0 ? known : internInto(dimensions, dimensionIds, rating.dimension);
    scoreOf[i] = rating.score;
  }
  return { candidates, interviewers, dimensions, candidateOf, interviewerOf, dimensionOf, scoreOf };
}

/** What a table is built from: names and id columns (e.g. sent to another thread and rebuilt there). */
export type RatingColumns = Pick<
  RatingTable,
  "candidates" | "interviewers" | "dimensions" | "candidateOf" | "interviewerOf" | "dimensionOf" | "scoreOf"
>;

/** The table of these columns: buildRatingTable without the names to intern. */
export function ratingTableFromColumns(columns: RatingColumns): RatingTable {
  return assemble(columns);
}

function assemble(columns: RatingColumns): RatingTable {
  const { candidates, dimensions, interviewers, candidateOf, interviewerOf, dimensionOf } = columns;
  const size = candidateOf.length;
  const units = groupBy(size, dimensionOf, dimensions.length, candidateOf, candidates.length);
  const dimensionUnitStart = new Int32Array(dimensions.length + 1);
  for (let u = 0; u < units.count; u++) dimensionUnitStart[dimensionOf[units.order[units.start[u]]] + 1] += 1;
  for (let d = 0; d < dimensions.length; d++) dimensionUnitStart[d + 1] += dimensionUnitStart[d];

  const scorecards = groupBy(size, candidateOf, candidates.length, interviewerOf, interviewers.length);
  return { size, ...columns, units, dimensionUnitStart, scorecards };
}

/** Ids of `rows` renumbered in first-seen order, with their names. */
function renumber(of: Int32Array, names: readonly string[], rows: Int32Array): { of: Int32Array; names: string[] } {
  const map = new Int32Array(names.length).fill(-1);
  const kept: string[] = [];
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const id = of[rows[k]];
    if (map[id] === -1) {
      map[id] = kept.length;
      kept.push(names[id]);
    }
    out[k] = map[id];
  }
  return { of: out, names: kept };
}

/**
 * The table of the ratings at `rows` (ascending indices into `table`): the same as buildRatingTable
 * of those ratings (ids in first-seen order), without interning their names again.
 */
export function selectRows(table: RatingTable, rows: Int32Array): RatingTable {
  const candidate = renumber(table.candidateOf, table.candidates, rows);
  const interviewer = renumber(table.interviewerOf, table.interviewers, rows);
  const dimension = renumber(table.dimensionOf, table.dimensions, rows);
  return assemble({
    candidates: candidate.names,
    interviewers: interviewer.names,
    dimensions: dimension.names,
    candidateOf: candidate.of,
    interviewerOf: interviewer.of,
    dimensionOf: dimension.of,
    scoreOf: gather(table.scoreOf, rows, new Float64Array(rows.length)),
  });
}

/**
 * `into[k] = from[rows[k]]` for every k: a plain loop, where TypedArray.from with a mapping function
 * goes through the iterator protocol and a call per element (most of selectRows' time, #16).
 */
export function gather<T extends Int32Array | Float64Array>(from: ArrayLike<number>, rows: Int32Array, into: T): T {
  for (let k = 0; k < rows.length; k++) into[k] = from[rows[k]];
  return into;
}

/** An optional label of each rating (e.g. its variant) as ids: -1 where absent; names in first-seen order. */
export interface LabelColumn {
  readonly names: readonly string[];
  readonly of: Int32Array;
}

export function labelColumn(ratings: readonly Rating[], label: (rating: Rating) => string | undefined): LabelColumn {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const of = new Int32Array(ratings.length);
  ratings.forEach((rating, i) => {
    const name = label(rating);
    of[i] = name === undefined ? -1 : internInto(names, ids, name);
  });
  return { names, of };
}

/** The rows of each label id, ascending. */
export function rowsByLabel(column: LabelColumn): Int32Array[] {
  const counts = new Int32Array(column.names.length);
  for (const id of column.of) if (id >= 0) counts[id] += 1;
  const rows = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(column.names.length);
  column.of.forEach((id, i) => {
    if (id >= 0) rows[id][filled[id]++] = i;
  });
  return rows;
}
