import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import type { Rubric } from "~/domain/rubric/types";
import {
  computeWeightedScore,
  dropStaleJustifications,
  findStaleJustifications,
  findCapViolations,
  findMissingForSubmit,
  findRecommendationConflict,
  ratingTogglesCapWarning,
  type ScorecardScores,
} from "~/domain/scoring";

const rubric = DEFAULT_RUBRIC;
const all = (o: number, a: number, r: number, b: number) => ({
  ownership: o,
  accountability: a,
  repair: r,
  behavioural_change: b,
});
const card = (over: Partial<ScorecardScores> = {}): ScorecardScores => ({
  ratings: all(3, 3, 3, 3),
  redFlags: [],
  recommendation: "yes",
  capJustifications: {},
  recommendationJustification: "",
  ...over,
});

describe("computeWeightedScore", () => {
  it.each([
    [all(1, 1, 1, 1), 1],
    [all(4, 4, 4, 4), 4],
    [all(4, 1, 1, 1), 1.75], // 0.25*4 + 0.75*1
    [all(1, 1, 1, 4), 2.05], // 0.65*1 + 0.35*4
    [all(3, 2, 4, 3), 3], // 0.75 + 0.4 + 0.8 + 1.05
  ])("weights %j to %d", (ratings, expected) => {
    expect(computeWeightedScore(rubric, "default", ratings)).toEqual({ score: expected, complete: true });
  });

  it("renormalises over the rated dimensions while the card is partial", () => {
    expect(computeWeightedScore(rubric, "default", { accountability: 2, repair: 4 })).toEqual({
      score: 3,
      complete: false,
    });
  });

  it("is null with nothing rated", () => {
    expect(computeWeightedScore(rubric, "default", {})).toEqual({ score: null, complete: false });
  });

  it("uses a variant's own weights when it has them", () => {
    const custom: Rubric = structuredClone(rubric);
    custom.variants[1].weights = { ownership: 10, accountability: 10, repair: 70, behavioural_change: 10 };
    expect(computeWeightedScore(custom, custom.variants[1].key, all(1, 1, 4, 1)).score).toBe(3.1);
    expect(computeWeightedScore(custom, "default", all(1, 1, 4, 1)).score).toBe(1.6);
  });
});

describe("ratingTogglesCapWarning", () => {
  it("is true when a rating crosses a raised flag's cap, either way, and false within either side", () => {
    const flags = ["passive_voice"]; // caps ownership at 2
    expect(ratingTogglesCapWarning(rubric, flags, "ownership", 2, 3)).toBe(true);
    expect(ratingTogglesCapWarning(rubric, flags, "ownership", 4, 1)).toBe(true);
    expect(ratingTogglesCapWarning(rubric, flags, "ownership", null, 4)).toBe(true);
    expect(ratingTogglesCapWarning(rubric, flags, "ownership", 3, 4)).toBe(false);
    expect(ratingTogglesCapWarning(rubric, flags, "ownership", 1, 2)).toBe(false);
    expect(ratingTogglesCapWarning(rubric, flags, "accountability", 1, 4)).toBe(false);
    expect(ratingTogglesCapWarning(rubric, [], "ownership", 1, 4)).toBe(false);
  });
});

describe("findCapViolations", () => {
  it("reports a rating above a raised flag's cap without changing it", () => {
    const scores = card({ ratings: all(3, 3, 3, 3), redFlags: ["passive_voice"] });
    const violations = findCapViolations(rubric, scores);
    expect(violations.map((v) => [v.dimension, v.rating, v.cap])).toEqual([["ownership", 3, 2]]);
    expect(scores.ratings.ownership).toBe(3);
  });

  it("allows a rating at the cap", () => {
    expect(findCapViolations(rubric, card({ ratings: all(2, 3, 3, 3), redFlags: ["passive_voice"] }))).toEqual([]);
  });

  it("takes the lowest cap and names every flag that sets it", () => {
    const violations = findCapViolations(
      rubric,
      card({ ratings: all(2, 2, 2, 2), redFlags: ["passive_voice", "claims_immunity", "fake_mistake"] }),
    );
    expect(violations.map((v) => [v.dimension, v.cap, v.flags.map((f) => f.key)])).toEqual([
      ["ownership", 1, ["fake_mistake", "claims_immunity"]],
      ["accountability", 1, ["claims_immunity"]],
      ["repair", 1, ["claims_immunity"]],
      ["behavioural_change", 1, ["claims_immunity"]],
    ]);
  });

  it("ignores unrated dimensions and unknown flags", () => {
    expect(findCapViolations(rubric, { ratings: { ownership: null }, redFlags: ["passive_voice", "nope"] })).toEqual(
      [],
    );
  });
});

describe("findRecommendationConflict", () => {
  it.each([
    ["no", 3.6, true],
    ["no", 3, false],
    ["strong_no", 2.05, true],
    ["strong_no", 2, false],
    ["yes", 1.95, true],
    ["yes", 2, false],
    ["strong_yes", 2.9, true],
    ["strong_yes", 3, false],
  ] as const)("%s at %d conflicts: %s", (recommendation, weighted, conflicts) => {
    expect(findRecommendationConflict(rubric, recommendation, weighted) !== null).toBe(conflicts);
  });

  it("has nothing to compare without a recommendation or a score", () => {
    expect(findRecommendationConflict(rubric, null, 3)).toBeNull();
    expect(findRecommendationConflict(rubric, "no", null)).toBeNull();
  });
});

describe("findMissingForSubmit", () => {
  it("is empty for a complete, consistent scorecard", () => {
    expect(findMissingForSubmit(rubric, "default", card())).toEqual([]);
  });

  it("lists every unrated dimension and a missing recommendation", () => {
    const missing = findMissingForSubmit(rubric, "default", card({ ratings: { ownership: 3 }, recommendation: null }));
    expect(missing.map((m) => m.field)).toEqual([
      "ratings.accountability",
      "ratings.repair",
      "ratings.behavioural_change",
      "recommendation",
    ]);
  });

  it("asks for a justification of a rating above a cap, and accepts one", () => {
    const flagged = card({ redFlags: ["passive_voice"] });
    expect(findMissingForSubmit(rubric, "default", flagged)).toEqual([
      {
        field: "capJustifications.ownership",
        message: expect.stringMatching(/Rated 3 above the cap of 2 set by Passive voice/),
      },
    ]);
    expect(
      findMissingForSubmit(rubric, "default", {
        ...flagged,
        capJustifications: { ownership: "Owned it fully later on." },
      }),
    ).toEqual([]);
  });

  it("asks for a justification of a recommendation that contradicts the score (3.6 weighted, no)", () => {
    const contradicting = card({ ratings: all(4, 3, 3, 4), recommendation: "no" });
    expect(findMissingForSubmit(rubric, "default", contradicting)).toEqual([
      { field: "recommendationJustification", message: expect.stringMatching(/contradicts the weighted score 3\.60/) },
    ]);
    expect(
      findMissingForSubmit(rubric, "default", { ...contradicting, recommendationJustification: "   " }),
    ).toHaveLength(1);
    expect(
      findMissingForSubmit(rubric, "default", { ...contradicting, recommendationJustification: "Culture concerns." }),
    ).toEqual([]);
  });
});

describe("stale justifications (issue #15, defect 6)", () => {
  const base = {
    ratings: { ownership: 1, accountability: 1, repair: 1, behavioural_change: 1 },
    redFlags: [] as string[],
    capJustifications: {},
    recommendationJustification: "",
  };
  it.each([
    [
      "a recommendation justification once the recommendation agrees with the score",
      { ...base, recommendation: "strong_no" as const, recommendationJustification: "r" },
      ["recommendationJustification"],
    ],
    [
      "none while the recommendation still contradicts the score",
      { ...base, recommendation: "strong_yes" as const, recommendationJustification: "r" },
      [],
    ],
    [
      "a cap justification once the flag is lowered",
      {
        ...base,
        ratings: { ...base.ratings, ownership: 3 },
        recommendation: null,
        capJustifications: { ownership: "x" },
      },
      ["capJustifications.ownership"],
    ],
    [
      "none while the rating is above the raised flag's cap",
      {
        ...base,
        ratings: { ...base.ratings, ownership: 3 },
        redFlags: ["passive_voice"],
        recommendation: null,
        capJustifications: { ownership: "x" },
      },
      [],
    ],
  ])("%s", (_name, card, expected) => {
    expect(findStaleJustifications(DEFAULT_RUBRIC, "default", card)).toEqual(expected);
    const dropped = dropStaleJustifications(DEFAULT_RUBRIC, "default", card);
    expect(findStaleJustifications(DEFAULT_RUBRIC, "default", dropped)).toEqual([]);
  });
});
