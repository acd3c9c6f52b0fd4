// The calibration worker's own statistics, one by one, in CPU time (not a bench section): the bench's
// large database (big-database.ts, built once into --db PATH and reused) is read once, then each pass
// times every part of computeCalibrationReport separately (the same calls report.ts makes), the whole
// report as the worker computes it (the planner left to its second thread) and buildDashboardViews.
//   npx tsx tests/bench/profile-report.ts [--db /tmp/big.db] [--passes 3]
//   node --cpu-prof --cpu-prof-dir DIR --import tsx tests/bench/profile-report.ts   (a V8 profile too)
// Later passes are the ones to read (the first includes V8's compilation).

import { computeCalibrationReport } from "~/domain/calibration";
import { buildDashboardViews } from "~/domain/calibration/dashboard-views";
import { computeDimensionAgreement } from "~/domain/calibration/dimension-agreement";
import { computeLeniency } from "~/domain/calibration/leniency";
import { adjustFromModel, summariseModel } from "~/domain/calibration/model-summary";
import { findDisagreements } from "~/domain/calibration/panel-disagreement";
import { flagRaters } from "~/domain/calibration/rater-flags";
import { fitDimensionModel } from "~/domain/calibration/rater-model";
import { computeHalo, computeRedFlagRates, computeSpreads } from "~/domain/calibration/rater-profile";
import { describeRatingProblem, findDuplicateRating } from "~/domain/calibration/rating-rules";
import { buildRatingTable, labelColumn } from "~/domain/calibration/rating-table";
import { scaleCategories } from "~/domain/calibration/types";
import { compareVariants } from "~/domain/calibration/variant-comparison";
import { exportRatings, exportScorecardRedFlags } from "~/models/rating-export.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { openDatabase } from "~db/client";
import { bigDatabaseOptions, line, timed, type Steps } from "./cpu-steps";

const { path, passes } = await bigDatabaseOptions(3);

const { db, sqlite } = openDatabase(path);
try {
  const ratings = exportRatings({}, db);
  const scorecards = exportScorecardRedFlags({}, db);
  const { scale } = getLatestRubricVersion(db).rubric;
  for (let pass = 1; pass <= passes; pass++) {
    const parts: Steps = [];
    timed(parts, "validate", () => {
      const dates = new Set<string>();
      for (const r of ratings) describeRatingProblem(r, scale, dates);
    });
    const table = timed(parts, "table", () => buildRatingTable(ratings));
    timed(parts, "duplicates", () => findDuplicateRating(table));
    timed(parts, "disagreements", () => findDisagreements(table, ratings));
    timed(parts, "leniency", () => computeLeniency(table, ratings));
    timed(parts, "spreads", () => computeSpreads(table, scale));
    timed(parts, "halo", () => computeHalo(table));
    timed(parts, "redFlags", () => computeRedFlagRates(table, scorecards));
    const fit = timed(parts, "dimensionModel", () => fitDimensionModel(table).fit);
    timed(parts, "flagRaters", () => flagRaters(table, fit, scale));
    const variants = timed(parts, "variantLabels", () => labelColumn(ratings, (r) => r.variant));
    const categories = scaleCategories(scale);
    timed(parts, "dimensionAgreement", () =>
      table.dimensions.map((_, d) => computeDimensionAgreement(table, d, categories)),
    );
    timed(parts, "compareVariants", () => compareVariants(scale, table, variants, fit.theta));
    timed(parts, "adjusted", () => adjustFromModel(table, fit, scale));
    timed(parts, "modelSummary", () => summariseModel(fit, table.dimensions.length));
    process.stdout.write(`pass ${pass} parts: ${line(parts)}\n`);

    const whole: Steps = [];
    const report = timed(whole, "computeCalibrationReport", () =>
      computeCalibrationReport(ratings, { scale, scorecards, variantReliability: [] }),
    );
    timed(whole, "buildDashboardViews", () =>
      buildDashboardViews({ report, ratings, interviewerNames: {}, dimensionNames: {}, variantNames: {} }),
    );
    process.stdout.write(`pass ${pass} worker (planner elsewhere): ${line(whole)}\n`);
  }
} finally {
  sqlite.close();
}
