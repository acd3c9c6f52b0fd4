import { z } from "zod/v3";
import type { Rubric } from "~/domain/rubric/types";
import { checkbox, wholeNumber } from "./admin-form-data";
import { RubricSchema } from "./rubric-schema";

// The rubric editor's form: dimensions (name, weight, covers, anchors, probes), red flags with
// their caps, and variants. The fields it does not show (question, scale, STAR, levels...) come
// from the version being edited. The invariants are RubricSchema's, the same as for the seeded
// rubric: its issues are moved onto the form's fields so they show beside them.

const MAX_PROBES = 8;

export interface RubricFormValues {
  baseVersionId: number | string;
  note: string;
  dimensions: {
    key: string;
    name: string;
    weight: number | string;
    covers: string;
    anchors: { score: number | string; text: string }[];
    /** One probe per line. */
    probes: string;
    source: string;
  }[];
  redFlags: {
    key: string;
    name: string;
    description: string;
    caps: { dimension: string; max: number | string }[];
    source: string;
    isNew?: boolean;
  }[];
  variants: {
    key: string;
    company: string;
    name: string;
    focus: string;
    question: string;
    probes: string;
    ownWeights: boolean | string;
    weights?: Record<string, number | string>;
    rationale: string;
    isNew?: boolean;
  }[];
}

export interface RubricEdit {
  baseVersionId: number;
  note: string;
  rubric: Rubric;
}

export const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

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
type RubricFormData = z.output<typeof RubricFormShape>;

const weightOf = (value: string | number | undefined) =>
  value === undefined || value === "" ? undefined : Number(value);

/** The edited fields laid over the version being edited. */
export function toRubric(base: Rubric, form: RubricFormData): Rubric {
  const dimensionKeys = form.dimensions.map((d) => d.key);
  return {
    ...base,
    dimensions: form.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      weight: d.weight,
      covers: d.covers,
      anchors: d.anchors.map((a) => ({ score: a.score, text: a.text })),
      probes: splitLines(d.probes),
      source: d.source,
    })),
    redFlags: form.redFlags.map((f) => ({
      key: f.key,
      name: f.name,
      description: f.description,
      caps: f.caps,
      source: f.source,
    })),
    variants: form.variants.map((v) => ({
      key: v.key,
      company: v.company.trim() === "" ? null : v.company,
      name: v.name,
      focus: v.focus,
      question: v.question,
      probes: splitLines(v.probes),
      weights: v.ownWeights
        ? (Object.fromEntries(dimensionKeys.map((k) => [k, weightOf(v.weights?.[k])])) as Record<string, number>)
        : null,
      rationale: v.rationale,
    })),
  };
}

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

export function toRubricFormValues(rubric: Rubric, baseVersionId: number): RubricFormValues {
  const defaults = Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.weight]));
  return {
    baseVersionId,
    note: "",
    dimensions: rubric.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      weight: d.weight,
      covers: d.covers,
      anchors: [...d.anchors].sort((a, b) => a.score - b.score),
      probes: d.probes.join("\n"),
      source: d.source,
    })),
    redFlags: rubric.redFlags.map((f) => ({
      key: f.key,
      name: f.name,
      description: f.description,
      caps: f.caps,
      source: f.source,
    })),
    variants: rubric.variants.map((v) => ({
      key: v.key,
      company: v.company ?? "",
      name: v.name,
      focus: v.focus,
      question: v.question,
      probes: v.probes.join("\n"),
      ownWeights: v.weights !== null,
      weights: { ...defaults, ...v.weights },
      rationale: v.rationale,
    })),
  };
}

/**
 * The posted value in the template's shape: text where the template has text (or a number), lists
 * item by item, objects key by key. A hostile post (an object where text was, a missing item) then
 * re-renders as the form's own shape instead of crashing the page.
 */
function shapeLike(template: unknown, posted: unknown): unknown {
  if (typeof template === "string" || typeof template === "number")
    return typeof posted === "string" || typeof posted === "number" ? posted : template;
  if (typeof template === "boolean") return posted === "on" || posted === true;
  // Lists follow the post (caps and anchors can be added), each item shaped like its counterpart.
  if (Array.isArray(template)) {
    if (!Array.isArray(posted) || template.length === 0) return template;
    return posted.map((item, i) => shapeLike(template[i] ?? template[0], item));
  }
  if (template && typeof template === "object") {
    const source =
      posted && typeof posted === "object" && !Array.isArray(posted) ? (posted as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, shapeLike(value, source[key])]));
  }
  return template;
}

/** A plain post that failed comes back as it was typed: turned back into the form's values. */
export function postedToFormValues(
  posted: Record<string, unknown>,
  base: Rubric,
  baseVersionId: number,
): RubricFormValues {
  const flagKeys = new Set(base.redFlags.map((f) => f.key));
  const variantKeys = new Set(base.variants.map((v) => v.key));
  const fallback = toRubricFormValues(base, baseVersionId);
  return {
    baseVersionId,
    note: typeof posted.note === "string" ? posted.note : "",
    // The dimensions are fixed: each one the form has, whatever the post holds or lacks.
    dimensions: fallback.dimensions.map((d, i) =>
      shapeLike(d, Array.isArray(posted.dimensions) ? posted.dimensions[i] : undefined),
    ) as RubricFormValues["dimensions"],
    redFlags: (shapeLike(fallback.redFlags, posted.redFlags) as RubricFormValues["redFlags"]).map((f) => ({
      ...f,
      isNew: !flagKeys.has(f.key),
    })),
    variants: (shapeLike(fallback.variants, posted.variants) as RubricFormValues["variants"]).map((v) => ({
      ...v,
      isNew: !variantKeys.has(v.key),
    })),
  };
}
