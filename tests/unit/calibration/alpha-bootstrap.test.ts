import { describe, expect, it } from "vitest";

import { bootstrapAlphaInterval } from "../../../app/domain/calibration/alpha-bootstrap";
import { krippendorffAlpha } from "../../../app/domain/calibration/krippendorff-alpha";
import { createRandom } from "../../../app/domain/random";

function simulatedUnits(seed: number, count: number): number[][] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const truth = 2.5 + random.normal(0, 0.8);
    return Array.from({ length: random.int(2, 4) }, () =>
      Math.min(4, Math.max(1, Math.round(truth + random.normal(0, 0.6)))),
    );
  });
}

describe("bootstrap interval for Krippendorff's alpha", () => {
  const units = simulatedUnits(4, 200);
  const alpha = krippendorffAlpha(units, "ordinal") as number;
  const interval = bootstrapAlphaInterval(units, "ordinal");

  it("brackets the point estimate and is the same on every call (seeded)", () => {
    expect(interval).not.toBeNull();
    expect(interval!.low).toBeLessThan(alpha);
    expect(interval!.high).toBeGreaterThan(alpha);
    expect(bootstrapAlphaInterval(units, "ordinal")).toEqual(interval);
  });

  it("is as wide as a plain resampling of units with replacement (within 25%)", () => {
    const random = createRandom(99);
    const alphas: number[] = [];
    for (let b = 0; b < 1000; b++) {
      const resample = Array.from({ length: units.length }, () => units[Math.floor(random.next() * units.length)]);
      alphas.push(krippendorffAlpha(resample, "ordinal") as number);
    }
    alphas.sort((a, b) => a - b);
    const plainWidth = alphas[974] - alphas[25];
    expect(Math.abs(interval!.high - interval!.low - plainWidth)).toBeLessThan(0.25 * plainWidth);
  });

  it("narrows with more units, and is null without two pairable units", () => {
    const wide = bootstrapAlphaInterval(simulatedUnits(5, 60), "ordinal")!;
    const narrow = bootstrapAlphaInterval(simulatedUnits(5, 2000), "ordinal")!;
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
    expect(bootstrapAlphaInterval([[1, 2], [3]], "ordinal")).toBeNull();
  });
});
