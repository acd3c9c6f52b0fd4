import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareWithKey, computeKeyDistances, type PracticeRating, type ReferenceKey } from "~/domain/practice";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { computeWeightedScore, findCapViolations, findRecommendationConflict } from "~/domain/scoring";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { referenceKeySchema } from "~/schemas/exemplar-form-schema";

const key = (ratings: Record<string, number>, over: Partial<ReferenceKey> = {}): ReferenceKey => ({
  ratings,
  recommendation: "yes",
  redFlags: [],
  rationale: {},
  ...over,
});
const rating = (interviewerId: number, exemplarId: number, dimension: string, score: number): PracticeRating => ({
  interviewerId,
  exemplarId,
  dimension,
  score,
});

describe("computeKeyDistances", () => {
  // Two exemplars; key A = (o 3, r 4), key B = (o 2, r 2).
  const keys = new Map([
    [1, key({ o: 3, r: 4 })],
    [2, key({ o: 2, r: 2 })],
  ]);

  it("gives the mean absolute and the signed mean distance per dimension and overall, worked by hand", () => {
    const ratings = [
      // Interviewer 7: A o 4 (+1), r 2 (−2); B o 4 (+2), r 2 (0)
      rating(7, 1, "o", 4),
      rating(7, 1, "r", 2),
      rating(7, 2, "o", 4),
      rating(7, 2, "r", 2),
      // Interviewer 8: A only, exactly on the key
      rating(8, 1, "o", 3),
      rating(8, 1, "r", 4),
    ];
    const [far, near] = computeKeyDistances(ratings, keys);
    expect(far.interviewerId).toBe(7);
    expect(far.exemplars).toBe(2);
    expect(far.byDimension.o).toEqual({ n: 2, meanAbsolute: 1.5, meanSigned: 1.5 });
    expect(far.byDimension.r).toEqual({ n: 2, meanAbsolute: 1, meanSigned: -1 });
    // |+1| + |−2| + |+2| + |0| = 5 over 4; signed (1 − 2 + 2 + 0) / 4
    expect(far.overall).toEqual({ n: 4, meanAbsolute: 1.25, meanSigned: 0.25 });
    expect(near).toEqual({
      interviewerId: 8,
      exemplars: 1,
      overall: { n: 2, meanAbsolute: 0, meanSigned: 0 },
      byDimension: { o: { n: 1, meanAbsolute: 0, meanSigned: 0 }, r: { n: 1, meanAbsolute: 0, meanSigned: 0 } },
    });
  });

  it("separates leniency from distance: always +1 and alternating ±1 are equally far, differently signed", () => {
    const [a, b] = computeKeyDistances(
      [rating(1, 1, "o", 4), rating(1, 2, "o", 3), rating(2, 1, "o", 2), rating(2, 2, "o", 3)],
      keys,
    );
    expect([a, b].map((x) => [x.interviewerId, x.byDimension.o.meanAbsolute, x.byDimension.o.meanSigned])).toEqual([
      [1, 1, 1],
      [2, 1, 0],
    ]);
  });

  it("leaves out ratings with no key: an unknown exemplar or a dimension the key lacks", () => {
    const result = computeKeyDistances([rating(1, 3, "o", 4), rating(1, 1, "x", 4), rating(1, 1, "o", 3)], keys);
    expect(result).toEqual([
      {
        interviewerId: 1,
        exemplars: 1,
        overall: { n: 1, meanAbsolute: 0, meanSigned: 0 },
        byDimension: { o: { n: 1, meanAbsolute: 0, meanSigned: 0 } },
      },
    ]);
    expect(computeKeyDistances([rating(1, 3, "o", 4)], keys)).toEqual([]);
    expect(computeKeyDistances([], keys)).toEqual([]);
  });

  it("sorts furthest first, ties by interviewer id", () => {
    const result = computeKeyDistances([rating(9, 1, "o", 4), rating(3, 1, "o", 2), rating(5, 1, "o", 1)], keys);
    expect(result.map((r) => r.interviewerId)).toEqual([5, 3, 9]);
  });
});

describe("compareWithKey", () => {
  const dimensions = [
    { key: "o", name: "Ownership" },
    { key: "r", name: "Repair" },
    { key: "b", name: "Behavioural change" },
  ];
  const theKey = key(
    { o: 3, r: 4, b: 2 },
    { recommendation: "strong_yes", redFlags: ["no_mechanism"], rationale: { o: "why o" } },
  );

  it("puts each rating beside the key in rubric order, with the difference and the key's reason", () => {
    const c = compareWithKey(
      dimensions,
      { ratings: { o: 4, r: 4 }, recommendation: "yes", redFlags: ["passive_voice", "no_mechanism"] },
      theKey,
    );
    expect(c.dimensions.map((d) => [d.dimension, d.score, d.key, d.difference])).toEqual([
      ["o", 4, 3, 1],
      ["r", 4, 4, 0],
      ["b", null, 2, null],
    ]);
    expect(c.dimensions[0].rationale).toBe("why o");
    expect(c.dimensions[1].rationale).toBe("");
    expect(c.recommendation).toEqual({ yours: "yes", key: "strong_yes", same: false });
    expect(c.redFlags).toEqual({ both: ["no_mechanism"], onlyYours: ["passive_voice"], onlyKey: [] });
    expect(c.meanAbsolute).toBe(0.5);
  });

  it("has no mean distance when nothing was rated", () => {
    const c = compareWithKey(dimensions, { ratings: {}, recommendation: null, redFlags: [] }, theKey);
    expect(c.meanAbsolute).toBeNull();
    expect(c.redFlags.onlyKey).toEqual(["no_mechanism"]);
  });
});

describe("the seed exemplars", () => {
  const seeds = {
    "000": readFileSync("tests/fixtures/seeds/000_e56e91d37ca15277.txt", "utf8"),
    "004": readFileSync("tests/fixtures/seeds/004_eabf96ecd2c61de4.txt", "utf8"),
  };

  it.each(SEED_EXEMPLARS.map((e, i) => [e.title, i] as const))(
    "%s: the answer is verbatim from the seed it cites",
    (_title, i) => {
      const exemplar = SEED_EXEMPLARS[i];
      const seed = exemplar.source.startsWith("Seed 000") ? seeds["000"] : seeds["004"];
      expect(exemplar.source).toMatch(/^Seed 00[04] /);
      // The whole answer, line for line, as one passage of the seed.
      expect(seed).toContain(exemplar.answer);
      expect(exemplar.answer.length).toBeGreaterThan(1000);
    },
  );

  it.each(SEED_EXEMPLARS.map((e, i) => [e.title, i] as const))(
    "%s: the key is valid for the default rubric and consistent with its own rules",
    (_title, i) => {
      const { referenceKey } = SEED_EXEMPLARS[i];
      expect(referenceKeySchema(DEFAULT_RUBRIC).safeParse(referenceKey).success).toBe(true);
      expect(Object.keys(referenceKey.ratings).sort()).toEqual(DEFAULT_RUBRIC.dimensions.map((d) => d.key).sort());
      for (const d of DEFAULT_RUBRIC.dimensions) {
        // One line, and it starts with the rating it explains.
        expect(referenceKey.rationale[d.key]).toMatch(new RegExp(`^${referenceKey.ratings[d.key]}: [^\\n]+$`));
      }
      expect(findCapViolations(DEFAULT_RUBRIC, referenceKey)).toEqual([]);
      const weighted = computeWeightedScore(DEFAULT_RUBRIC, "default", referenceKey.ratings).score;
      expect(findRecommendationConflict(DEFAULT_RUBRIC, referenceKey.recommendation, weighted)).toBeNull();
    },
  );

  it("scores the seed 004 answer, which the article holds up as strong, at 3.8 weighted; seed 000's at 3.2", () => {
    const weighted = SEED_EXEMPLARS.map(
      (e) => computeWeightedScore(DEFAULT_RUBRIC, "default", e.referenceKey.ratings).score,
    );
    expect(weighted).toEqual([3.2, 3.8]);
  });
});

describe("referenceKeySchema", () => {
  const schema = referenceKeySchema(DEFAULT_RUBRIC);
  const valid = SEED_EXEMPLARS[1].referenceKey;
  const issues = (input: unknown) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("refuses a rating outside the scale, a missing dimension, an unknown one, and a multi-line reason", () => {
    expect(issues({ ...valid, ratings: { ...valid.ratings, ownership: 5 } })).toEqual({
      "ratings.ownership": "Ratings run from 1 to 4",
    });
    expect(issues({ ...valid, ratings: { ...valid.ratings, ownership: 0 } })).toEqual({
      "ratings.ownership": "Ratings run from 1 to 4",
    });
    const { repair: _repair, ...missing } = valid.ratings;
    expect(issues({ ...valid, ratings: missing })).toEqual({ "ratings.repair": "Choose the key's rating" });
    expect(issues({ ...valid, ratings: { ...valid.ratings, charisma: 3 } })).toEqual({ ratings: "Unknown dimension" });
    expect(issues({ ...valid, rationale: { ...valid.rationale, repair: "two\nlines" } })).toEqual({
      "rationale.repair": "One line only",
    });
  });

  it("refuses a key above a raised flag's cap, and a recommendation that contradicts its weighted score", () => {
    expect(issues({ ...valid, redFlags: ["passive_voice"] })).toEqual({
      "ratings.ownership": "The key raises Passive voice, which caps this at 2",
    });
    expect(issues({ ...valid, recommendation: "strong_no" })).toEqual({
      recommendation: "Contradicts the key's weighted score 3.80 (expected 1–2)",
    });
    expect(issues({ ...valid, redFlags: ["made_up"] })).toEqual({ "redFlags.0": "Unknown red flag" });
  });
});
