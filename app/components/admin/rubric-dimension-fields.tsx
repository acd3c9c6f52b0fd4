import { useWatch } from "react-hook-form";
import type { RubricPartProps } from "./rubric-fields";
import { field, TextAreaField, TextField } from "~/components/form-fields";

export function DimensionFields({ form, index, errorAt, hasErrorsUnder }: RubricPartProps) {
  const at = `dimensions.${index}` as const;
  const dimension = form.getValues(at);
  const name = useWatch({ control: form.control, name: `${at}.name` });
  const open = hasErrorsUnder(at) || undefined;
  return (
    <details className="rubric-item" open={open}>
      <summary>
        <span className="rubric-item-title">{name || dimension.key}</span>
        <span className="muted"> · {dimension.key}</span>
        {hasErrorsUnder(at) ? <span className="badge badge-error">Needs attention</span> : null}
      </summary>
      <div className="stack rubric-item-body">
        <input type="hidden" name={`${at}.key`} value={dimension.key} />
        <TextField type="text" label="Name" error={errorAt(`${at}.name`)} {...field(form, `${at}.name`)} />
        <TextAreaField
          label="What it covers"
          rows={2}
          error={errorAt(`${at}.covers`)}
          {...field(form, `${at}.covers`)}
        />
        <fieldset className="anchors-edit">
          <legend>Anchors</legend>
          {errorAt(`${at}.anchors`) ? <p className="field-error">{errorAt(`${at}.anchors`)}</p> : null}
          {dimension.anchors.map((anchor, j) => (
            <div key={j} className="anchor-edit">
              <input type="hidden" name={`${at}.anchors.${j}.score`} value={anchor.score} />
              <TextAreaField
                label={`Score ${anchor.score}`}
                rows={2}
                error={errorAt(`${at}.anchors.${j}.text`)}
                {...field(form, `${at}.anchors.${j}.text`)}
              />
            </div>
          ))}
        </fieldset>
        <TextAreaField
          label="Probes"
          hint="One per line, at most 8."
          rows={3}
          error={errorAt(`${at}.probes`)}
          {...field(form, `${at}.probes`)}
        />
        <TextAreaField
          label="Source"
          hint="Where the dimension and its weight come from."
          rows={2}
          error={errorAt(`${at}.source`)}
          {...field(form, `${at}.source`)}
        />
      </div>
    </details>
  );
}
