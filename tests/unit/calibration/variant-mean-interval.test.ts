// Each variant's mean interval counts candidates, not ratings (clustered-mean.ts), checked against
// R's sandwich::vcovCL (tests/fixtures/variant-mean-interval/make-reference.R; R is never run here),
// and its minimum is the one minimum of comparable evidence (evidence.ts), in candidates.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeCalibrationReport } from "~/domain/calibration";
import { buildVariantView } from "~/domain/calibration/dashboard-comparisons";
import { addToMoments, createMoments, meanConfidenceInterval } from "~/domain/calibration/summary-stats";
import type { Rating } from "~/domain/calibration/types";

const SCALE = { min: 1, max: 4 };
const folder = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** Few candidates, many interviewers each: candidate k scored `abilities[k]` by all of them. */
function fewCandidates(variant: string, abilities: number[], interviewers = 10): Rating[] {
  return abilities.flatMap((ability, k) =>
    Array.from({ length: interviewers }, (_, i) => ({
      candidate: `${variant}-c${k}`,
      interviewer: `r${i}`,
      dimension: "ownership",
      score: ability,
      variant,
    })),
  );
}

describe("a variant's mean interval", { timeout: 60_000 }, () => {
  it("is clustered by candidate: ten ratings of one candidate are not ten observations", () => {
    // 6 candidates rated by 10 interviewers each who agree: 60 ratings, 6 independent units.
    const abilities = [1, 4, 2, 4, 1, 3];
    const ratings = [...fewCandidates("amazon", abilities), ...fewCandidates("meta", [2, 3, 2, 3, 2, 3])];
    const amazon = computeCalibrationReport(ratings, { scale: SCALE }).variants[0];
    const naive = createMoments();
    for (const r of ratings.filter((x) => x.variant === "amazon")) addToMoments(naive, r.score);
    const naiveInterval = meanConfidenceInterval(naive)!;
    expect(amazon).toMatchObject({ n: 60, candidates: 6, withheld: null });
    // By hand: every rating equals its candidate's mean, so the clustered variance is
    // G/(G−1) · Σ (n_g (ȳ_g − ȳ))² / n² = (6/5) · 100 · Σ (a − 2.5)² / 3600 = (6/5) · 100 · 9.5 / 3600,
    // with t(0.975, 5) = 2.5705818.
    const half = 2.5705818366147395 * Math.sqrt(((6 / 5) * 100 * 9.5) / 3600);
    expect(amazon.mean).toBeCloseTo(2.5, 12);
    expect(amazon.ciLow).toBeCloseTo(2.5 - half, 6);
    expect(amazon.ciHigh).toBeCloseTo(2.5 + half, 6);
    const width = amazon.ciHigh! - amazon.ciLow!;
    expect(width).toBeGreaterThan(2.5 * (naiveInterval.high - naiveInterval.low));
  });

  it("matches R's sandwich::vcovCL clustered by candidate on the committed design", () => {
    const ratings: Rating[] = readFileSync(`${folder}variant-reliability/variants.csv`, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [candidate, interviewer, dimension, score, variant] = line.split(",");
        return { candidate, interviewer, dimension, score: Number(score), variant };
      });
    const reference = JSON.parse(readFileSync(`${folder}variant-mean-interval/cells.json`, "utf8")) as {
      cells: {
        variant: string;
        dimension: string;
        n: number;
        candidates: number;
        mean: number;
        ci_low: number;
        ci_high: number;
        naive_low: number;
        naive_high: number;
      }[];
    };
    const variants = computeCalibrationReport(ratings, { scale: SCALE }).variants;
    expect(reference.cells.length).toBe(variants.length);
    for (const cell of reference.cells) {
      const v = variants.find((x) => x.variant === cell.variant && x.dimension === cell.dimension)!;
      expect(v).toMatchObject({ n: cell.n, candidates: cell.candidates });
      expect(v.mean).toBeCloseTo(cell.mean, 10);
      expect(v.ciLow).toBeCloseTo(cell.ci_low, 8);
      expect(v.ciHigh).toBeCloseTo(cell.ci_high, 8);
      // Several interviewers per candidate: the clustered interval is the wider one here.
      expect(v.ciHigh! - v.ciLow!).toBeGreaterThan(cell.naive_high - cell.naive_low);
    }
  });

  it("is withheld below 5 candidates however many ratings they carry, saying what is missing", () => {
    const ratings = [...fewCandidates("amazon", [1, 4, 2]), ...fewCandidates("meta", [2, 3, 2, 3, 2, 3])];
    const report = computeCalibrationReport(ratings, { scale: SCALE });
    const [dimension] = buildVariantView({
      report,
      ratings,
      interviewerNames: {},
      dimensionNames: {},
      variantNames: {},
    });
    const amazon = dimension.variants.find((v) => v.variant === "amazon")!;
    expect(amazon).toMatchObject({ n: 30, candidates: 3, mean: null, ciLow: null, ciHigh: null });
    expect(amazon.withheld).toBe("needs 5 candidates, has 3");
    expect(amazon.versusRest).toBeNull();
    expect(amazon.versusRestWithheld).toBe("needs 5 candidates, has 3");
    const meta = dimension.variants.find((v) => v.variant === "meta")!;
    expect(meta.mean).not.toBeNull();
    expect(meta.versusRestWithheld).toBe("needs 5 candidates in the other variants, has 3");
  });
});
