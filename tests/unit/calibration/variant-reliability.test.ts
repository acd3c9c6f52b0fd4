// The per-variant panel-size planner against lme4 (reference values written by
// tests/fixtures/variant-reliability/make-reference.R from the committed CSV; R is never run here).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import {
  computeVariantReliability,
  MIN_PLANNER_CANDIDATES,
  MIN_PLANNER_INTERVIEWERS,
} from "../../../app/domain/calibration/variant-reliability";
import type { Rating } from "../../../app/domain/calibration/types";

const folder = fileURLToPath(new URL("../../fixtures/variant-reliability/", import.meta.url));

interface ReferenceVariant {
  variant: string;
  shared_candidates: number;
  interviewers: number;
  variance?: { candidate: number; interviewer: number; scorecard: number; residual: number };
  reliability?: Record<string, number>;
}

const ratings: Rating[] = readFileSync(`${folder}variants.csv`, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [candidate, interviewer, dimension, score, variant] = line.split(",");
    return { candidate, interviewer, dimension, score: Number(score), variant };
  });
const reference = (JSON.parse(readFileSync(`${folder}variants.json`, "utf8")) as { variants: ReferenceVariant[] })
  .variants;

describe("panel reliability per company variant", { timeout: 60_000 }, () => {
  const ours = computeVariantReliability(ratings);
  const byName = new Map(ours.map((v) => [v.variant, v]));

  it.each(["amazon", "meta"])("%s: Φ(1…6) and the variance components agree with lme4", (name) => {
    const mine = byName.get(name)!;
    const theirs = reference.find((r) => r.variant === name)!;
    expect(mine.withheld).toBeNull();
    expect(mine.sharedCandidates).toBe(theirs.shared_candidates);
    for (const [k, phi] of Object.entries(theirs.reliability!))
      expect(Math.abs(mine.reliability![k] - phi)).toBeLessThan(0.005);
    for (const [term, value] of Object.entries(theirs.variance!)) {
      const ourValue = mine.variance![term as keyof typeof theirs.variance];
      expect(Math.abs(ourValue - value)).toBeLessThanOrEqual(Math.max(0.003, 0.02 * value));
    }
  });

  it("tells variants apart: the one with less spread between candidates needs more interviewers", () => {
    expect(byName.get("meta")!.reliability!["3"]).toBeLessThan(byName.get("amazon")!.reliability!["3"] - 0.2);
    for (const v of ours.filter((x) => x.reliability !== null))
      for (let k = 2; k <= 6; k++) expect(v.reliability![String(k)]).toBeGreaterThan(v.reliability![String(k - 1)]);
  });

  it("withholds a variant without enough comparable evidence, and says what is missing", () => {
    const netflix = byName.get("netflix")!;
    expect(netflix.sharedCandidates).toBe(6);
    expect(netflix.reliability).toBeNull();
    expect(netflix.withheld).toBe(
      `needs ${MIN_PLANNER_CANDIDATES} candidates rated by two or more interviewers, has 6`,
    );
  });

  it("needs enough interviewers too, and leaves ratings without a variant out", () => {
    const two: Rating[] = [];
    for (let c = 0; c < 12; c++)
      for (const [interviewer, offset] of [
        ["a", 0],
        ["b", 1],
      ] as const)
        two.push({ candidate: `c${c}`, interviewer, dimension: "d", score: 1 + ((c + offset) % 4), variant: "v" });
    two.push({ candidate: "x", interviewer: "a", dimension: "d", score: 2 });
    const [only, ...rest] = computeVariantReliability(two);
    expect(rest).toEqual([]);
    expect(only.withheld).toBe(`needs ${MIN_PLANNER_INTERVIEWERS} interviewers, has 2`);
  });
});
