import { buildRatingTable } from "./app/domain/calibration/rating-table";
import { buildRaterDesign } from "./app/domain/calibration/rater-model";
import { eliminate } from "./app/domain/calibration/rater-model/reml";
import { choleskyInPlace } from "./app/domain/calibration/rater-model/dense-cholesky";
import { generateRatings, BENCH_SIZE } from "./tests/bench/calibrate-bench";
const ratings = generateRatings(2024, BENCH_SIZE);
const table = buildRatingTable(ratings);
const design = buildRaterDesign({ candidateOf: table.candidateOf, interviewerOf: table.interviewerOf, cellOf: table.dimensionOf, scoreOf: table.scoreOf, candidates: table.candidates.length, interviewers: table.interviewers.length, cells: table.dimensions.length, scorecards: table.scorecards });
const theta = { candidate: 1, interviewer: 0.8, scorecard: 0.1 };
for (let k = 0; k < 5; k++) eliminate(design, theta);
let c0 = process.cpuUsage(); let t0 = performance.now();
for (let k = 0; k < 20; k++) eliminate(design, theta);
console.log("per eval", ((performance.now() - t0) / 20).toFixed(1), "cpu", (process.cpuUsage(c0).user / 1000 / 20).toFixed(1));
const m = 304; const a = new Float64Array(m * m);
for (let i = 0; i < m; i++) { for (let j = 0; j < i; j++) a[i * m + j] = 0.01; a[i * m + i] = 10; }
for (let k = 0; k < 10; k++) choleskyInPlace(Float64Array.from(a), m);
t0 = performance.now();
for (let k = 0; k < 20; k++) choleskyInPlace(Float64Array.from(a), m);
console.log("chol", ((performance.now() - t0) / 20).toFixed(1));
for (const th of [{ candidate: 1, interviewer: 0.8, scorecard: 0 }, { candidate: 0, interviewer: 0.8, scorecard: 0 }, { candidate: 0, interviewer: 0, scorecard: 0 }]) {
  const c0 = process.cpuUsage();
  for (let k = 0; k < 20; k++) eliminate(design, th);
  console.log(JSON.stringify(th), (process.cpuUsage(c0).user / 1000 / 20).toFixed(1));
}
