import { beforeAll, describe, expect, it } from "vitest";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { useAdmin } from "../support/admin-session";
import { edited, expectRefused, post, toEntries } from "../support/admin-rubric";

// The rubric editor refuses a bad version beside the field, and saves nothing. (Saving a good one:
// admin-rubric.test.ts.)

useAdmin();

// The refusals are edits of a second version, as an admin would meet them: ownership and behavioural
// change reweighted to 30 each (so one weight set to 25 sums to 95), and version 1 now stale.
beforeAll(async () => {
  const res = await post(
    edited((v) => {
      v.dimensions[0].weight = 30;
      v.dimensions[3].weight = 30;
    }),
  );
  expect(res.status).toBe(302);
  expect(getLatestRubricVersion().id).toBe(2);
});

describe("admin rubric: the invariants, beside the fields, nothing saved", () => {
  it("weights that don't sum to 100: an error at the weights", async () => {
    const errors = await expectRefused(
      edited((v) => (v.dimensions[0].weight = 25)),
      { weights: "Weights must sum to 100 (they sum to 95)" },
    );
    expect(Object.keys(errors)).toEqual(["weights"]);
  });

  it("a missing note", async () => {
    await expectRefused(
      edited(() => {}, "   "),
      { note: "Say what changed" },
    );
  });

  it("blank and non-numeric weights, at the weight", async () => {
    await expectRefused(
      edited((v) => (v.dimensions[1].weight = "")),
      { "dimensions.1.weight": "Enter a weight" },
    );
    await expectRefused(
      edited((v) => (v.dimensions[1].weight = "ten")),
      { "dimensions.1.weight": "Enter a whole percent" },
    );
    await expectRefused(
      edited((v) => (v.dimensions[1].weight = "0")),
      { "dimensions.1.weight": "Must be positive" },
    );
  });

  it("empty anchors, names and too many probes", async () => {
    await expectRefused(
      edited((v) => (v.dimensions[0].anchors[1].text = " ")),
      { "dimensions.0.anchors.1.text": "Required" },
    );
    await expectRefused(
      edited((v) => (v.dimensions[2].name = "")),
      { "dimensions.2.name": "Required" },
    );
    await expectRefused(
      edited((v) => (v.dimensions[0].probes = Array.from({ length: 9 }, (_, i) => `Probe ${i}?`).join("\n"))),
      {
        "dimensions.0.probes": "At most 8 probes, one per line",
      },
    );
  });

  it("a cap outside the scale or on no dimension, at the cap", async () => {
    await expectRefused(
      edited((v) => (v.redFlags[0].caps[0].max = 7)),
      { "redFlags.0.caps.0.max": "A cap must lie within 1–4" },
    );
    await expectRefused(
      edited((v) => (v.redFlags[0].caps[0].dimension = "charisma")),
      { "redFlags.0.caps.0.dimension": 'Unknown dimension "charisma"' },
    );
  });

  it("variants: a duplicate key, a bad key, own weights that don't sum to 100, a blank weight", async () => {
    await expectRefused(
      edited((v) => v.variants.push({ ...v.variants[1], key: "meta" })),
      { [`variants.7.key`]: 'Duplicate variant key "meta"' },
    );
    await expectRefused(
      edited((v) => v.variants.push({ ...v.variants[1], key: "Big Co" })),
      { "variants.7.key": /lower-case letters/ },
    );
    await expectRefused(
      edited((v) => {
        v.variants[1].ownWeights = true;
        v.variants[1].weights = { ownership: 25, accountability: 25, repair: 25, behavioural_change: 20 };
      }),
      { "variants.1.weights": "Weights must sum to 100 (they sum to 95)" },
    );
    await expectRefused(
      edited((v) => {
        v.variants[1].ownWeights = true;
        v.variants[1].weights = { ownership: 25, accountability: 25, repair: 25, behavioural_change: "" };
      }),
      { "variants.1.weights.behavioural_change": "Enter a weight" },
    );
  });

  it("no variants at all", async () => {
    await expectRefused(
      edited((v) => (v.variants = [])),
      { variants: /at least 1/ },
    );
  });

  it("an edit made on an older version is refused (409): someone saved in between", async () => {
    const current = getLatestRubricVersion().id;
    await expectRefused(
      edited((v) => (v.baseVersionId = current - 1)),
      { form: /Someone saved version \d+ while you were editing/ },
      409,
    );
    await expectRefused(
      edited((v) => (v.baseVersionId = 99)),
      { form: /Unknown rubric version/ },
    );
  });

  it("a crafted field name cannot reach the prototype", async () => {
    const entries = toEntries(edited((v) => (v.dimensions[0].weight = 25)));
    entries.push(["__proto__.polluted", "yes"], ["dimensions.__proto__.polluted", "yes"]);
    await expectRefused(entries, { weights: /sum to 95/ });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
