import { z } from "zod/v3";
import { checkedList } from "./form-data";
import { numberFromText } from "./form-number";
import { LEVELS, RECOMMENDATIONS, type Rubric } from "~/domain/rubric/types";
import { computeWeightedScore, findCapViolations, findRecommendationConflict } from "~/domain/scoring";

// A calibration exemplar: a worked answer and its reference key, checked against the rubric it
// will be practised with (every dimension rated within the scale, known flags and
// recommendation). The key is held to the same rules as a scorecard — no rating above a raised
// flag's cap, no recommendation that contradicts the weighted score — because a key that breaks
// them would teach the wrong reading.

export const RATIONALE_MAX = 400;

const keyList = (keys: string[], what: string) =>
  checkedList(
    z.string().refine((k) => keys.includes(k), `Unknown ${what}`),
    keys.length,
  );

function referenceKeyParts(rubric: Rubric) {
  const { min, max } = rubric.scale;
  const perDimension = <T extends z.ZodTypeAny>(value: T) =>
    z
      .object(Object.fromEntries(rubric.dimensions.map((d) => [d.key, value])) as Record<string, T>)
      .strict("Unknown dimension");
  const rating = z.preprocess(
    (v) => (v === "" || v === null ? undefined : numberFromText(v)),
    z
      .number({ required_error: "Choose the key's rating", invalid_type_error: "Choose the key's rating" })
      .int("Ratings are whole numbers")
      .min(min, `Ratings run from ${min} to ${max}`)
      .max(max, `Ratings run from ${min} to ${max}`),
  );
  const rationale = z
    .string({ required_error: "Say why, in one line", invalid_type_error: "Say why, in one line" })
    .trim()
    .min(1, "Say why, in one line")
    .max(RATIONALE_MAX, `At most ${RATIONALE_MAX} characters`)
    .refine((s) => !/[\r\n]/.test(s), "One line only");
  const shape = {
    ratings: perDimension(rating),
    recommendation: z
      .enum(RECOMMENDATIONS, { errorMap: () => ({ message: "Choose the key's recommendation" }) })
      .refine((k) => rubric.recommendations.some((r) => r.key === k), "Choose the key's recommendation"),
    redFlags: keyList(
      rubric.redFlags.map((f) => f.key),
      "red flag",
    ),
    rationale: perDimension(rationale),
  };
  const check = (
    key: { ratings: Record<string, number>; redFlags: string[]; recommendation: (typeof RECOMMENDATIONS)[number] },
    ctx: z.RefinementCtx,
  ) => {
    // zod runs refinements after non-fatal issues too: judge only a key whose ratings are valid.
    if (Object.values(key.ratings).some((r) => !Number.isInteger(r) || r < min || r > max)) return;
    for (const v of findCapViolations(rubric, key)) {
      const names = v.flags.map((f) => f.name).join(", ");
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["ratings", v.dimension],
        message: `The key raises ${names}, which caps this at ${v.cap}`,
      });
    }
    const weighted = computeWeightedScore(rubric, "", key.ratings).score;
    const conflict = findRecommendationConflict(rubric, key.recommendation, weighted);
    if (conflict) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["recommendation"],
        message: `Contradicts the key's weighted score ${weighted?.toFixed(2)} (expected ${conflict.min}–${conflict.max})`,
      });
    }
  };
  return { shape, check };
}

/** A reference key as stored in exemplars.reference_key, valid for this rubric. */
export function referenceKeySchema(rubric: Rubric) {
  const { shape, check } = referenceKeyParts(rubric);
  return z.object(shape).superRefine(check);
}

export function exemplarFormSchema(rubric: Rubric) {
  const text = (label: string, maxLength: number) =>
    z
      .string({ required_error: `Enter the ${label}`, invalid_type_error: `Enter the ${label}` })
      .trim()
      .min(1, `Enter the ${label}`)
      .max(maxLength, `At most ${maxLength.toLocaleString("en")} characters`);
  const { shape, check } = referenceKeyParts(rubric);
  return z
    .object({
      title: text("title", 120),
      level: z.enum(LEVELS, { errorMap: () => ({ message: "Choose a level" }) }),
      answer: text("answer", 10_000),
      source: text("source", 400),
      ...shape,
    })
    .superRefine(check);
}

export type ExemplarFormValues = z.input<ReturnType<typeof exemplarFormSchema>>;
export type ExemplarInput = z.output<ReturnType<typeof exemplarFormSchema>>;

/**
 * A plain HTML post ("ratings.ownership=3", repeated "redFlags") as the nested object the schema
 * reads, so the form also works without JavaScript. Only the form's own fields are read.
 */
export function formDataToExemplarInput(form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const ratings: Record<string, string> = {};
  const rationale: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const [head, key, ...rest] = name.split(".");
    if (rest.length) continue;
    if (key !== undefined && /^[a-z][a-z0-9_]{0,39}$/.test(key)) {
      if (head === "ratings") ratings[key] = value;
      if (head === "rationale") rationale[key] = value;
    } else if (key === undefined && ["title", "level", "answer", "source", "recommendation"].includes(head)) {
      input[head] = value;
    }
  }
  input.ratings = ratings;
  input.rationale = rationale;
  input.redFlags = form.getAll("redFlags").filter((v): v is string => typeof v === "string");
  return input;
}
