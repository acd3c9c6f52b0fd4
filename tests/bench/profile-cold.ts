// Where a cold dashboard computation's time goes, by hand (not a bench section): the bench's large
// database (big-database.ts, built once into --db PATH and reused), then computeDashboard's steps
// timed one by one in this process, the calibration report's parts beside them (the rater-model fits
// alone, each with its criterion evaluations), and the SQL baseline of the dashboard section.
//   npx tsx tests/bench/profile-cold.ts [--db /tmp/big.db] [--passes 2]
//   node --cpu-prof --cpu-prof-dir DIR --import tsx tests/bench/profile-cold.ts   (a V8 profile too)
// Later passes are the ones to read (the first includes V8's compilation). Printed last: the pass
// without the planner (computeVariantReliability), against the SQL baseline's CPU time. The server
// splits a computation over two threads (the loop records, the rater model and the planner on its
// helper): profile-cold-threads.ts gives each thread's CPU time.

import { buildRatingTable, labelColumn } from "~/domain/calibration/rating-table";
import { fitDimensionModel } from "~/domain/calibration/rater-model";
import { compareVariantsByModel } from "~/domain/calibration/variant-model";
import { computeVariantReliability } from "~/domain/calibration/variant-reliability";
import { computeCalibrationReport } from "~/domain/calibration";
import { buildDashboardViews } from "~/domain/calibration/dashboard-views";
import { exportRatingsWithRedFlags } from "~/models/rating-export.server";
import { loadLoopEvidence } from "~/models/loop-evidence.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { openDatabase } from "~db/client";
import { bigDatabaseOptions, cpuMs, line, timed, type Steps } from "./cpu-steps";
import { sqlBaseline } from "./dashboard-baselines";

const { path, passes } = await bigDatabaseOptions(2);

const { db, sqlite } = openDatabase(path);
let workerPath = 0;
try {
  for (let pass = 1; pass <= passes; pass++) {
    const steps: Steps = [];
    const { ratings, scorecards } = timed(steps, "exportRatingsWithRedFlags", () => exportRatingsWithRedFlags({}, db));
    const { rubric } = getLatestRubricVersion(db);
    const report = timed(steps, "computeCalibrationReport", () =>
      computeCalibrationReport(ratings, { scale: rubric.scale, scorecards }),
    );
    // The lead's-loop evidence: computeDashboard reads it too (contextOf), and the views measure its effects.
    const loop = timed(steps, "loadLoopEvidence", () => loadLoopEvidence({}, scorecards, new Date(), db));
    timed(steps, "buildDashboardViews", () =>
      buildDashboardViews({ report, ratings, loop, interviewerNames: {}, dimensionNames: {}, variantNames: {} }),
    );
    process.stdout.write(`pass ${pass}: ${line(steps)}\n`);

    const parts: Steps = [];
    const table = timed(parts, "buildRatingTable", () => buildRatingTable(ratings));
    const dimension = timed(parts, "fitDimensionModel", () => fitDimensionModel(table));
    const variants = labelColumn(ratings, (r) => r.variant);
    timed(parts, "compareVariantsByModel", () => compareVariantsByModel(table, variants, dimension.fit.theta));
    const planned = timed(parts, "computeVariantReliability", () =>
      computeVariantReliability(ratings, { table, variants }),
    );
    process.stdout.write(
      `  report parts: ${line(parts)}; dimension model ${dimension.fit.evaluations} evaluations; ` +
        `planner ${planned.length} variants\n`,
    );
    const sum = (xs: Steps) => xs.reduce((total, [, ms]) => total + ms, 0);
    workerPath = sum(steps) - sum(parts.filter(([name]) => name === "computeVariantReliability"));
  }
  // sqlBaseline runs its three queries once untimed (to count rows) and then `runs` times: half of
  // one call's CPU time is one run.
  const sql: Steps = [];
  for (let run = 1; run <= 3; run++) {
    const start = cpuMs();
    sqlBaseline(path, 1);
    sql.push([`run ${run}`, (cpuMs() - start) / 2]);
  }
  process.stdout.write(`SQL baseline (the dashboard section's 3 queries), per run: ${line(sql)}\n`);
  const baseline = [...sql.map(([, ms]) => ms)].sort((a, b) => a - b)[1];
  process.stdout.write(
    `steps on one thread (last pass without the planner) ${workerPath.toFixed(0)} ms of CPU = ${(workerPath / baseline).toFixed(2)}x the SQL baseline's median ${baseline.toFixed(0)} ms\n`,
  );
} finally {
  sqlite.close();
}
