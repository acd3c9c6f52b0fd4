import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { cohenKappas, type KappaWeighting } from "../../../app/domain/calibration/cohen-kappa";
import { fleissKappa } from "../../../app/domain/calibration/fleiss-kappa";
import { intraclassCorrelations, type IccForm } from "../../../app/domain/calibration/intraclass-correlation";
import { krippendorffAlpha, type MeasurementLevel } from "../../../app/domain/calibration/krippendorff-alpha";
import { computeCalibrationReport, type CalibrationReport } from "../../../app/domain/calibration/report";
import type { Rating } from "../../../app/domain/calibration/types";

interface PublishedCase {
  name: string;
  statistic: string;
  level: string | null;
  expected: number;
  tolerance: number;
  params?: { categories?: number[]; value_domain?: number[]; counts?: number[][] };
  /** Rows are units (candidates), columns raters (interviewers), null a missing rating. */
  data: (number | null)[][];
}

const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/irr-published.json", import.meta.url), "utf8")) as {
  cases: PublishedCase[];
};

const ICC_FORM_OF: Record<string, IccForm> = {
  icc_1_1: "ICC(1,1)",
  icc_2_1: "ICC(2,1)",
  icc_3_1: "ICC(3,1)",
  icc_1_k: "ICC(1,k)",
  icc_2_k: "ICC(2,k)",
  icc_3_k: "ICC(3,k)",
};

const unitsOf = (data: PublishedCase["data"]): number[][] =>
  data.map((row) => row.filter((x): x is number => x !== null));

/** The statistic computed directly by the domain function that implements it. */
function computeDirectly(c: PublishedCase): number | null {
  switch (c.statistic) {
    case "krippendorff_alpha":
      return krippendorffAlpha(unitsOf(c.data), c.level as MeasurementLevel);
    case "fleiss_kappa":
      return fleissKappa(unitsOf(c.data), c.params?.categories ?? []);
    case "cohen_kappa":
      return cohenKappas(
        c.data.map(([a, b]): [number, number] => [a as number, b as number]),
        c.params?.categories ?? [],
      )[c.level as KappaWeighting];
    default: {
      const form = ICC_FORM_OF[c.statistic];
      if (form === undefined) throw new Error(`unknown statistic "${c.statistic}" in ${c.name}`);
      return intraclassCorrelations(c.data as number[][])?.[form] ?? null;
    }
  }
}

/** The same statistic read from a full report over the case turned into long-format ratings. */
function computeThroughReport(c: PublishedCase): number | null {
  const ratings: Rating[] = c.data.flatMap((row, unit) =>
    row.flatMap((score, rater) =>
      score === null ? [] : [{ candidate: `u${unit}`, interviewer: `r${rater}`, dimension: "d", score }],
    ),
  );
  const values = c.params?.categories ?? c.params?.value_domain ?? ratings.map((r) => r.score);
  const scale = { min: Math.min(...values), max: Math.max(...values) };
  const report: CalibrationReport = computeCalibrationReport(ratings, { scale });
  const [dimension] = report.dimensions;
  switch (c.statistic) {
    case "krippendorff_alpha":
      return dimension.alpha[c.level as MeasurementLevel];
    case "fleiss_kappa":
      return dimension.fleissKappa;
    case "cohen_kappa":
      return dimension.pairs[0].kappa[c.level as KappaWeighting];
    default:
      return dimension.icc?.[ICC_FORM_OF[c.statistic]] ?? null;
  }
}

describe("published inter-rater reliability values (tests/fixtures/irr-published.json)", () => {
  it("has cases to check", () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(fixtures.cases.map((c) => [c.name, c] as const))("%s, computed directly", (_, c) => {
    const value = computeDirectly(c);
    expect(value).not.toBeNull();
    expect(Math.abs((value as number) - c.expected)).toBeLessThanOrEqual(c.tolerance);
  });

  it.each(fixtures.cases.map((c) => [c.name, c] as const))("%s, through computeCalibrationReport", (_, c) => {
    const value = computeThroughReport(c);
    expect(value).not.toBeNull();
    expect(Math.abs((value as number) - c.expected)).toBeLessThanOrEqual(c.tolerance);
  });

  it("the Fleiss case's rating rows agree with its published category counts", () => {
    const fleiss = fixtures.cases.find((c) => c.statistic === "fleiss_kappa");
    const { categories = [], counts = [] } = fleiss?.params ?? {};
    const recounted = unitsOf(fleiss?.data ?? []).map((unit) =>
      categories.map((k) => unit.filter((x) => x === k).length),
    );
    expect(recounted).toEqual(counts);
  });
});
