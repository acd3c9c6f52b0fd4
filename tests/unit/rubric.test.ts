import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import type { Rubric } from "~/domain/rubric/types";
import { RubricSchema } from "~/schemas/rubric-schema";

const clone = (): Rubric => structuredClone(DEFAULT_RUBRIC);
function issuesOf(rubric: unknown) {
  const result = RubricSchema.safeParse(rubric);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("the default rubric", () => {
  it("passes its own schema", () => {
    expect(issuesOf(DEFAULT_RUBRIC)).toEqual([]);
  });

  it("has the four dimensions with seed 004's weights", () => {
    expect(DEFAULT_RUBRIC.dimensions.map((d) => [d.key, d.weight])).toEqual([
      ["ownership", 25],
      ["accountability", 20],
      ["repair", 20],
      ["behavioural_change", 35],
    ]);
  });

  it("cites a seed for every dimension, red flag and variant", () => {
    for (const d of DEFAULT_RUBRIC.dimensions) expect(d.source).toMatch(/seed 00[04]/i);
    for (const f of DEFAULT_RUBRIC.redFlags) expect(f.source).toMatch(/seed 00[04]/i);
    for (const v of DEFAULT_RUBRIC.variants) expect(v.rationale).toMatch(/seed 000/i);
    expect(DEFAULT_RUBRIC.answerGuide).toMatchObject({ minSeconds: 120, maxSeconds: 150 });
  });

  it("keeps seed 000's company variants, two of them without a company", () => {
    const companies = DEFAULT_RUBRIC.variants.map((v) => v.company);
    expect(companies).toEqual(expect.arrayContaining(["Amazon", "Meta", "Microsoft", "Netflix"]));
    expect(DEFAULT_RUBRIC.variants.filter((v) => v.company === null).map((v) => v.focus)).toEqual([
      "Self-awareness, accountability, resilience",
      "Growth mindset, self-awareness",
      "Learning agility, professional growth",
    ]);
  });

  it("lets passive voice cap Ownership at 2, as the product brief says", () => {
    const passive = DEFAULT_RUBRIC.redFlags.find((f) => f.key === "passive_voice");
    expect(passive?.caps).toEqual([{ dimension: "ownership", max: 2 }]);
  });
});

describe("rubric invariants", () => {
  const cases: [string, (r: Rubric) => void, RegExp][] = [
    [
      "weights that do not sum to 100",
      (r) => (r.dimensions[0].weight = 30),
      /dimensions: Weights must sum to 100 \(they sum to 105\)/,
    ],
    ["a zero weight", (r) => (r.dimensions[0].weight = 0), /dimensions\.0\.weight: Must be positive/],
    [
      "a duplicate dimension key",
      (r) => (r.dimensions[1].key = "ownership"),
      /dimensions\.1\.key: Duplicate dimension key/,
    ],
    [
      "a level without an anchor",
      (r) => r.dimensions[2].anchors.pop(),
      /dimensions\.2\.anchors: Anchor every level 1–4/,
    ],
    [
      "an anchor outside the scale",
      (r) => (r.dimensions[2].anchors[0].score = 5),
      /dimensions\.2\.anchors: Anchor every level/,
    ],
    [
      "a cap above the scale",
      (r) => (r.redFlags[0].caps[0].max = 7),
      /redFlags\.0\.caps\.0\.max: A cap must lie within 1–4/,
    ],
    ["a cap on an unknown dimension", (r) => (r.redFlags[0].caps[0].dimension = "charm"), /Unknown dimension "charm"/],
    [
      "a duplicate red flag",
      (r) => (r.redFlags[1].key = r.redFlags[0].key),
      /redFlags\.1\.key: Duplicate red flag key/,
    ],
    [
      "variant weights for only some dimensions",
      (r) => (r.variants[1].weights = { ownership: 100 }),
      /variants\.1\.weights: Give a weight for every dimension/,
    ],
    [
      "variant weights that do not sum to 100",
      (r) => (r.variants[1].weights = { ownership: 25, accountability: 25, repair: 25, behavioural_change: 35 }),
      /variants\.1\.weights: Weights must sum to 100/,
    ],
    ["an empty dimension name", (r) => (r.dimensions[0].name = "  "), /dimensions\.0\.name: Required/],
    [
      "a three-point recommendation scale",
      (r) => r.recommendations.pop(),
      /recommendations: The recommendation is a forced four-point scale/,
    ],
  ];
  it.each(cases)("refuses %s", (_name, mutate, expected) => {
    const rubric = clone();
    mutate(rubric);
    expect(issuesOf(rubric).join("\n")).toMatch(expected);
  });

  it("accepts a variant with its own complete weights", () => {
    const rubric = clone();
    rubric.variants[1].weights = { ownership: 20, accountability: 20, repair: 30, behavioural_change: 30 };
    expect(issuesOf(rubric)).toEqual([]);
  });
});
