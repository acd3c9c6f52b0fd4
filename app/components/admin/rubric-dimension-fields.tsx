import { useWatch } from "react-hook-form";
import { bindField, ProbesField, RubricItem, type RubricPartProps } from "./rubric-fields";
import { TextAreaField, TextField } from "~/components/form-fields";

export function DimensionFields({ form, index, errorAt, hasErrorsUnder }: RubricPartProps) {
  const at = `dimensions.${index}` as const;
  const bind = bindField(form, errorAt);
  const dimension = form.getValues(at);
  const name = useWatch({ control: form.control, name: `${at}.name` });
  return (
    <RubricItem at={at} title={name || dimension.key} summary={dimension.key} hasErrorsUnder={hasErrorsUnder}>
      <input type="hidden" name={`${at}.key`} value={dimension.key} />
      <TextField type="text" label="Name" {...bind(`${at}.name`)} />
      <TextAreaField label="What it covers" rows={2} {...bind(`${at}.covers`)} />
      <fieldset className="anchors-edit">
        <legend>Anchors</legend>
        {errorAt(`${at}.anchors`) ? <p className="field-error">{errorAt(`${at}.anchors`)}</p> : null}
        {dimension.anchors.map((anchor, j) => (
          <div key={j} className="anchor-edit">
            <input type="hidden" name={`${at}.anchors.${j}.score`} value={anchor.score} />
            <TextAreaField label={`Score ${anchor.score}`} rows={2} {...bind(`${at}.anchors.${j}.text`)} />
          </div>
        ))}
      </fieldset>
      <ProbesField bind={bind} at={at} />
      <TextAreaField
        label="Source"
        hint="Where the dimension and its weight come from."
        rows={2}
        {...bind(`${at}.source`)}
      />
    </RubricItem>
  );
}
