import { z } from "zod/v3";
import { RECOMMENDATIONS, type Rubric } from "~/domain/rubric/types";
import { checkedList } from "./form-data";
import { numberFromText } from "./form-number";

// One schema per rubric version, used twice: by react-hook-form on the page and by the action
// as the authority. Unknown dimension, flag and STAR keys are refused (strict objects / enums),
// not dropped, so a bad client never has part of its save silently ignored.

// Defined beside the note's type, so the scorecard page reads it without loading zod.
export { NOTE_MAX } from "~/domain/scorecard-content";
import { NOTE_MAX } from "~/domain/scorecard-content";
export const JUSTIFICATION_MAX = 500;

/** "" and null both mean "not rated yet"; numbers may arrive as strings from a plain HTML post. */
const optionalRating = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? null : numberFromText(v)),
    z
      .number({ invalid_type_error: "Choose a rating" })
      .int("Ratings are whole numbers")
      .min(min, `Ratings run from ${min} to ${max}`)
      .max(max, `Ratings run from ${min} to ${max}`)
      .nullable(),
  );

const keyEnum = (keys: string[], what: string) =>
  z.string().refine(
    (k) => keys.includes(k),
    (k) => ({ message: `Unknown ${what} "${String(k).slice(0, 40)}"` }),
  );

const keyList = (keys: string[], what: string) => checkedList(keyEnum(keys, what), keys.length);

// A rubric version never changes, so its schema is built once (building it costs more than parsing).
const schemas = new WeakMap<Rubric, ReturnType<typeof buildScorecardDraftSchema>>();

export function scorecardDraftSchema(rubric: Rubric) {
  let schema = schemas.get(rubric);
  if (!schema) schemas.set(rubric, (schema = buildScorecardDraftSchema(rubric)));
  return schema;
}

function buildScorecardDraftSchema(rubric: Rubric) {
  const dimensionKeys = rubric.dimensions.map((d) => d.key);
  const { min, max } = rubric.scale;
  const perDimension = <T extends z.ZodTypeAny>(value: T) =>
    z
      .object(Object.fromEntries(dimensionKeys.map((k) => [k, value.optional()])) as Record<string, z.ZodOptional<T>>)
      .strict("Unknown dimension");

  return z.object({
    intent: z.enum(["save", "submit", "amend"]),
    /** Why a submitted scorecard is amended; required for intent "amend". */
    reason: z.string().trim().max(JUSTIFICATION_MAX, `At most ${JUSTIFICATION_MAX} characters`).optional(),
    baseRevision: z.preprocess(numberFromText, z.number().int().min(0)),
    rubricVersionId: z.preprocess(numberFromText, z.number().int().positive()),
    ratings: perDimension(optionalRating(min, max)).default({}),
    capJustifications: perDimension(
      z.string().trim().max(JUSTIFICATION_MAX, `At most ${JUSTIFICATION_MAX} characters`),
    ).default({}),
    redFlags: keyList(
      rubric.redFlags.map((f) => f.key),
      "red flag",
    ),
    star: keyList(
      rubric.star.map((s) => s.key),
      "STAR part",
    ),
    recommendation: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.enum(RECOMMENDATIONS, { errorMap: () => ({ message: "Unknown recommendation" }) }).nullable(),
    ),
    recommendationJustification: z
      .string()
      .trim()
      .max(JUSTIFICATION_MAX, `At most ${JUSTIFICATION_MAX} characters`)
      .default(""),
    // Absent (a plain HTML post) keeps the stored notes; present, it is the whole list.
    notes: z
      .array(
        z.object({
          id: z
            .string()
            .min(1)
            .max(64)
            .regex(/^[\w-]+$/, "Invalid note id"),
          dimension: keyEnum(dimensionKeys, "dimension"),
          elapsedSeconds: z.preprocess(numberFromText, z.number().int().min(0).max(86_400)),
          text: z
            .string()
            .trim()
            .min(1, "A note cannot be empty")
            .max(NOTE_MAX, `A note holds at most ${NOTE_MAX.toLocaleString("en")} characters`),
        }),
      )
      .max(500, "At most 500 notes")
      // Notes are stored keyed by id: a repeated id would silently keep only one of them.
      .superRefine((notes, ctx) => {
        const seen = new Set<string>();
        for (const [k, note] of notes.entries()) {
          if (seen.has(note.id))
            ctx.addIssue({ code: "custom", path: [k, "id"], message: `Two notes share the id "${note.id}"` });
          seen.add(note.id);
        }
      })
      .optional(),
    timer: z
      .object({
        elapsedMs: z.preprocess(numberFromText, z.number().int().min(0).max(86_400_000)),
        runningSince: z.preprocess(numberFromText, z.number().int().positive().nullable()),
      })
      .optional(),
    /** The interview clock's first start and the answer's marks (seconds on that clock). */
    timing: z
      .object({
        clockStartedAt: z.preprocess(numberFromText, z.number().int().positive().nullable()),
        answerStartSeconds: z.preprocess(numberFromText, z.number().int().min(0).max(86_400).nullable()),
        answerEndSeconds: z.preprocess(numberFromText, z.number().int().min(0).max(86_400).nullable()),
      })
      .strict()
      .optional(),
    /** Evidence-coach suggestions dismissed ("noteId|kind:start-end"); absent keeps the stored ones. */
    coachDismissed: z
      .array(
        z
          .string()
          .max(120)
          .regex(/^[\w-]+\|[a-z_]+:\d+-\d+$/, "Invalid dismissed suggestion"),
      )
      .max(2000, "At most 2,000 dismissed suggestions")
      .optional(),
    /** Notes typed but not yet added (a plain HTML post): they become notes when the form is posted. */
    noteDrafts: perDimension(
      z
        .string()
        .trim()
        .max(NOTE_MAX, `A note holds at most ${NOTE_MAX.toLocaleString("en")} characters`),
    ).optional(),
  });
}

export type ScorecardDraft = z.infer<ReturnType<typeof buildScorecardDraftSchema>>;
