import { describe, expect, it } from "vitest";

import { bootstrapAlphaDraws, bootstrapAlphaInterval } from "../../../app/domain/calibration/alpha-bootstrap";
import { krippendorffAlpha } from "../../../app/domain/calibration/krippendorff-alpha";
import { createRandom } from "../../../app/domain/random";
import hayesKrippendorff from "../../fixtures/hayes-krippendorff-2007.json";

function simulatedUnits(seed: number, count: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const truth = 2.5 + random.normal(0, 0.8);
    return Array.from({ length: random.int(2, 4) }, () =>
      Math.min(4, Math.max(1, Math.round(truth + random.normal(0, 0.6)))),
    );
  });
}

const meanSd = (xs: Float64Array) => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) };
};

/**
 * The sampling distribution Hayes & Krippendorff's algorithm draws from, worked out by hand: every
 * unit of m values gets m(m−1)/2 pairs, each an independent draw from the coincidence matrix's cells,
 * weighing 2/(m−1); D_e is fixed. So α* = 1 − Σ w δ² / (n.. D_e) has mean α and
 * SD = sqrt(Σ_units w² m(m−1)/2 · Var(δ²)) / (n.. D_e). Interval metric δ² = (c − k)², from the
 * ordered pairs directly (independent of the implementation's coincidence code).
 */
function intervalMetricBootstrapMoments(units: number[][]) {
  let total = 0;
  let observed = 0;
  let observedSquare = 0;
  const values: number[] = [];
  for (const u of units) {
    if (u.length < 2) continue;
    total += u.length;
    values.push(...u);
    for (let a = 0; a < u.length; a++)
      for (let b = 0; b < u.length; b++) {
        if (a === b) continue;
        observed += (u[a] - u[b]) ** 2 / (u.length - 1);
        observedSquare += (u[a] - u[b]) ** 4 / (u.length - 1);
      }
  }
  let expectedSum = 0;
  for (let a = 0; a < values.length; a++)
    for (let b = 0; b < values.length; b++) if (a !== b) expectedSum += (values[a] - values[b]) ** 2;
  const expected = expectedSum / (total * (total - 1));
  const meanDelta = observed / total;
  const varianceDelta = observedSquare / total - meanDelta ** 2;
  let weightSquares = 0;
  for (const u of units)
    if (u.length >= 2) weightSquares += (2 / (u.length - 1)) ** 2 * ((u.length * (u.length - 1)) / 2);
  return { alpha: 1 - meanDelta / expected, sd: Math.sqrt(weightSquares * varianceDelta) / (total * expected) };
}

describe("Hayes & Krippendorff (2007) bootstrap interval for Krippendorff's alpha", () => {
  const hk = hayesKrippendorff.units.map((u) => u.filter((v): v is number => v !== null));

  it("on the paper's Table 1 data (40 units, 5 observers): alpha is the published ordinal .7598", () => {
    expect(krippendorffAlpha(hk, "ordinal")).toBeCloseTo(0.7598, 4);
  });

  it("draws from the algorithm's own sampling distribution: mean alpha and the SD worked out by hand", () => {
    const reference = intervalMetricBootstrapMoments(hk);
    expect(krippendorffAlpha(hk, "interval")).toBeCloseTo(reference.alpha, 12);
    const draws = meanSd(bootstrapAlphaDraws(hk, "interval", 20_000)!);
    // 20,000 draws: Monte Carlo SE of the mean ≈ SD/141, of the SD ≈ 0.5%.
    expect(Math.abs(draws.mean - reference.alpha)).toBeLessThan((4 * reference.sd) / Math.sqrt(20_000));
    expect(draws.sd / reference.sd).toBeGreaterThan(0.97);
    expect(draws.sd / reference.sd).toBeLessThan(1.03);
  });

  it("gives the percentile interval of those draws, around alpha, the same on every call (seeded)", () => {
    const alpha = krippendorffAlpha(hk, "ordinal")!;
    const interval = bootstrapAlphaInterval(hk, "ordinal")!;
    expect(interval.low).toBeLessThan(alpha);
    expect(interval.high).toBeGreaterThan(alpha);
    // Our values (1,000 resamples, the fixed seed): .707 to .806; roughly alpha ± 2 SD of .026.
    expect(interval.low).toBeGreaterThan(0.68);
    expect(interval.high).toBeLessThan(0.84);
    expect(bootstrapAlphaInterval(hk, "ordinal")).toEqual(interval);
    expect(bootstrapAlphaInterval(hk, "ordinal", 1000, 7)).not.toEqual(interval);
  });

  it("narrows with more units, and is null without two pairable units or without disagreement to expect", () => {
    const wide = bootstrapAlphaInterval(simulatedUnits(5, 60), "ordinal")!;
    const narrow = bootstrapAlphaInterval(simulatedUnits(5, 2000), "ordinal")!;
    expect(narrow.high - narrow.low).toBeLessThan((wide.high - wide.low) / 3);
    expect(bootstrapAlphaInterval([[1, 2], [3]], "ordinal")).toBeNull();
    expect(
      bootstrapAlphaInterval(
        [
          [2, 2],
          [2, 2, 2],
        ],
        "ordinal",
      ),
    ).toBeNull();
  });
});
