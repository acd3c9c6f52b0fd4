// What the dashboard's cold figure is read against, and where its time goes, both in the bench
// process on the large database.
//
// The SQL baseline: hand-written aggregates over the same ratings (submitted scorecards, practice
// interviews left out, as exportRatings), with better-sqlite3: per interviewer x dimension count /
// sum / sum of squares; per variant x dimension count per score; per candidate x dimension min / max
// (spread). One run = the three queries.
// The breakdown: the same steps as the server's computeDashboard, timed one by one (one pass:
// proportions, not a second timing).
import Database from "better-sqlite3";

import { computeCalibrationReport } from "../../app/domain/calibration";
import { buildDashboardViews } from "../../app/domain/calibration/dashboard-views";
import { getLatestRubricVersion } from "../../app/models/rubric.server";
import { exportRatingsWithRedFlags } from "../../app/models/rating-export.server";
import { loadLoopEvidence } from "../../app/models/loop-evidence.server";
import { openDatabase } from "~db/client";
import * as t from "~db/schema";
import { median } from "./bench-kit";

/** The hand-written aggregates over the same ratings as the dashboard (see the header), timed `runs` times. */
export function sqlBaseline(databasePath: string, runs: number) {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const from = `from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
      where s.status = 'submitted' and i.exemplar_id is null`;
    const queries = [
      db.prepare(
        `select s.interviewer_id, r.dimension_key, count(*) as n, sum(r.score) as sum, sum(r.score * r.score) as sum_sq ${from} group by s.interviewer_id, r.dimension_key`,
      ),
      db.prepare(
        `select i.variant_key, r.dimension_key, r.score, count(*) as n ${from} group by i.variant_key, r.dimension_key, r.score`,
      ),
      db.prepare(
        `select i.candidate_id, r.dimension_key, min(r.score) as lo, max(r.score) as hi, count(*) as n ${from} group by i.candidate_id, r.dimension_key`,
      ),
    ];
    const counted = queries.map((q) => (q.all() as { n: number }[]).reduce((sum, row) => sum + row.n, 0));
    return { counted, ...timeRunsSync(runs, () => queries.forEach((q) => q.all())) };
  } finally {
    db.close();
  }
}

function timeRunsSync(runs: number, work: () => void): { ms: number; runs: number[] } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return { ms: median(times), runs: times };
}

/** computeDashboard's steps (app/models/calibration.server.ts), timed one by one in this process. */
export function breakdown(databasePath: string): {
  steps: [string, number][];
  total: number;
  viewsKb: number;
  ratings: number;
} {
  const connection = openDatabase(databasePath);
  try {
    const { db } = connection;
    const pass = () => {
      const steps: [string, number][] = [];
      const step = <T>(name: string, work: () => T): T => {
        const start = performance.now();
        const result = work();
        steps.push([name, performance.now() - start]);
        return result;
      };
      const { ratings, scorecards } = step("exportRatingsWithRedFlags", () => exportRatingsWithRedFlags({}, db));
      const { rubric } = getLatestRubricVersion(db);
      const report = step("computeCalibrationReport", () =>
        computeCalibrationReport(ratings, { scale: rubric.scale, scorecards }),
      );
      const people = db.select({ email: t.users.email, name: t.users.name }).from(t.users).all();
      const loop = step("loadLoopEvidence", () => loadLoopEvidence({}, scorecards, new Date(), db));
      const views = step("buildDashboardViews", () =>
        buildDashboardViews({
          report,
          ratings,
          loop,
          interviewerNames: Object.fromEntries(people.map((p) => [p.email, p.name])),
          dimensionNames: Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.name])),
          variantNames: Object.fromEntries(rubric.variants.map((v) => [v.key, v.name])),
        }),
      );
      // What the worker's postMessage does with the views (its reply to the main thread).
      step("structuredClone(views)", () => structuredClone(views));
      return { steps, viewsKb: JSON.stringify(views).length / 1024, ratings: ratings.length };
    };
    const timed = pass();
    return { ...timed, total: timed.steps.reduce((sum, [, ms]) => sum + ms, 0) };
  } finally {
    connection.sqlite.close();
  }
}
