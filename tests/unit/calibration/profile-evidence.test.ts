// An interviewer's scale use, halo share and red flags are shown on candidates shared with
// co-panellists (the one minimum, evidence.ts), never on a count of raw ratings or scorecards.
import { describe, expect, it } from "vitest";
import { computeCalibrationReport } from "~/domain/calibration";
import { buildInterviewerView } from "~/domain/calibration/dashboard";
import { formatCalibrationText } from "~/domain/calibration/report-text";
import type { Rating } from "~/domain/calibration/types";
import { scorecard } from "./rating-builders";

const SCALE = { min: 1, max: 4 };
const DIMENSIONS = ["ownership", "impact", "repair", "craft"];

/** "solo" rates 8 candidates alone (32 ratings) and 2 with "ann"; ann and bob share 6 candidates. */
function ratings(): Rating[] {
  const out: Rating[] = [];
  const card = (c: string, i: string, base: number) =>
    out.push(...scorecard(c, i, Object.fromEntries(DIMENSIONS.map((d, k) => [d, 1 + ((base + k) % 4)]))));
  for (let c = 0; c < 8; c++) card(`alone-${c}`, "solo", c);
  for (let c = 0; c < 2; c++) {
    card(`with-${c}`, "solo", c);
    card(`with-${c}`, "ann", c + 1);
  }
  for (let c = 0; c < 6; c++) {
    card(`pair-${c}`, "ann", c);
    card(`pair-${c}`, "bob", c + 2);
  }
  return out;
}

describe("an interviewer's profile figures", () => {
  const data = ratings();
  const report = computeCalibrationReport(data, { scale: SCALE });
  const view = buildInterviewerView({
    report,
    ratings: data,
    interviewerNames: {},
    dimensionNames: {},
    variantNames: {},
  });
  const row = (who: string) => view.rows.find((r) => r.interviewer === who)!;

  it("are withheld below 5 shared candidates however many ratings and scorecards there are", () => {
    expect(row("solo").ratings).toBe(40);
    expect(row("solo").haloScorecards).toBe(10);
    expect(row("solo")).toMatchObject({
      sd: null,
      extremeShare: null,
      middleShare: null,
      haloShare: null,
      redFlagMean: null,
      profileWithheld: "needs 5 shared candidates, has 2",
    });
  });

  it("are shown from 5 shared candidates", () => {
    expect(row("bob").rater.sharedCandidates).toBe(6);
    expect(row("bob").profileWithheld).toBeNull();
    expect(row("bob").sd).not.toBeNull();
    expect(row("bob").haloShare).not.toBeNull();
    expect(row("bob").extremeShare).not.toBeNull();
  });

  it("follow the same minimum in the CLI text", () => {
    const line = formatCalibrationText(report)
      .split("\n")
      .find((l) => l.startsWith("solo "))!;
    expect(line).toContain("needs 5 shared candidates, has 2");
    // Shared, model effect withheld, no raw SD / ends / halo figures: only n/a after the counts.
    const cells = line.split(/\s{2,}/).slice(-4);
    expect(cells).toEqual(["n/a", "n/a", "n/a", "n/a"]);
  });
});

describe("the CLI text's agreement figures", () => {
  it("are withheld below 5 candidates rated by two or more interviewers, whatever the rating count", () => {
    // 40 ratings on "ownership", but only 2 candidates scored by two interviewers.
    const data = ratings().filter((r) => !r.candidate.startsWith("pair-"));
    const text = formatCalibrationText(computeCalibrationReport(data, { scale: SCALE }));
    const line = text.split("\n").find((l) => l.startsWith("ownership "))!;
    expect(line).toContain("needs 5 candidates rated by two or more, has 2");
    expect(text).toContain(
      "Fleiss' kappa of recommendations: needs 5 candidates with two or more recommendations, has 0",
    );
  });
});
