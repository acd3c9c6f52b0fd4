import { z } from "zod/v3";
import { isIsoDate } from "~/domain/iso-date";
import { LEVELS } from "~/domain/rubric/types";
import { numberFromText } from "./form-number";

// The dashboard's filters live in the URL (so a view can be shared) and apply to every chart,
// every number and the CSV export alike.

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a yyyy-mm-dd date")
  .refine(isIsoDate, "Not a calendar date");
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Unknown key");

export const CalibrationFilterSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    variants: z.array(key).max(50).optional(),
    levels: z
      .array(z.enum(LEVELS, { errorMap: () => ({ message: "Unknown level" }) }))
      .max(3)
      .optional(),
    interviewerIds: z
      .array(
        z.preprocess(
          numberFromText,
          z.number().int().positive("Unknown interviewer").max(Number.MAX_SAFE_INTEGER, "Unknown interviewer"),
        ),
      )
      .max(500)
      .optional(),
    dimension: key.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date", path: ["to"] });

export type CalibrationFilter = z.infer<typeof CalibrationFilterSchema>;

/** URL parameter names: short and repeatable (?variant=amazon&variant=meta). */
const PARAMS = {
  from: "from",
  to: "to",
  variants: "variant",
  levels: "level",
  interviewerIds: "interviewer",
  dimension: "dimension",
} as const;

export function parseCalibrationFilter(params: URLSearchParams) {
  const list = (name: string) => {
    const values = params.getAll(name).filter((v) => v !== "");
    return values.length ? values : undefined;
  };
  const single = (name: string) => params.get(name) || undefined;
  return CalibrationFilterSchema.safeParse({
    from: single(PARAMS.from),
    to: single(PARAMS.to),
    variants: list(PARAMS.variants),
    levels: list(PARAMS.levels),
    interviewerIds: list(PARAMS.interviewerIds),
    dimension: single(PARAMS.dimension),
  });
}

export function filterToSearchParams(filter: CalibrationFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.from) params.set(PARAMS.from, filter.from);
  if (filter.to) params.set(PARAMS.to, filter.to);
  for (const v of filter.variants ?? []) params.append(PARAMS.variants, v);
  for (const l of filter.levels ?? []) params.append(PARAMS.levels, l);
  for (const i of filter.interviewerIds ?? []) params.append(PARAMS.interviewerIds, String(i));
  if (filter.dimension) params.set(PARAMS.dimension, filter.dimension);
  return params;
}

/** What exists to filter by: every variant and dimension key of any rubric version, every user id. */
export interface FilterVocabulary {
  variants: ReadonlySet<string>;
  dimensions: ReadonlySet<string>;
  interviewerIds: ReadonlySet<number>;
}

/**
 * The one rule for a filter value that parses but names nothing (?dimension=evil,
 * ?interviewer=424242): a field error under the URL parameter's name, as for a malformed value,
 * rather than a quietly empty dashboard.
 */
export function findUnknownFilterValues(filter: CalibrationFilter, known: FilterVocabulary): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filter.variants?.some((v) => !known.variants.has(v))) errors[PARAMS.variants] = "Unknown variant";
  if (filter.dimension !== undefined && !known.dimensions.has(filter.dimension))
    errors[PARAMS.dimension] = "Unknown dimension";
  if (filter.interviewerIds?.some((id) => !known.interviewerIds.has(id)))
    errors[PARAMS.interviewerIds] = "Unknown interviewer";
  return errors;
}

/** A schema path ("interviewerIds.0") as the URL parameter the user typed ("interviewer"). */
export function filterParamName(path: string): string {
  const head = path.split(".")[0] as keyof typeof PARAMS;
  return PARAMS[head] ?? path;
}
