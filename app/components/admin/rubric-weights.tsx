import { useWatch } from "react-hook-form";
import { field, FieldMessages } from "~/components/form-fields";
import type { ErrorAt, RubricForm } from "./rubric-fields";
import { NumberInput } from "./rubric-fields";

/**
 * A set of weights, one per dimension, with its running total. `prefix` is where the weights are
 * ("dimensions" for the defaults: dimensions.N.weight; "variants.N.weights" for a variant's own).
 */
export function WeightsFieldset({
  form,
  dimensions,
  prefix,
  errorAt,
  legend,
  totalError,
}: {
  form: RubricForm;
  dimensions: { key: string; name: string }[];
  prefix: string;
  errorAt: ErrorAt;
  legend: string;
  totalError?: string;
}) {
  const paths = dimensions.map((d, i) => (prefix === "dimensions" ? `dimensions.${i}.weight` : `${prefix}.${d.key}`));
  const values = useWatch({ control: form.control, name: paths as never }) as unknown as (
    string | number | undefined
  )[];
  const total = values.reduce<number>((sum, v) => sum + (Number(v) || 0), 0);
  const totalId = `${prefix.replace(/\./g, "-")}-total`;
  return (
    <fieldset className="weights" aria-describedby={totalError ? `${totalId}-error` : `${totalId}-hint`}>
      <legend>{legend}</legend>
      <div className="weights-row">
        {dimensions.map((d, i) => (
          <NumberInput
            key={d.key}
            label={`${d.name} %`}
            min={1}
            max={100}
            error={errorAt(paths[i])}
            groupErrorId={totalError ? `${totalId}-error` : undefined}
            {...field(form, paths[i] as never)}
          />
        ))}
        <p className={`weights-total${total === 100 ? " ok" : ""}`} aria-live="polite">
          Total <strong>{total}%</strong>
        </p>
      </div>
      <FieldMessages id={totalId} hint={totalError ? undefined : "The weights must sum to 100."} error={totalError} />
    </fieldset>
  );
}
