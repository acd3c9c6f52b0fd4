import { useNavigation } from "@remix-run/react";
import { Fragment, useMemo, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import {
  postedToFormValues,
  toRubricFormValues,
  type RubricEdit,
  type RubricFormValues,
} from "~/domain/rubric/rubric-form-values";
import { rubricFormSchema } from "~/schemas/admin-rubric-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { DimensionFields } from "./rubric-dimension-fields";
import type { RubricPartProps } from "./rubric-fields";
import { FlagFields } from "./rubric-flag-fields";
import { VariantFields } from "./rubric-variant-fields";
import { WeightsFieldset } from "./rubric-weights";
import { useListField } from "./use-list-field";
import {
  field,
  flattenErrors,
  FormError,
  schemaResolver,
  TextAreaField,
  ValidatedForm,
} from "~/components/form-fields";
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
  const { handleSubmit } = form;
  const flags = useListField(form, "redFlags");
  const variants = useListField(form, "variants");

  const client = flattenErrors(form.formState.errors);
  const server = result?.errors ?? {};
  const errorAt = (path: string) => client[path] ?? server[path];
  const allErrors = { ...server, ...client };
  const problemCount = Object.keys(allErrors).filter((k) => k !== "form").length;
  const hasErrorsUnder = (prefix: string) =>
    Object.keys(allErrors).some((k) => k === prefix || k.startsWith(`${prefix}.`));

  // What every item's fields are given: the form, where the item is, and where the errors are.
  const part = (index: number): RubricPartProps => ({ form, index, errorAt, hasErrorsUnder });
  const dimensions = rubric.dimensions.map((d) => ({ key: d.key, name: d.name }));
  const defaultWeights = Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.weight]));
  const busy = navigation.state === "submitting";

  return (
    <ValidatedForm handleSubmit={handleSubmit} className="stack rubric-form">
      <FormError message={server.form} />
      {problemCount > 0 ? (
        <p className="form-error" role="alert">
          {problemCount === 1 ? "One field needs" : `${problemCount} fields need`} attention: see the highlighted
          sections below. Nothing was saved.
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="dimensions-heading">
        <h2 id="dimensions-heading">Dimensions</h2>
        <WeightsFieldset
          form={form}
          dimensions={dimensions}
          prefix="dimensions"
          errorAt={errorAt}
          legend="Default weights"
          totalError={errorAt("weights")}
        />
        {rubric.dimensions.map((d, i) => (
          <DimensionFields key={d.key} {...part(i)} />
        ))}
      </section>

      <ListSection
        id="flags"
        title="Red flags"
        keys={flags.keys}
        error={errorAt("redFlags")}
        addLabel="Add a red flag"
        onAdd={() => flags.append({ key: "", name: "", description: "", caps: [], source: "", isNew: true })}
        item={(i) => (
          <FlagFields {...part(i)} dimensions={dimensions} scale={rubric.scale} onRemove={() => flags.remove(i)} />
        )}
      />

      <ListSection
        id="variants"
        title="Variants"
        keys={variants.keys}
        error={errorAt("variants")}
        addLabel="Add a variant"
        onAdd={() =>
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
        item={(i) => (
          <VariantFields
            {...part(i)}
            dimensions={dimensions}
            onRemove={variants.keys.length > 1 ? () => variants.remove(i) : undefined}
          />
        )}
      />

      <section className="card stack save-bar" aria-labelledby="save-heading">
        <h2 id="save-heading">Save as version {versionId + 1}</h2>
        <TextAreaField
          label="What changed"
          hint="Required. Shown in the version history."
          rows={2}
          error={errorAt("note")}
          {...field(form, "note")}
        />
        {problemCount > 0 || server.form ? (
          <p className="field-error" role="status">
            Not saved:{" "}
            {server.form ??
              `${problemCount === 1 ? "one field needs" : `${problemCount} fields need`} attention above.`}
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

/** A list the admin can grow: its heading and count, the list's own error, the items, an add button. */
function ListSection(props: {
  id: string;
  title: string;
  /** One stable key per item (use-list-field.ts). */
  keys: string[];
  error?: string;
  addLabel: string;
  onAdd: () => void;
  item: (index: number) => ReactNode;
}) {
  const { id, title, keys, error, addLabel, onAdd, item } = props;
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} <span className="count">{keys.length}</span>
      </h2>
      {error ? <p className="field-error">{error}</p> : null}
      {keys.map((key, i) => (
        <Fragment key={key}>{item(i)}</Fragment>
      ))}
      <div>
        <button type="button" className="button small" onClick={onAdd}>
          {addLabel}
        </button>
      </div>
    </section>
  );
}
