import { describe, expect, it } from "vitest";

import { studentTCdf, studentTQuantile } from "../../../app/domain/calibration/student-t";

describe("studentTQuantile", () => {
  // Printed t tables (e.g. Fisher & Yates; any statistics textbook), 3 decimals.
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 3, 3.182],
    [0.975, 4, 2.776],
    [0.975, 5, 2.571],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, 120, 1.98],
    [0.995, 5, 4.032],
    [0.995, 1, 63.657],
    [0.95, 1, 6.314],
    [0.95, 15, 1.753],
    [0.9, 20, 1.325],
  ])("t(%s, df=%s) = %s as in printed tables", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 3);
  });

  it("matches the closed forms for df = 1 (Cauchy) and df = 2 to 1e-9", () => {
    for (const p of [0.6, 0.75, 0.9, 0.975, 0.995, 0.9995]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it("tends to the normal quantile 1.959964 as df grows", () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it("is antisymmetric, 0 at the median, and inverts the CDF at fractional df (Welch)", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 7.3)).toBeCloseTo(-studentTQuantile(0.975, 7.3), 12);
    for (const df of [1.5, 3.7, 12.25, 250.5]) {
      for (const p of [0.8, 0.95, 0.975]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it("refuses probabilities outside (0, 1) and non-positive df", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});
