import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import {
  exemplarFormSchema,
  RATIONALE_MAX,
  type ExemplarFormValues,
  type ExemplarInput,
} from "~/schemas/exemplar-form-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { TextAreaField, TextField, ValidatedForm } from "~/components/form-fields";

type FormRubric = Pick<Rubric, "scale" | "dimensions" | "recommendations" | "redFlags" | "levels">;

interface ExemplarFormProps {
  rubric: FormRubric;
  /** What a refused post carried, to fill the form again. */
  values?: Record<string, unknown> | null;
  serverErrors?: FieldErrors;
}

/** An admin's exemplar: the answer, where it comes from, and its reference key. */
export function ExemplarForm({ rubric, values, serverErrors }: ExemplarFormProps) {
  const schema = useMemo(() => exemplarFormSchema(rubric as Rubric), [rubric]);
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ExemplarFormValues, unknown, ExemplarInput>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: (values ?? { level: "senior", redFlags: [] }) as ExemplarFormValues,
  });
  // react-hook-form nests errors ("ratings" -> "ownership"); the server's are flat paths.
  const fieldError = (path: string): string | undefined => {
    let node: unknown = errors;
    for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    const message = (node as { message?: unknown } | undefined)?.message;
    return (typeof message === "string" ? message : undefined) ?? serverErrors?.[path];
  };
  const { min, max } = rubric.scale;
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);

  return (
    <ValidatedForm handleSubmit={handleSubmit} className="card stack exemplar-form">
      {serverErrors?.form ? (
        <p className="form-error" role="alert">
          {serverErrors.form}
        </p>
      ) : null}
      <div className="form-row">
        <TextField label="Title" type="text" maxLength={120} error={fieldError("title")} {...register("title")} />
        <div className="field">
          <label htmlFor="exemplar-level">Level the answer is scored at</label>
          <select
            id="exemplar-level"
            aria-invalid={fieldError("level") ? true : undefined}
            aria-describedby={fieldError("level") ? "exemplar-level-error" : undefined}
            {...register("level")}
          >
            {rubric.levels.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name}
              </option>
            ))}
          </select>
          {fieldError("level") ? (
            <span id="exemplar-level-error" className="field-error">
              {fieldError("level")}
            </span>
          ) : null}
        </div>
      </div>
      <TextAreaField
        label="Answer"
        hint="The worked answer, verbatim, as the interviewers will read it."
        rows={10}
        error={fieldError("answer")}
        {...register("answer")}
      />
      <TextField
        label="Source"
        type="text"
        hint="Where the answer comes from."
        maxLength={400}
        error={fieldError("source")}
        {...register("source")}
      />

      <h2>Reference key</h2>
      {rubric.dimensions.map((d) => {
        const ratingError = fieldError(`ratings.${d.key}`);
        return (
          <fieldset key={d.key}>
            <legend>{d.name}</legend>
            <div
              className="choice-grid"
              role="radiogroup"
              aria-label={`${d.name}: the key's rating`}
              aria-invalid={ratingError ? true : undefined}
              aria-describedby={ratingError ? `rating-${d.key}-error` : undefined}
            >
              {scores.map((score) => (
                <label key={score}>
                  <input type="radio" value={String(score)} {...register(`ratings.${d.key}`)} />
                  <span>
                    <strong>{score}</strong> {d.anchors.find((a) => a.score === score)?.text}
                  </span>
                </label>
              ))}
            </div>
            {ratingError ? (
              <p id={`rating-${d.key}-error`} className="field-error">
                {ratingError}
              </p>
            ) : null}
            <TextField
              label="Why, in one line"
              type="text"
              maxLength={RATIONALE_MAX}
              error={fieldError(`rationale.${d.key}`)}
              {...register(`rationale.${d.key}`)}
            />
          </fieldset>
        );
      })}
      <fieldset>
        <legend>Recommendation</legend>
        <div
          className="choice-row"
          role="radiogroup"
          aria-label="The key's recommendation"
          aria-invalid={fieldError("recommendation") ? true : undefined}
          aria-describedby={fieldError("recommendation") ? "recommendation-error" : undefined}
        >
          {rubric.recommendations.map((r) => (
            <label key={r.key}>
              <input type="radio" value={r.key} {...register("recommendation")} /> {r.name}
            </label>
          ))}
        </div>
        {fieldError("recommendation") ? (
          <p id="recommendation-error" className="field-error">
            {fieldError("recommendation")}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>Red flags the key raises</legend>
        <div className="choice-grid">
          {rubric.redFlags.map((f) => (
            <label key={f.key}>
              <input type="checkbox" value={f.key} {...register("redFlags")} /> <span>{f.name}</span>
            </label>
          ))}
        </div>
        {fieldError("redFlags") ? <p className="field-error">{fieldError("redFlags")}</p> : null}
      </fieldset>
      <div className="exemplar-actions">
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          Add exemplar
        </button>
      </div>
    </ValidatedForm>
  );
}
