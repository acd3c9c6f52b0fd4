import { z } from "zod/v3";
import { splitLines, toRubric, weightOf, type RubricEdit } from "~/domain/rubric/rubric-form-values";
import type { Rubric } from "~/domain/rubric/types";
import { checkbox, wholeNumber } from "./form-data";
import { RubricSchema } from "./rubric-schema";

// The rubric editor's form schema: dimensions (name, weight, covers, anchors, probes), red flags with
// their caps, and variants. The fields it does not show (question, scale, STAR, levels...) come
// from the version being edited. The invariants are RubricSchema's, the same as for the seeded
// rubric: its issues are moved onto the form's fields so they show beside them. Turning a
// rubric into the form's values and back lives in ~/domain/rubric/rubric-form-values.

const MAX_PROBES = 8;

const str = z.string().optional().default("");
const probeLines = str.refine(
  (text) => splitLines(text).length <= MAX_PROBES,
  `At most ${MAX_PROBES} probes, one per line`,
);
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).optional().default([]);

const RubricFormShape = z.object({
  baseVersionId: wholeNumber({ required: "Reload the page: the rubric version is missing" }),
  note: z
    .string({ required_error: "Say what changed" })
    .trim()
    .min(1, "Say what changed")
    .max(300, "At most 300 characters"),
  dimensions: list(
    z.object({
      key: str,
      name: str,
      weight: wholeNumber({ required: "Enter a weight", invalid: "Enter a whole percent" }),
      covers: str,
      anchors: list(z.object({ score: wholeNumber({ required: "Missing anchor score" }), text: str })),
      probes: probeLines,
      source: str,
    }),
  ),
  redFlags: list(
    z.object({
      key: str,
      name: str,
      description: str,
      caps: list(z.object({ dimension: str, max: wholeNumber({ required: "Choose a cap" }) })),
      source: str,
    }),
  ),
  variants: list(
    z.object({
      key: str,
      company: str,
      name: str,
      focus: str,
      question: str,
      probes: probeLines,
      ownWeights: checkbox,
      weights: z.record(z.union([z.string(), z.number()])).optional(),
      rationale: str,
    }),
  ),
});

/** Where a RubricSchema issue shows in the form. */
function toFormPath(path: (string | number)[]): (string | number)[] {
  // The dimensions' weights not summing to 100 is an issue on the whole list: show it at the weights.
  if (path.length === 1 && path[0] === "dimensions") return ["weights"];
  const probes = path.indexOf("probes");
  if (probes >= 0) return path.slice(0, probes + 1); // one textarea holds the whole list
  if (path[0] === "dimensions" || path[0] === "redFlags" || path[0] === "variants") return path;
  return ["form"];
}

export function rubricFormSchema(base: Rubric) {
  return RubricFormShape.superRefine((form, ctx) => {
    form.variants.forEach((v, i) => {
      if (!v.ownWeights) return;
      for (const d of form.dimensions) {
        const raw = v.weights?.[d.key];
        const value = weightOf(raw);
        if (value === undefined)
          ctx.addIssue({ code: "custom", path: ["variants", i, "weights", d.key], message: "Enter a weight" });
        else if (!Number.isInteger(value))
          ctx.addIssue({ code: "custom", path: ["variants", i, "weights", d.key], message: "Enter a whole percent" });
      }
    });
    const result = RubricSchema.safeParse(toRubric(base, form));
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = toFormPath(issue.path);
      ctx.addIssue({
        code: "custom",
        path,
        message: path[0] === "form" ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
      });
    }
  }).transform((form): RubricEdit => ({
    baseVersionId: form.baseVersionId,
    note: form.note,
    rubric: toRubric(base, form),
  }));
}
