import { describe, expect, it } from "vitest";

import { computeCalibrationReport, type InterviewerCalibration } from "../../../app/domain/calibration/report";
import type { Rating, Scale } from "../../../app/domain/calibration/types";
import { scorecard } from "./rating-builders";

const SCALE: Scale = { min: 1, max: 4 };

function interviewersOf(ratings: Rating[], options: Parameters<typeof computeCalibrationReport>[1] = { scale: SCALE }) {
  const report = computeCalibrationReport(ratings, options);
  return new Map<string, InterviewerCalibration>(report.interviewers.map((i) => [i.interviewer, i]));
}

/** Pairs of (lenient, peer) scores, one candidate each, on one dimension. */
function duel(scores: [number, number][], date?: (k: number) => string): Rating[] {
  return scores.flatMap(([mine, theirs], k) => [
    { candidate: `c${k}`, interviewer: "lena", dimension: "ownership", score: mine, date: date?.(k) },
    { candidate: `c${k}`, interviewer: "pete", dimension: "ownership", score: theirs, date: date?.(k) },
  ]);
}

describe("leniency", () => {
  it("is the mean deviation from the other panellists, with a t interval (hand-computed)", () => {
    // Deviations 1, 0, 1, 2, 1: mean 1, s = √0.5, half-width t(.975, 4) · s/√5 with t = 2.776445 (tables).
    const halfWidth = 2.776445 * Math.sqrt(0.5 / 5);
    const lena = interviewersOf(
      duel([
        [3, 2],
        [2, 2],
        [3, 2],
        [4, 2],
        [3, 2],
      ]),
    ).get("lena");
    expect(lena?.leniency.n).toBe(5);
    expect(lena?.leniency.leniency).toBeCloseTo(1, 12);
    expect(lena?.leniency.ciLow).toBeCloseTo(1 - halfWidth, 5);
    expect(lena?.leniency.ciHigh).toBeCloseTo(1 + halfWidth, 5);
    expect(lena?.leniency.flag).toBe("lenient");
  });

  it("flags the mirror image as severe", () => {
    const pete = interviewersOf(
      duel([
        [3, 2],
        [2, 2],
        [3, 2],
        [4, 2],
        [3, 2],
      ]),
    ).get("pete");
    expect(pete?.leniency.leniency).toBeCloseTo(-1, 12);
    expect(pete?.leniency.flag).toBe("severe");
  });

  it("does not flag a large leniency whose interval includes 0", () => {
    const lena = interviewersOf(
      duel([
        [4, 1],
        [1, 4],
        [4, 1],
        [1, 3],
        [4, 2],
      ]),
    ).get("lena");
    expect(Math.abs(lena?.leniency.leniency ?? 0)).toBeGreaterThanOrEqual(0.5);
    expect(lena?.leniency.flag).toBeNull();
  });

  it("gives no number below 5 deviations, and counts only ratings someone else also gave", () => {
    const ratings = [
      ...duel([
        [3, 2],
        [2, 2],
        [3, 2],
        [4, 2],
      ]),
      { candidate: "alone", interviewer: "lena", dimension: "ownership", score: 4 },
    ];
    const lena = interviewersOf(ratings).get("lena");
    expect(lena?.ratings).toBe(5);
    expect(lena?.leniency).toEqual({
      n: 4,
      leniency: null,
      ciLow: null,
      ciHigh: null,
      flag: null,
      reason: "not enough data",
    });
  });

  it("drifts by calendar month with the same 5-rating rule", () => {
    const ratings = duel(
      [
        [3, 2],
        [3, 2],
        [3, 2],
        [3, 2],
        [3, 2],
        [2, 2],
        [2, 2],
      ],
      (k) => (k < 5 ? `2024-01-1${k}` : "2024-02-01"),
    );
    const drift = interviewersOf(ratings).get("lena")?.drift;
    expect(drift?.map((m) => [m.month, m.n, m.leniency, m.reason])).toEqual([
      ["2024-01", 5, 1, null],
      ["2024-02", 2, null, "not enough data"],
    ]);
  });
});

describe("spread and central tendency", () => {
  it("reports SD, share at the ends and in the middle, and the categories used (1–4)", () => {
    const ratings = [1, 2, 3, 4, 4].map((score, k) => ({
      candidate: `c${k}`,
      interviewer: "ann",
      dimension: "d",
      score,
    }));
    const spread = interviewersOf(ratings).get("ann")?.spread;
    expect(spread?.sd).toBeCloseTo(Math.sqrt(1.7), 12);
    expect(spread?.extremeShare).toBeCloseTo(0.6, 12);
    expect(spread?.middleShare).toBeCloseTo(0.4, 12);
    expect(spread?.categoriesUsed).toEqual([1, 2, 3, 4]);
    expect(spread?.distribution).toEqual([
      { score: 1, count: 1 },
      { score: 2, count: 1 },
      { score: 3, count: 1 },
      { score: 4, count: 2 },
    ]);
  });

  it.each([
    [{ min: 0, max: 10 }, [5, 5, 0, 10, 6], 0.4, 0.4],
    [{ min: 1, max: 5 }, [3, 3, 2, 4, 5], 0.2, 0.4],
    [{ min: 1, max: 2 }, [1, 2, 2], 1, null],
  ])("on scale %o, ratings %o: extremes %s, middle %s", (scale, scores, extremes, middle) => {
    const ratings = scores.map((score, k) => ({ candidate: `c${k}`, interviewer: "ann", dimension: "d", score }));
    const spread = interviewersOf(ratings, { scale }).get("ann")?.spread;
    expect(spread?.extremeShare).toBeCloseTo(extremes, 12);
    if (middle === null) expect(spread?.middleShare).toBeNull();
    else expect(spread?.middleShare).toBeCloseTo(middle, 12);
  });

  it("has no SD for a single rating", () => {
    expect(
      interviewersOf([{ candidate: "c", interviewer: "ann", dimension: "d", score: 2 }]).get("ann")?.spread.sd,
    ).toBeNull();
  });
});

describe("halo", () => {
  it("is the share of multi-dimension scorecards with one rating throughout", () => {
    const ratings = [
      ...scorecard("c1", "ann", { ownership: 3, learning: 3, impact: 3 }),
      ...scorecard("c2", "ann", { ownership: 3, learning: 2 }),
      ...scorecard("c3", "ann", { ownership: 4 }),
      ...scorecard("c1", "bob", { ownership: 1 }),
    ];
    const byName = interviewersOf(ratings);
    expect(byName.get("ann")?.halo).toEqual({ scorecards: 2, share: 0.5 });
    expect(byName.get("bob")?.halo).toEqual({ scorecards: 0, share: null });
  });
});

describe("red flags against peers", () => {
  const ratings = ["ann", "bob", "cat"].flatMap((interviewer) => scorecard("c1", interviewer, { ownership: 2 }));

  it("compares mean flags per scorecard with everyone else's", () => {
    // Ann's own scorecards must not count among her peers': everyone's mean is 1.5, the others' 1.
    const scorecards = [
      { candidate: "c1", interviewer: "ann", redFlags: 3 },
      { candidate: "c2", interviewer: "ann", redFlags: 1 },
      { candidate: "c1", interviewer: "bob", redFlags: 1 },
      { candidate: "c3", interviewer: "bob", redFlags: 1 },
      { candidate: "c4", interviewer: "ghost", redFlags: 9 },
    ];
    const byName = interviewersOf(ratings, { scale: SCALE, scorecards });
    expect(byName.get("ann")?.redFlags).toEqual({ scorecards: 2, meanRedFlags: 2, peerMeanRedFlags: 1, difference: 1 });
    expect(byName.get("bob")?.redFlags).toEqual({
      scorecards: 2,
      meanRedFlags: 1,
      peerMeanRedFlags: 2,
      difference: -1,
    });
    expect(byName.get("cat")?.redFlags).toEqual({
      scorecards: 0,
      meanRedFlags: null,
      peerMeanRedFlags: 1.5,
      difference: null,
    });
  });

  it("is null throughout without red-flag data", () => {
    expect(interviewersOf(ratings).get("ann")?.redFlags.difference).toBeNull();
  });
});
