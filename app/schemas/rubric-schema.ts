import { z } from "zod/v3";
import { LEVELS, RECOMMENDATIONS, type Rubric } from "~/domain/rubric/types";

// The invariants every rubric version keeps, seeded or edited by an admin: weights positive and
// summing to 100, unique keys, every level of the scale anchored exactly once, caps inside the scale.

const key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and underscores, starting with a letter");
const text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const weight = z.number().int("Whole percent only").positive("Must be positive").max(100);

function uniqueKeys<T extends { key: string }>(items: T[], ctx: z.RefinementCtx, what: string) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key))
      ctx.addIssue({ code: "custom", path: [i, "key"], message: `Duplicate ${what} key "${item.key}"` });
    seen.add(item.key);
  });
}

const DimensionSchema = z.object({
  key,
  name: text(60),
  weight,
  covers: text(400),
  anchors: z.array(z.object({ score: z.number().int(), text: text(200) })),
  probes: z.array(text(200)).max(8),
  source: text(400),
});

const RedFlagSchema = z.object({
  key,
  name: text(60),
  description: text(300),
  caps: z.array(z.object({ dimension: key, max: z.number().int() })),
  source: text(400),
});

const VariantSchema = z.object({
  key,
  company: z.string().trim().max(60).nullable(),
  name: text(80),
  focus: text(200),
  question: text(300),
  probes: z.array(text(200)).max(8),
  weights: z.record(weight).nullable(),
  rationale: text(600),
});

// Annotated with the domain type so the schema and Rubric cannot drift apart.
export const RubricSchema: z.ZodType<Rubric, z.ZodTypeDef, unknown> = z
  .object({
    question: text(300),
    intent: text(600),
    scale: z
      .object({ min: z.number().int(), max: z.number().int() })
      .refine((s) => s.max > s.min && s.max - s.min <= 10, "The scale needs 2 to 11 levels"),
    dimensions: z
      .array(DimensionSchema)
      .min(1)
      .max(10)
      .superRefine((d, ctx) => uniqueKeys(d, ctx, "dimension")),
    redFlags: z
      .array(RedFlagSchema)
      .max(20)
      .superRefine((f, ctx) => uniqueKeys(f, ctx, "red flag")),
    star: z
      .array(z.object({ key, name: text(40), prompt: text(200) }))
      .superRefine((s, ctx) => uniqueKeys(s, ctx, "STAR")),
    answerGuide: z.object({
      minSeconds: z.number().int().positive(),
      maxSeconds: z.number().int().positive(),
      source: text(300),
    }),
    levels: z
      .array(z.object({ key: z.enum(LEVELS), name: text(40), scope: text(400) }))
      .superRefine((l, ctx) => uniqueKeys(l, ctx, "level")),
    recommendations: z
      .array(
        z.object({
          key: z.enum(RECOMMENDATIONS),
          name: text(40),
          consistentWith: z.object({ min: z.number(), max: z.number() }),
        }),
      )
      .length(4, "The recommendation is a forced four-point scale")
      .superRefine((r, ctx) => uniqueKeys(r, ctx, "recommendation")),
    variants: z
      .array(VariantSchema)
      .min(1)
      .max(30)
      .superRefine((v, ctx) => uniqueKeys(v, ctx, "variant")),
    rationale: text(1000),
  })
  .superRefine((rubric, ctx) => {
    const { min, max } = rubric.scale;
    const dimensionKeys = new Set(rubric.dimensions.map((d) => d.key));
    checkWeights(
      rubric.dimensions.map((d) => d.weight),
      ["dimensions"],
      ctx,
    );

    rubric.dimensions.forEach((d, i) => {
      const scores = d.anchors.map((a) => a.score).sort((a, b) => a - b);
      const expected = Array.from({ length: max - min + 1 }, (_, k) => min + k);
      if (scores.join() !== expected.join()) {
        ctx.addIssue({
          code: "custom",
          path: ["dimensions", i, "anchors"],
          message: `Anchor every level ${min}–${max} exactly once`,
        });
      }
    });
    rubric.redFlags.forEach((f, i) =>
      f.caps.forEach((cap, j) => {
        if (!dimensionKeys.has(cap.dimension)) {
          ctx.addIssue({
            code: "custom",
            path: ["redFlags", i, "caps", j, "dimension"],
            message: `Unknown dimension "${cap.dimension}"`,
          });
        }
        if (cap.max < min || cap.max > max) {
          ctx.addIssue({
            code: "custom",
            path: ["redFlags", i, "caps", j, "max"],
            message: `A cap must lie within ${min}–${max}`,
          });
        }
      }),
    );
    rubric.variants.forEach((v, i) => {
      if (!v.weights) return;
      const keys = Object.keys(v.weights);
      if (keys.length !== dimensionKeys.size || keys.some((k) => !dimensionKeys.has(k))) {
        ctx.addIssue({
          code: "custom",
          path: ["variants", i, "weights"],
          message: "Give a weight for every dimension, or none",
        });
        return;
      }
      checkWeights(Object.values(v.weights), ["variants", i, "weights"], ctx);
    });
    if (rubric.answerGuide.maxSeconds < rubric.answerGuide.minSeconds) {
      ctx.addIssue({ code: "custom", path: ["answerGuide", "maxSeconds"], message: "Must not be below the minimum" });
    }
  });

function checkWeights(weights: number[], path: (string | number)[], ctx: z.RefinementCtx) {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total !== 100) ctx.addIssue({ code: "custom", path, message: `Weights must sum to 100 (they sum to ${total})` });
}
