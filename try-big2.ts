import { buildRatingTable } from "./app/domain/calibration/rating-table";
import { fitDimensionModel } from "./app/domain/calibration/rater-model";
import { generateRatings, BENCH_SIZE } from "./tests/bench/calibrate-bench";
const ratings = generateRatings(2024, BENCH_SIZE);
const table = buildRatingTable(ratings);
for (let k = 0; k < 2; k++) {
const t0 = performance.now(); const c0 = process.cpuUsage();
const { fit } = fitDimensionModel(table);
console.log("fit", (performance.now() - t0).toFixed(0), "cpu", (process.cpuUsage(c0).user/1000).toFixed(0), fit.evaluations, fit.converged, JSON.stringify(fit.variance));
}
