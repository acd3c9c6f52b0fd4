import { formatCsvField, neutraliseFormula, parseCsvRecords, restoreFormula } from "./csv-records";
import { describeRatingProblem } from "./rating-rules";
import { isValidScale, type Rating, type Scale } from "./types";

type RatingField = keyof Rating;

/** CSV columns in the order they are written; the first four are required. */
const COLUMNS: readonly { name: string; field: RatingField }[] = [
  { name: "candidate", field: "candidate" },
  { name: "interviewer", field: "interviewer" },
  { name: "dimension", field: "dimension" },
  { name: "score", field: "score" },
  { name: "variant", field: "variant" },
  { name: "level", field: "level" },
  { name: "date", field: "date" },
  { name: "recommendation", field: "recommendation" },
  { name: "rubric_version", field: "rubricVersion" },
  { name: "candidate_id", field: "candidateId" },
];
const REQUIRED_COLUMNS = COLUMNS.slice(0, 4);
const INTEGER = /^[+-]?\d+$/;
const ID = /^[1-9]\d{0,14}$/;
const ANY_SCORE: Scale = { min: -Infinity, max: Infinity };

export type ParseRatingsCsvResult =
  /** `lines[k]` is the line on which ratings[k]'s record starts (the header is line 1). */
  | { ok: true; ratings: Rating[]; scale: Scale; lines: number[] }
  | { ok: false; error: { line: number | null; message: string } };

const failure = (line: number | null, message: string): ParseRatingsCsvResult => ({
  ok: false,
  error: { line, message },
});

/**
 * Parses long-format ratings (text cells written by serializeRatingsCsv lose their formula guard,
 * see neutraliseFormula): a header naming candidate, interviewer, dimension and score, and any
 * of variant, level, date, recommendation, rubric_version, candidate_id (the database id, which a
 * ratings import matches on; the candidate cell is only ever display text). The scale is `options.scale` when given,
 * else the lowest to the highest score in the file. The first problem found is returned with the
 * line on which its record starts (the header is line 1).
 */
export function parseRatingsCsv(text: string, options: { scale?: Scale } = {}): ParseRatingsCsvResult {
  if (options.scale !== undefined && !isValidScale(options.scale)) return failure(null, "invalid scale");
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return failure(parsed.line, parsed.message);
  const [header, ...rows] = parsed.records;
  if (header === undefined) return failure(null, "the file is empty");

  const names = header.fields.map((name) => name.trim().toLowerCase());
  const columns: (typeof COLUMNS)[number][] = [];
  for (const name of names) {
    const column = COLUMNS.find((c) => c.name === name);
    if (column === undefined) return failure(header.line, `unknown column "${name}"`);
    if (columns.includes(column)) return failure(header.line, `column "${name}" appears twice`);
    columns.push(column);
  }
  const missing = REQUIRED_COLUMNS.find((column) => !columns.includes(column));
  if (missing !== undefined) return failure(header.line, `missing required column "${missing.name}"`);
  if (rows.length === 0) return failure(null, "no ratings after the header");

  const ratings: Rating[] = [];
  const lines: number[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== columns.length) {
      return failure(line, `expected ${columns.length} fields, found ${fields.length}`);
    }
    const rating: Rating = { candidate: "", interviewer: "", dimension: "", score: 0 };
    for (const [k, { field }] of columns.entries()) {
      const value = fields[k];
      if (field === "score") {
        if (!INTEGER.test(value.trim())) return failure(line, `score "${value}" is not an integer`);
        rating.score = Number(value);
      } else if (field === "candidateId") {
        if (value === "") continue;
        if (!ID.test(value.trim())) return failure(line, `candidate_id "${value}" is not a positive whole number`);
        rating.candidateId = Number(value);
      } else if (value !== "") {
        rating[field] = restoreFormula(value);
      }
    }
    const problem = describeRatingProblem(rating, options.scale ?? ANY_SCORE);
    if (problem !== null) return failure(line, problem);
    const key = JSON.stringify([rating.candidate, rating.interviewer, rating.dimension]);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      return failure(
        line,
        `${rating.interviewer} rated ${rating.candidate} on ${rating.dimension} twice (first on line ${first})`,
      );
    }
    firstLineOf.set(key, line);
    ratings.push(rating);
    lines.push(line);
  }
  const scale = options.scale ?? {
    min: ratings.reduce((low, rating) => Math.min(low, rating.score), Infinity),
    max: ratings.reduce((high, rating) => Math.max(high, rating.score), -Infinity),
  };
  return { ok: true, ratings, scale, lines };
}

/** Writes ratings in the format parseRatingsCsv reads, with only the optional columns some rating uses. */
export function serializeRatingsCsv(ratings: readonly Rating[]): string {
  const columns = COLUMNS.filter(
    (column, k) => k < REQUIRED_COLUMNS.length || ratings.some((rating) => rating[column.field] !== undefined),
  );
  const lines = [columns.map((column) => column.name).join(",")];
  for (const rating of ratings) {
    // Text cells are neutralised against formula injection; the score is a number and written as one.
    const cell = (field: RatingField) =>
      field === "score" || field === "candidateId"
        ? String(rating[field] ?? "")
        : neutraliseFormula(rating[field] ?? "");
    lines.push(columns.map(({ field }) => formatCsvField(cell(field))).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}
