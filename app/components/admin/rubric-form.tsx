import { useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import { postedToFormValues, rubricFormSchema, toRubricFormValues, type RubricEdit, type RubricFormValues } from "~/schemas/admin-rubric-schema";
import type { FieldErrors } from "~/utils/form-errors";
import { DimensionFields } from "./rubric-dimension-fields";
import { FlagFields } from "./rubric-flag-fields";
import { VariantFields } from "./rubric-variant-fields";
import { WeightsFieldset } from "./rubric-weights";
import { field, flattenErrors, FormError, schemaResolver, TextAreaField, ValidatedForm } from "~/components/form-fields";
import { numberFromText } from "~/schemas/form-number";

interface RubricFormProps {
  rubric: Rubric;
  versionId: number;
  result?: { errors?: FieldErrors; values?: Record<string, unknown> };
}

export function RubricForm({ rubric, versionId, result }: RubricFormProps) {
  const navigation = useNavigation();
  const schema = useMemo(() => rubricFormSchema(rubric), [rubric]);
  const form = useForm<RubricFormValues, unknown, RubricEdit>({
    resolver: schemaResolver<RubricFormValues, RubricEdit>(schema),
    // What a failed plain post typed comes back, unless it was typed on an older version.
    defaultValues:
      result?.values && numberFromText(result.values.baseVersionId) === versionId
        ? postedToFormValues(result.values, rubric, versionId)
        : toRubricFormValues(rubric, versionId),
  });
  const { control, handleSubmit } = form;
  const flags = useFieldArray({ control, name: "redFlags" });
  const variants = useFieldArray({ control, name: "variants" });

  const client = flattenErrors(form.formState.errors);
  const server = result?.errors ?? {};
  const errorAt = (path: string) => client[path] ?? server[path];
  const allErrors = { ...server, ...client };
  const problemCount = Object.keys(allErrors).filter((k) => k !== "form").length;
  const hasErrorsUnder = (prefix: string) => Object.keys(allErrors).some((k) => k === prefix || k.startsWith(`${prefix}.`));

  const dimensions = rubric.dimensions.map((d) => ({ key: d.key, name: d.name }));
  const defaultWeights = Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.weight]));
  const busy = navigation.state === "submitting";

  return (
    <ValidatedForm handleSubmit={handleSubmit} className="stack rubric-form">
      <FormError message={server.form} />
      {problemCount > 0 ? (
        <p className="form-error" role="alert">
          {problemCount === 1 ? "One field needs" : `${problemCount} fields need`} attention: see the highlighted sections below. Nothing was saved.
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="dimensions-heading">
        <h2 id="dimensions-heading">Dimensions</h2>
        <WeightsFieldset form={form} dimensions={dimensions} prefix="dimensions" errorAt={errorAt} legend="Default weights" totalError={errorAt("weights")} />
        {rubric.dimensions.map((d, i) => (
          <DimensionFields key={d.key} form={form} index={i} errorAt={errorAt} hasErrorsUnder={hasErrorsUnder} />
        ))}
      </section>

      <section className="card stack" aria-labelledby="flags-heading">
        <h2 id="flags-heading">
          Red flags <span className="count">{flags.fields.length}</span>
        </h2>
        {errorAt("redFlags") ? <p className="field-error">{errorAt("redFlags")}</p> : null}
        {flags.fields.map((item, i) => (
          <FlagFields
            key={item.id}
            form={form}
            index={i}
            errorAt={errorAt}
            hasErrorsUnder={hasErrorsUnder}
            dimensions={dimensions}
            scale={rubric.scale}
            onRemove={() => flags.remove(i)}
          />
        ))}
        <div>
          <button
            type="button"
            className="button small"
            onClick={() => flags.append({ key: "", name: "", description: "", caps: [], source: "", isNew: true })}
          >
            Add a red flag
          </button>
        </div>
      </section>

      <section className="card stack" aria-labelledby="variants-heading">
        <h2 id="variants-heading">
          Variants <span className="count">{variants.fields.length}</span>
        </h2>
        {errorAt("variants") ? <p className="field-error">{errorAt("variants")}</p> : null}
        {variants.fields.map((item, i) => (
          <VariantFields
            key={item.id}
            form={form}
            index={i}
            errorAt={errorAt}
            hasErrorsUnder={hasErrorsUnder}
            dimensions={dimensions}
            onRemove={variants.fields.length > 1 ? () => variants.remove(i) : undefined}
          />
        ))}
        <div>
          <button
            type="button"
            className="button small"
            onClick={() =>
              variants.append({
                key: "",
                company: "",
                name: "",
                focus: "",
                question: rubric.question,
                probes: "",
                ownWeights: false,
                weights: defaultWeights,
                rationale: "",
                isNew: true,
              })
            }
          >
            Add a variant
          </button>
        </div>
      </section>

      <section className="card stack save-bar" aria-labelledby="save-heading">
        <h2 id="save-heading">Save as version {versionId + 1}</h2>
        <TextAreaField label="What changed" hint="Required. Shown in the version history." rows={2} error={errorAt("note")} {...field(form, "note")} />
        {problemCount > 0 || server.form ? (
          <p className="field-error" role="status">
            Not saved: {server.form ?? `${problemCount === 1 ? "one field needs" : `${problemCount} fields need`} attention above.`}
          </p>
        ) : null}
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Saving…" : `Save as version ${versionId + 1}`}
          </button>
        </div>
        <p className="hint">Interviews already scheduled and scorecards already started keep the version they have.</p>
      </section>
      <input type="hidden" name="baseVersionId" value={versionId} />
    </ValidatedForm>
  );
}
