import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { formDataToObject } from "~/schemas/form-data";
import { scorecardDraftSchema } from "~/schemas/scorecard-schema";

const schema = scorecardDraftSchema(DEFAULT_RUBRIC);
const base = { intent: "save", baseRevision: 0, rubricVersionId: 1 };

describe("a plain HTML post of the scorecard (formDataToObject, the parser every form shares)", () => {
  it("nests dotted names and collects repeated checkboxes; the schema reads one tick as a list", () => {
    const form = new FormData();
    form.append("ratings.ownership", "3");
    form.append("redFlags", "passive_voice");
    form.append("redFlags", "generic_lesson");
    form.append("star", "task");
    form.append("recommendation", "yes");
    const input = formDataToObject(form);
    expect({ ...input, ratings: { ...(input.ratings as object) } }).toEqual({
      ratings: { ownership: "3" },
      redFlags: ["passive_voice", "generic_lesson"],
      star: "task",
      recommendation: "yes",
    });
    const parsed = schema.parse({ ...base, ...input });
    expect(parsed.star).toEqual(["task"]);
    expect(parsed.redFlags).toEqual(["passive_voice", "generic_lesson"]);
  });

  it("counts a red flag ticked twice once", () => {
    const parsed = schema.parse({ ...base, redFlags: ["passive_voice", "passive_voice"] });
    expect(parsed.redFlags).toEqual(["passive_voice"]);
  });

  it("cannot be used to pollute Object.prototype", () => {
    const form = new FormData();
    form.append("__proto__.polluted", "yes");
    form.append("constructor.prototype.polluted", "yes");
    form.append("ratings", "plain");
    form.append("ratings.ownership", "2");
    formDataToObject(form);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("scorecardDraftSchema", () => {
  it("reads a plain HTML post: strings become numbers, empty means unrated", () => {
    const parsed = schema.parse({
      ...base,
      baseRevision: "2",
      ratings: { ownership: "3", repair: "" },
      redFlags: "passive_voice",
    });
    expect(parsed).toMatchObject({
      baseRevision: 2,
      ratings: { ownership: 3, repair: null },
      redFlags: ["passive_voice"],
      star: [],
    });
  });

  it.each([
    [{ ratings: { ownership: 0 } }, "ratings.ownership", "Ratings run from 1 to 4"],
    [{ ratings: { ownership: "three" } }, "ratings.ownership", "Choose a rating"],
    [{ ratings: { charm: 3 } }, "ratings", "Unknown dimension"],
    [{ redFlags: ["x"] }, "redFlags.0", 'Unknown red flag "x"'],
    [{ recommendation: "maybe" }, "recommendation", "Unknown recommendation"],
    [{ recommendationJustification: "x".repeat(501) }, "recommendationJustification", "At most 500 characters"],
    [{ notes: [{ id: "a b", dimension: "repair", elapsedSeconds: 1, text: "x" }] }, "notes.0.id", "Invalid note id"],
    [{ notes: [{ id: "a", dimension: "repair", elapsedSeconds: -1, text: "x" }] }, "notes.0.elapsedSeconds", undefined],
    [
      { notes: [{ id: "a", dimension: "repair", elapsedSeconds: 1, text: "   " }] },
      "notes.0.text",
      "A note cannot be empty",
    ],
  ])("refuses %j at %s", (over, path, message) => {
    const result = schema.safeParse({ ...base, ...over });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path.join(".") === path);
    expect(issue).toBeDefined();
    if (message) expect(issue!.message).toBe(message);
  });

  it("follows the rubric's own scale", () => {
    const wide = structuredClone(DEFAULT_RUBRIC);
    wide.scale = { min: 0, max: 6 };
    expect(scorecardDraftSchema(wide).safeParse({ ...base, ratings: { ownership: 6 } }).success).toBe(true);
    expect(schema.safeParse({ ...base, ratings: { ownership: 6 } }).success).toBe(false);
  });
});
