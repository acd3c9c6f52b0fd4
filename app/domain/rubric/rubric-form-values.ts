import type { Rubric } from "./types";

// The rubric editor's values and the rubric they stand for, both ways: a rubric shown as the form's
// fields (probes one per line, a variant's own weights behind a tick), the edited fields laid over
// the version being edited, and a failed plain post turned back into the form it came from. The
// checks on the fields are the form schema's (~/schemas/admin-rubric-schema).

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

/** The form's fields once the schema has read them: numbers are numbers, the tick a boolean. */
export interface RubricFormFields {
  dimensions: (Omit<RubricFormValues["dimensions"][number], "weight" | "anchors"> & {
    weight: number;
    anchors: { score: number; text: string }[];
  })[];
  redFlags: (Omit<RubricFormValues["redFlags"][number], "caps" | "isNew"> & {
    caps: { dimension: string; max: number }[];
  })[];
  variants: (Omit<RubricFormValues["variants"][number], "ownWeights" | "isNew"> & { ownWeights: boolean })[];
}

export const weightOf = (value: string | number | undefined) =>
  value === undefined || value === "" ? undefined : Number(value);

/** The edited fields laid over the version being edited. */
export function toRubric(base: Rubric, form: RubricFormFields): Rubric {
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
