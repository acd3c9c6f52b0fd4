import { describe, expect, it } from "vitest";
import { fractionOf, integerScale, niceStep, stepDecimals, symmetricScale } from "~/utils/chart-scale";

describe("niceStep", () => {
  it.each([
    [0.07, 0.1],
    [0.1, 0.1],
    [0.11, 0.2],
    [0.3, 0.5],
    [0.21, 0.25],
    [0.457, 0.5],
    [0.51, 1],
    [1, 1],
    [1.2, 2],
    [2.2, 2.5],
    [3, 5],
    [6, 10],
    [0.1 + 0.2, 0.5],
  ])("%s rounds up to %s", (rough, step) => {
    expect(niceStep(rough)).toBeCloseTo(step, 12);
  });

  it("refuses a step that is not positive", () => {
    expect(() => niceStep(0)).toThrow(RangeError);
    expect(() => niceStep(-1)).toThrow(RangeError);
    expect(() => niceStep(Number.NaN)).toThrow(RangeError);
  });
});

describe("stepDecimals", () => {
  it.each([
    [1, 0],
    [5, 0],
    [0.5, 1],
    [0.25, 2],
    [0.2, 1],
    [0.05, 2],
  ])("%s needs %s decimals", (step, decimals) => {
    expect(stepDecimals(step)).toBe(decimals);
  });
});

describe("symmetricScale", () => {
  it("±1 runs in halves, as the leniency chart's axis always did", () => {
    expect(symmetricScale(1)).toEqual({ domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1], decimals: 1 });
  });

  it("widens a bound to the next tick and keeps 0 a tick", () => {
    const scale = symmetricScale(1.37);
    expect(scale.domain).toEqual([-1.5, 1.5]);
    expect(scale.ticks).toEqual([-1.5, -1, -0.5, 0, 0.5, 1, 1.5]);
    expect(scale.ticks).toContain(0);
  });

  it("a full 1–4 rating span gives whole points", () => {
    expect(symmetricScale(3)).toEqual({ domain: [-3, 3], ticks: [-3, -2, -1, 0, 1, 2, 3], decimals: 0 });
  });

  it("a small bound gets fine ticks without float noise", () => {
    const scale = symmetricScale(0.3);
    expect(scale.ticks).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(scale.decimals).toBe(1);
    expect(Object.is(scale.ticks[3], 0)).toBe(true);
  });

  it("never has more intervals than asked for, and always reaches the bound", () => {
    for (let bound = 0.05; bound < 12; bound += 0.07) {
      const scale = symmetricScale(bound);
      expect(scale.ticks.length - 1).toBeLessThanOrEqual(6);
      expect(scale.domain[1]).toBeGreaterThanOrEqual(bound - 1e-9);
      expect(scale.domain[0]).toBe(-scale.domain[1]);
    }
  });

  it("refuses a bound that is not positive", () => {
    expect(() => symmetricScale(0)).toThrow(RangeError);
  });
});

describe("integerScale", () => {
  it("ticks every whole point of a 1–4 scale", () => {
    expect(integerScale(1, 4)).toEqual({ domain: [1, 4], ticks: [1, 2, 3, 4], decimals: 0 });
  });

  it("refuses an empty or fractional range", () => {
    expect(() => integerScale(4, 4)).toThrow(RangeError);
    expect(() => integerScale(1, 4.5)).toThrow(RangeError);
  });
});

describe("fractionOf", () => {
  it("places values across the domain and keeps outside values at the edges", () => {
    expect(fractionOf(0, [-1, 1])).toBe(0.5);
    expect(fractionOf(-1, [-1, 1])).toBe(0);
    expect(fractionOf(2.5, [1, 4])).toBe(0.5);
    expect(fractionOf(5, [1, 4])).toBe(1);
    expect(fractionOf(-3, [-1, 1])).toBe(0);
  });
});
