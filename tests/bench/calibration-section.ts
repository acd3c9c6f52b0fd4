// Bench section "calibration": computeCalibrationReport on 400,000 ratings (calibrate-bench.ts), the
// REML rater model's fit on its own (the "well under 2 s"),
// read against one SQL GROUP BY pass over the same rows in a SQLite file — the floor any
// per-interviewer x dimension summary has to pay, measured on the same machine in the same run.
import { join } from "node:path";
import Database from "better-sqlite3";

import { fitDimensionModel } from "../../app/domain/calibration/rater-model";
import { buildRatingTable } from "../../app/domain/calibration/rating-table";
import type { Rating } from "../../app/domain/calibration/types";
import { round, timeRuns, type BenchSection } from "./bench-kit";
import { BENCH_SIZE, benchCalibration, generateRatings } from "./calibrate-bench";

const SEED = 2024;

/** Loads the ratings into a table of a new SQLite file and times the GROUP BY; the file is the caller's to remove. */
export async function benchSqlGroupBy(
  ratings: readonly Rating[],
  runs: number,
  path: string,
): Promise<{ ms: number; runs: number[]; loadMs: number }> {
  const db = new Database(path);
  try {
    db.exec(
      "create table ratings (candidate text not null, interviewer text not null, dimension text not null, score integer not null)",
    );
    const loadStart = performance.now();
    const insert = db.prepare("insert into ratings (candidate, interviewer, dimension, score) values (?, ?, ?, ?)");
    db.transaction(() => {
      for (const r of ratings) insert.run(r.candidate, r.interviewer, r.dimension, r.score);
    })();
    const loadMs = performance.now() - loadStart;

    // No index: one pass over the table and a sorter, as a dashboard query over fresh data would do.
    const groupBy = db.prepare(
      "select interviewer, dimension, count(*) as n, avg(score) as mean, sum(score * score) as sum_sq from ratings group by interviewer, dimension",
    );
    const rows = groupBy.all() as { n: number }[];
    const counted = rows.reduce((sum, row) => sum + row.n, 0);
    if (counted !== ratings.length) throw new Error(`GROUP BY counted ${counted} ratings of ${ratings.length}`);
    const timed = await timeRuns(runs, () => groupBy.all());
    return { ...timed, loadMs };
  } finally {
    db.close();
  }
}

export const calibrationSection: BenchSection = {
  name: "calibration",
  async measure(context) {
    const size = `${BENCH_SIZE.scorecards} scorecards, ${BENCH_SIZE.interviewers} interviewers`;
    context.log(`calibration: computeCalibrationReport on 400,000 ratings (${size}), ${context.runs} runs…`);
    const calibration = await benchCalibration(context.runs, SEED);
    const ratings = generateRatings(SEED, BENCH_SIZE); // the same rows: same seed, same generator
    context.log(`calibration: the REML rater model alone on the same ${ratings.length} ratings, ${context.runs} runs…`);
    const table = buildRatingTable(ratings);
    let evaluations = 0;
    const model = await timeRuns(context.runs, () => {
      evaluations = fitDimensionModel(table).fit.evaluations;
    });
    context.log(`calibration: the same ${ratings.length} ratings into a SQLite file, GROUP BY ${context.runs} runs…`);
    const sql = await benchSqlGroupBy(ratings, context.runs, join(context.tempDir(), "group-by.db"));
    return [
      {
        key: "calibrate_400k_ms",
        value: round(calibration.ms, 1),
        unit: "ms",
        note: `computeCalibrationReport, ${calibration.ratings} ratings, median`,
        runs: calibration.runs,
        baseline: { key: "sql_group_by_400k_ms", ratioKey: "calibrate_vs_sql_group_by" },
      },
      {
        key: "rater_model_400k_ms",
        value: round(model.ms, 1),
        unit: "ms",
        note: `REML fit of the rater model (design, ${evaluations} criterion evaluations, effects and SEs), ${ratings.length} ratings, median; target < 2 s`,
        runs: model.runs,
      },
      {
        key: "sql_group_by_400k_ms",
        value: round(sql.ms, 1),
        unit: "ms",
        note: `SQLite file, interviewer x dimension: count, avg, sum of squares (load ${Math.round(sql.loadMs)} ms untimed), median`,
        runs: sql.runs,
      },
    ];
  },
};
