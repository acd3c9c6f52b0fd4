// Property tests as seeded random loops (deterministic: a failure names its seed and reproduces).
import { describe, expect, it } from "vitest";

import { computeCalibrationReport, type CalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating, Scale } from "../../../app/domain/calibration/types";
import { createRandom, simulatePanels } from "./simulate-panels";

const SEEDS = [1, 2, 3, 5, 8, 13, 21, 34];

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [out[k], out[j]] = [out[j], out[k]];
  }
  return out;
}

function rmse(pairs: [number, number][]): number {
  return Math.sqrt(pairs.reduce((sum, [a, b]) => sum + (a - b) ** 2, 0) / pairs.length);
}

/** Every number anywhere in the value, with its path. */
function numbersIn(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, k) => numbersIn(v, `${path}[${k}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}

describe.each(SEEDS)("seed %i", { timeout: 60_000 }, (seed) => {
  it("perfect agreement gives 1 for every agreement statistic that is defined", () => {
    const random = createRandom(seed);
    const scale: Scale = { min: 0, max: 2 + Math.floor(random() * 9) };
    const interviewers = Array.from({ length: 3 + Math.floor(random() * 6) }, (_, i) => `i${i}`);
    const ratings: Rating[] = [];
    for (let c = 0; c < 40; c++) {
      const score = scale.min + Math.floor(random() * (scale.max - scale.min + 1));
      const panel = shuffle(interviewers, random).slice(0, 2 + Math.floor(random() * 3));
      for (const interviewer of panel) ratings.push({ candidate: `c${c}`, interviewer, dimension: "d", score });
    }
    const [dimension] = computeCalibrationReport(ratings, { scale }).dimensions;
    for (const alpha of Object.values(dimension.alpha)) expect(alpha).toBeCloseTo(1, 12);
    expect(dimension.fleissKappa).toBeCloseTo(1, 12);
    expect(dimension.pairs.length).toBeGreaterThan(0);
    for (const pair of dimension.pairs) {
      for (const kappa of Object.values(pair.kappa)) if (kappa !== null) expect(kappa).toBeCloseTo(1, 12);
    }
  });

  it("relabelling interviewers and reordering ratings changes nothing", () => {
    const { ratings, scale } = simulatePanels(seed, { scorecards: 600, interviewers: 25, candidates: 250 });
    const random = createRandom(seed + 1000);
    const names = [...new Set(ratings.map((r) => r.interviewer))];
    const relabel = new Map(names.map((name, k) => [name, `renamed-${shuffle(names, random).indexOf(name)}-${k}`]));
    const relabelled = shuffle(
      ratings.map((r) => ({ ...r, interviewer: relabel.get(r.interviewer) as string })),
      random,
    );

    const before = computeCalibrationReport(ratings, { scale });
    const after = computeCalibrationReport(relabelled, { scale });
    const byDimension = (report: CalibrationReport) => new Map(report.dimensions.map((d) => [d.dimension, d]));
    for (const [dimension, x] of byDimension(before)) {
      const y = byDimension(after).get(dimension);
      for (const level of ["nominal", "ordinal", "interval", "ratio"] as const)
        expect(y?.alpha[level]).toBeCloseTo(x.alpha[level] as number, 10);
      expect(y?.fleissKappa).toBeCloseTo(x.fleissKappa as number, 10);
      const pairKey = (a: string, b: string) => [a, b].sort().join("|");
      const yPairs = new Map(y?.pairs.map((p) => [pairKey(p.a, p.b), p]));
      expect(yPairs.size).toBe(x.pairs.length);
      for (const p of x.pairs) {
        const q = yPairs.get(pairKey(relabel.get(p.a) as string, relabel.get(p.b) as string));
        expect(q?.n).toBe(p.n);
        expect(q?.kappa.quadratic).toBeCloseTo(p.kappa.quadratic as number, 10);
      }
    }
    const afterByName = new Map(after.interviewers.map((i) => [i.interviewer, i]));
    for (const i of before.interviewers) {
      const j = afterByName.get(relabel.get(i.interviewer) as string);
      expect(j?.leniency.n).toBe(i.leniency.n);
      expect(j?.leniency.leniency).toBeCloseTo(i.leniency.leniency as number, 10);
      expect(j?.halo).toEqual(i.halo);
    }
    const adjustedAfter = new Map(after.adjusted.candidates.map((c) => [c.candidate, c.adjustedMean]));
    for (const c of before.adjusted.candidates) expect(adjustedAfter.get(c.candidate)).toBeCloseTo(c.adjustedMean, 5);
    expect(after.disagreements.queue.map((d) => d.candidate)).toEqual(
      before.disagreements.queue.map((d) => d.candidate),
    );
  });

  it("adding +1 to one interviewer's ratings moves their leniency by +1 and the others' barely", () => {
    const { ratings } = simulatePanels(seed, { scorecards: 1200, interviewers: 30, candidates: 500 });
    const scale = { min: 1, max: 5 };
    const target = ratings[Math.floor(createRandom(seed)() * ratings.length)].interviewer;
    const shifted = ratings.map((r) => (r.interviewer === target ? { ...r, score: r.score + 1 } : r));
    const leniencyOf = (rs: Rating[]) =>
      new Map(
        computeCalibrationReport(rs, { scale }).interviewers.map((i) => [i.interviewer, i.leniency.leniency as number]),
      );
    const before = leniencyOf(ratings);
    const after = leniencyOf(shifted);
    for (const [interviewer, value] of before) {
      if (interviewer === target) expect((after.get(interviewer) as number) - value).toBeCloseTo(1, 10);
      else expect(Math.abs((after.get(interviewer) as number) - value)).toBeLessThan(0.15);
    }
  });

  it("rater-adjusted scores recover planted candidate effects better than raw means", () => {
    const { ratings, scale, trueScore } = simulatePanels(seed, {
      scorecards: 3000,
      interviewers: 40,
      candidates: 1200,
      severitySd: 0.5,
    });
    const { candidates } = computeCalibrationReport(ratings, { scale }).adjusted;
    const truth = (candidate: string) => trueScore.get(candidate) as number;
    const rawError = rmse(candidates.map((c) => [c.rawMean, truth(c.candidate)]));
    const adjustedError = rmse(candidates.map((c) => [c.adjustedMean, truth(c.candidate)]));
    expect(adjustedError).toBeLessThan(0.85 * rawError);
  });

  it("never yields NaN or Infinity, only numbers or null, on messy data", () => {
    const random = createRandom(seed);
    const scale: Scale = { min: -1 + Math.floor(random() * 3), max: 3 + Math.floor(random() * 8) };
    const ratings: Rating[] = [];
    const seen = new Set<string>();
    for (let k = 0; k < 150; k++) {
      const rating: Rating = {
        candidate: `c${Math.floor(random() * 30)}`,
        interviewer: `i${Math.floor(random() * 8)}`,
        dimension: `d${Math.floor(random() * 3)}`,
        score: random() < 0.3 ? scale.max : scale.min + Math.floor(random() * (scale.max - scale.min + 1)),
        variant: random() < 0.5 ? "amazon" : undefined,
        date: `2024-0${1 + Math.floor(random() * 3)}-15`,
        recommendation: random() < 0.5 ? "yes" : "no",
      };
      const key = `${rating.candidate}/${rating.interviewer}/${rating.dimension}`;
      if (!seen.has(key)) ratings.push(rating);
      seen.add(key);
    }
    const report = computeCalibrationReport(ratings, {
      scale,
      scorecards: [{ candidate: "c1", interviewer: "i1", redFlags: 2 }],
    });
    const bad = numbersIn(report).filter(([, x]) => !Number.isFinite(x));
    expect(bad).toEqual([]);
  });
});
