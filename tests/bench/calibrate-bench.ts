// Times computeCalibrationReport on 100,000 scorecards x 4 dimensions (400,000 ratings).
//   npx tsx tests/bench/calibrate-bench.ts
// The budget is 2 s on the 2-core reference machine. Exports its generator and timer for an overall bench.
import { pathToFileURL } from "node:url";

import { computeCalibrationReport } from "../../app/domain/calibration/report";
import type { Rating } from "../../app/domain/calibration/types";
import { simulatePanels } from "../unit/calibration/simulate-panels";

export const BENCH_SIZE = { scorecards: 100_000, interviewers: 300, candidates: 40_000 } as const;
export const BENCH_BUDGET_MS = 2000;

/** Deterministic long-format ratings: panels of 2–4 interviewers, 4 dimensions per scorecard, scale 1–4. */
export function generateRatings(
  seed: number,
  size: { scorecards: number; interviewers: number; candidates: number },
): Rating[] {
  return simulatePanels(seed, size).ratings;
}

export interface BenchResult {
  ratings: number;
  runs: number[];
  /** Median of the runs, in milliseconds. */
  ms: number;
}

export async function benchCalibration(runs = 5, seed = 2024): Promise<BenchResult> {
  const ratings = generateRatings(seed, BENCH_SIZE);
  computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } }); // warm-up: JIT and caches
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } });
    times.push(performance.now() - start);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { ratings: ratings.length, runs: times, ms: sorted[Math.floor(sorted.length / 2)] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchCalibration();
  const verdict = result.ms < BENCH_BUDGET_MS ? "within" : "OVER";
  console.log(
    `computeCalibrationReport: ${result.ratings} ratings (${BENCH_SIZE.scorecards} scorecards, ` +
      `${BENCH_SIZE.interviewers} interviewers, ${BENCH_SIZE.candidates} candidates)\n` +
      `runs (ms): ${result.runs.map((ms) => ms.toFixed(0)).join(", ")}\n` +
      `median: ${result.ms.toFixed(0)} ms, ${verdict} the ${BENCH_BUDGET_MS} ms budget`,
  );
}
