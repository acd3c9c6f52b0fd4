import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { describeRubricChanges } from "~/domain/rubric/describe-changes";
import type { Rubric } from "~/domain/rubric/types";

const edit = (change: (r: Rubric) => void): Rubric => {
  const copy = structuredClone(DEFAULT_RUBRIC);
  change(copy);
  return copy;
};

describe("describeRubricChanges", () => {
  it.each<[string, (r: Rubric) => void, string[]]>([
    ["nothing", () => {}, []],
    ["a weight", (r) => void (r.dimensions[0].weight += 5), ["dimensions.ownership.weight"]],
    ["an anchor's text", (r) => void (r.dimensions[2].anchors[0].text = "x"), ["dimensions.repair.anchors"]],
    ["a removed red flag", (r) => void r.redFlags.splice(0, 1), ["redFlags.fake_mistake removed"]],
    ["an added variant", (r) => void r.variants.push({ ...r.variants[0], key: "acme" }), ["variants.acme added"]],
    ["the order of the dimensions", (r) => void r.dimensions.reverse(), ["dimensions reordered"]],
    ["the scale", (r) => void (r.scale = { min: 1, max: 5 }), ["scale"]],
  ])("names %s", (_what, change, expected) => {
    expect(describeRubricChanges(DEFAULT_RUBRIC, edit(change))).toEqual(expected);
  });
});
