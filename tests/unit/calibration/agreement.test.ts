import { describe, expect, it } from "vitest";

import { cohenKappas } from "../../../app/domain/calibration/cohen-kappa";
import { fleissKappa } from "../../../app/domain/calibration/fleiss-kappa";
import { ICC_FORMS, intraclassCorrelations } from "../../../app/domain/calibration/intraclass-correlation";
import { krippendorffAlpha, MEASUREMENT_LEVELS } from "../../../app/domain/calibration/krippendorff-alpha";
import { computeCalibrationReport } from "../../../app/domain/calibration/report";
import { ratingsFromMatrix } from "./rating-builders";

describe("krippendorffAlpha", () => {
  it.each([
    [
      "one rater per unit: nothing pairable",
      [[1], [2], [3]],
      { nominal: null, ordinal: null, interval: null, ratio: null },
    ],
    [
      "all ratings equal: no expected disagreement",
      [
        [3, 3],
        [3, 3, 3],
      ],
      { nominal: null, ordinal: null, interval: null, ratio: null },
    ],
    [
      "perfect agreement, missing ratings",
      [[1, 1], [2, 2, 2], [4, 4], [3]],
      { nominal: 1, ordinal: 1, interval: 1, ratio: 1 },
    ],
    // Hand-computed on a 0–10 scale: o = {0:0 ×2, 10:10 ×2, 5:6, 6:5}, n = 6, D_e sums 1210 (interval), 26 (nominal).
    [
      "0–10 scale, one near miss",
      [
        [0, 0],
        [10, 10],
        [5, 6],
      ],
      { nominal: 1 - 10 / 26, interval: 1 - 10 / 1210 },
    ],
  ] as const)("%s", (_, units, expected) => {
    for (const [level, value] of Object.entries(expected)) {
      const alpha = krippendorffAlpha(units, level as (typeof MEASUREMENT_LEVELS)[number]);
      if (value === null) expect(alpha).toBeNull();
      else expect(alpha).toBeCloseTo(value, 12);
    }
  });

  it("ignores units with a single value", () => {
    const units = [
      [1, 2],
      [2, 2],
      [3, 4],
      [4, 4],
    ];
    for (const level of MEASUREMENT_LEVELS) {
      expect(krippendorffAlpha([...units, [1], [4]], level)).toBeCloseTo(krippendorffAlpha(units, level) as number, 12);
    }
  });

  it("is null at the ratio level when a value is negative (a ratio scale starts at 0)", () => {
    expect(
      krippendorffAlpha(
        [
          [-1, 1],
          [2, 2],
        ],
        "ratio",
      ),
    ).toBeNull();
    expect(
      krippendorffAlpha(
        [
          [-1, 1],
          [2, 2],
        ],
        "interval",
      ),
    ).not.toBeNull();
  });
});

describe("intraclassCorrelations", () => {
  it.each([
    ["one judge", [[1], [2], [3]]],
    ["one target", [[1, 2, 3]]],
    ["a missing cell", [[1, 2], [3]]],
    [
      "all ratings equal",
      [
        [2, 2],
        [2, 2],
        [2, 2],
      ],
    ],
  ])("is null with %s", (_, matrix) => {
    expect(intraclassCorrelations(matrix)).toBeNull();
  });

  it("is 1 in every form under perfect agreement", () => {
    const icc = intraclassCorrelations([
      [1, 1, 1],
      [3, 3, 3],
      [2, 2, 2],
      [4, 4, 4],
    ]);
    for (const form of ICC_FORMS) expect(icc?.[form]).toBeCloseTo(1, 12);
  });

  it("separates consistency from absolute agreement when one judge is uniformly harsher", () => {
    const icc = intraclassCorrelations([
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(icc?.["ICC(3,1)"]).toBeCloseTo(1, 12);
    expect(icc?.["ICC(2,1)"]).toBeLessThan(1);
  });
});

describe("fleissKappa", () => {
  it("uses Gwet's form for unequal panels (hand-computed: p_a = 2/3, p_e = 41/81, κ = 13/40)", () => {
    expect(fleissKappa([[1, 1], [1, 2, 2], [2]], [1, 2])).toBeCloseTo(13 / 40, 12);
  });

  it.each([
    ["only single ratings", [[1], [2]]],
    [
      "one category used",
      [
        [2, 2],
        [2, 2, 2],
      ],
    ],
    ["no units", []],
  ])("is null with %s", (_, units) => {
    expect(fleissKappa(units, [1, 2, 3, 4])).toBeNull();
  });

  it("refuses a value that is not a category", () => {
    expect(() => fleissKappa([[1, 5]], [1, 2, 3, 4])).toThrow(RangeError);
  });
});

describe("cohenKappas", () => {
  // Disagreements only between 1 and 2, on a 1–4 scale where 3 is never used.
  const pairs: [number, number][] = [
    [1, 2],
    [2, 1],
    [4, 4],
    [1, 1],
    [2, 2],
  ];

  it("weights by distances on the declared scale, unused categories included (hand-computed)", () => {
    const kappa = cohenKappas(pairs, [1, 2, 3, 4]);
    expect(kappa.unweighted).toBeCloseTo(0.375, 12);
    expect(kappa.linear).toBeCloseTo(9 / 14, 12);
    expect(kappa.quadratic).toBeCloseTo(5 / 6, 12);
    expect(cohenKappas(pairs, [1, 2, 4]).linear).toBeCloseTo(0.5, 12);
  });

  it("is 1 under perfect agreement and null when both raters use one category", () => {
    expect(
      cohenKappas(
        [
          [1, 1],
          [3, 3],
          [4, 4],
        ],
        [1, 2, 3, 4],
      ),
    ).toEqual({ unweighted: 1, linear: 1, quadratic: 1 });
    expect(
      cohenKappas(
        [
          [2, 2],
          [2, 2],
        ],
        [1, 2, 3, 4],
      ),
    ).toEqual({ unweighted: null, linear: null, quadratic: null });
  });
});

describe("agreement per dimension in the report", () => {
  it("gives pairwise kappas on the declared scale only to pairs with 5+ candidates in common", () => {
    const matrix = [
      [1, 2, 1],
      [2, 1, null],
      [4, 4, null],
      [1, 1, 2],
      [2, 2, null],
    ];
    const report = computeCalibrationReport(ratingsFromMatrix(matrix), { scale: { min: 1, max: 4 } });
    const [dimension] = report.dimensions;
    expect(dimension.pairs).toHaveLength(1);
    expect(dimension.pairs[0]).toMatchObject({ a: "int-0", b: "int-1", n: 5 });
    expect(dimension.pairs[0].kappa.linear).toBeCloseTo(9 / 14, 12);
    expect(dimension.icc).toBeNull();
  });

  it("computes ICCs only when every candidate has the same interviewers", () => {
    const complete = computeCalibrationReport(
      ratingsFromMatrix([
        [1, 2],
        [3, 3],
        [4, 3],
      ]),
      { scale: { min: 1, max: 4 } },
    );
    expect(complete.dimensions[0].icc).not.toBeNull();
    const swapped = ratingsFromMatrix([
      [1, 2],
      [3, 3],
      [4, 3],
    ]).map((r, k) => (k === 5 ? { ...r, interviewer: "int-9" } : r));
    expect(computeCalibrationReport(swapped, { scale: { min: 1, max: 4 } }).dimensions[0].icc).toBeNull();
  });

  it("gives null, never NaN, for one rater and for all-equal ratings", () => {
    for (const matrix of [
      [[1], [2], [3]],
      [
        [2, 2],
        [2, 2],
      ],
    ]) {
      const [dimension] = computeCalibrationReport(ratingsFromMatrix(matrix), { scale: { min: 1, max: 4 } }).dimensions;
      expect(dimension.alpha).toEqual({ nominal: null, ordinal: null, interval: null, ratio: null });
      expect(dimension.fleissKappa).toBeNull();
      expect(dimension.icc).toBeNull();
    }
  });

  it("works on a 0–10 scale", () => {
    const report = computeCalibrationReport(
      ratingsFromMatrix([
        [0, 0],
        [10, 10],
        [5, 6],
      ]),
      { scale: { min: 0, max: 10 } },
    );
    expect(report.dimensions[0].alpha.interval).toBeCloseTo(1 - 10 / 1210, 12);
    expect(report.dimensions[0].icc?.["ICC(1,1)"]).toBeGreaterThan(0.99);
  });
});
