// Every REML fit of a cold dashboard, one by one (not a bench section): the report's dimension model,
// the variant comparison's model and the planner's per-variant fits on the bench's large database,
// each with its criterion evaluations, CPU time and figures. With --out FILE the figures are written
// as JSON; with --compare FILE they are compared with such a file (the largest relative difference of
// each kind of figure), e.g. to check that an optimizer change still finds the same optimum.
//   npx tsx tests/bench/rater-fits.ts [--db /tmp/big.db] [--out /tmp/fits-a.json] [--compare /tmp/fits-b.json]
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  dimensionDesign,
  fitDimensionModel,
  fitFixedEffects,
  fitVarianceComponents,
} from "~/domain/calibration/rater-model";
import { eliminate, remlCriterion, type Elimination } from "~/domain/calibration/rater-model/reml";
import { momentStart } from "~/domain/calibration/rater-model/fit-start";
import type { Theta } from "~/domain/calibration/rater-model";
import { panelReliability } from "~/domain/calibration/model-summary";
import { compareVariantsByModel, variantCellDesign } from "~/domain/calibration/variant-model";
import { buildRatingTable, labelColumn, rowsByLabel, selectRows } from "~/domain/calibration/rating-table";
import { exportRatings } from "~/models/rating-export.server";
import { openDatabase } from "~db/client";
import { cpuMs } from "./cpu-steps";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/panel-scorecard-big.db" },
    out: { type: "string" },
    compare: { type: "string" },
  },
});

type Figures = Record<string, number[]>;
const figures: Figures = {};
const put = (kind: string, list: ArrayLike<number>) => (figures[kind] ??= []).push(...Array.from(list));

const { db, sqlite } = openDatabase(values.db);
const ratings = exportRatings({}, db);
sqlite.close();
const table = buildRatingTable(ratings);
const variants = labelColumn(ratings, (r) => r.variant);

let start = cpuMs();
const { fit } = fitDimensionModel(table);
process.stdout.write(
  `dimension model: ${fit.evaluations} evaluations, ${(cpuMs() - start).toFixed(0)} ms, θ ${Object.values(fit.theta).join(" ")}\n`,
);
put("variance", Object.values(fit.variance));
put("theta", Object.values(fit.theta));
put("remlCriterion", [fit.remlCriterion ?? NaN]);
put("cellMeans", fit.cellMeans);
put("interviewerEffect", fit.interviewerEffect);
put("interviewerSe", fit.interviewerSe);
put("candidateEffect", fit.candidateEffect);
put("candidateSe", fit.candidateSe);
put("adjustedSe", fit.adjustedSe);
put("reliability", Object.values(panelReliability(fit.variance, table.dimensions.length) ?? {}));

start = cpuMs();
const modelled = compareVariantsByModel(table, variants, fit.theta);
process.stdout.write(`variant model: ${(cpuMs() - start).toFixed(0)} ms\n`);
// Its fit again, for the evaluations (compareVariantsByModel keeps only the differences).
const { design: variantDesign } = variantCellDesign(table, variants);
const variantFit = fitFixedEffects(variantDesign, fit.theta);
// Where it may begin (fit.ts takes the lower): the dimension model's θ or its own moment estimates.
const criterionAt = (theta: Theta) => remlCriterion(variantDesign, eliminate(variantDesign, theta) as Elimination);
process.stdout.write(
  `  its fit: ${variantFit.evaluations} evaluations; criterion at the dimension model's θ ${criterionAt(fit.theta)}, ` +
    `at its moment start ${criterionAt(momentStart(variantDesign))}\n`,
);
put("variantVariance", Object.values(variantFit.variance));
put("variantCellMeans", variantFit.cellMeans);
put("variantCellCovariance", variantFit.cellCovariance);
for (const [, difference] of [...modelled].sort(([a], [b]) => (a < b ? -1 : 1)))
  put(
    "variantDifference",
    Object.values(difference).filter((v): v is number => typeof v === "number"),
  );

let plannerEvaluations = 0;
start = cpuMs();
const rows = rowsByLabel(variants);
for (let v = 0; v < variants.names.length; v++) {
  const design = dimensionDesign(selectRows(table, rows[v]));
  const one = fitVarianceComponents(design);
  plannerEvaluations += one.evaluations;
  // The criterion at the optimum found, to tell which of two optima is the better one.
  const criterion = remlCriterion(design, eliminate(design, one.theta) as Elimination);
  process.stdout.write(`  variant ${variants.names[v]}: ${one.evaluations} evaluations, criterion ${criterion}\n`);
  put("plannerCriterion", [criterion]);
  put("plannerVariance", Object.values(one.variance));
  put("plannerReliability", Object.values(panelReliability(one.variance, table.dimensions.length) ?? {}));
}
process.stdout.write(`planner: ${plannerEvaluations} evaluations, ${(cpuMs() - start).toFixed(0)} ms\n`);

if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(figures));
if (values.compare !== undefined) {
  const other = JSON.parse(readFileSync(values.compare, "utf8")) as Figures;
  for (const [kind, list] of Object.entries(figures)) {
    let worst = 0;
    let absolute = 0;
    list.forEach((value, k) => {
      const theirs = other[kind][k];
      const difference = Math.abs(value - theirs);
      absolute = Math.max(absolute, difference);
      if (difference > 0) worst = Math.max(worst, difference / Math.max(Math.abs(value), Math.abs(theirs)));
    });
    process.stdout.write(
      `${kind} (${list.length}): largest relative difference ${worst.toExponential(2)}, absolute ${absolute.toExponential(2)}\n`,
    );
  }
}
