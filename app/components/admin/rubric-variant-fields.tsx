import { useWatch } from "react-hook-form";
import { KeyField, type RubricPartProps } from "./rubric-fields";
import { WeightsFieldset } from "./rubric-weights";
import { field, TextAreaField, TextField } from "~/components/form-fields";

interface VariantFieldsProps extends RubricPartProps {
  dimensions: { key: string; name: string }[];
  onRemove?: () => void;
}

export function VariantFields({ form, index, errorAt, hasErrorsUnder, dimensions, onRemove }: VariantFieldsProps) {
  const at = `variants.${index}` as const;
  const isNew = !!form.getValues(`${at}.isNew`);
  const [name, company, ownWeights] = useWatch({
    control: form.control,
    name: [`${at}.name`, `${at}.company`, `${at}.ownWeights`],
  });
  return (
    <details className="rubric-item" open={isNew || hasErrorsUnder(at) || undefined}>
      <summary>
        <span className="rubric-item-title">{name || "New variant"}</span>
        <span className="muted">
          {" "}
          · {company || "no company"} · {ownWeights ? "own weights" : "default weights"}
        </span>
        {hasErrorsUnder(at) ? <span className="badge badge-error">Needs attention</span> : null}
      </summary>
      <div className="stack rubric-item-body">
        <div className="admin-grid">
          <KeyField form={form} name={`${at}.key`} isNew={isNew} error={errorAt(`${at}.key`)} />
          <TextField type="text" label="Name" error={errorAt(`${at}.name`)} {...field(form, `${at}.name`)} />
          <TextField
            type="text"
            label="Company"
            hint="Blank for a focus without a company."
            error={errorAt(`${at}.company`)}
            {...field(form, `${at}.company`)}
          />
          <TextField type="text" label="Focus" error={errorAt(`${at}.focus`)} {...field(form, `${at}.focus`)} />
        </div>
        <TextAreaField label="Question" rows={2} error={errorAt(`${at}.question`)} {...field(form, `${at}.question`)} />
        <TextAreaField
          label="Probes"
          hint="One per line, at most 8."
          rows={3}
          error={errorAt(`${at}.probes`)}
          {...field(form, `${at}.probes`)}
        />
        <label className="choice">
          <input
            type="checkbox"
            defaultChecked={form.getValues(`${at}.ownWeights`) === true}
            {...form.register(`${at}.ownWeights`)}
          />
          <span>This variant has its own weights</span>
        </label>
        {ownWeights ? (
          <WeightsFieldset
            form={form}
            dimensions={dimensions}
            prefix={`${at}.weights`}
            errorAt={errorAt}
            legend={`Weights for ${name || "this variant"}`}
            totalError={errorAt(`${at}.weights`)}
          />
        ) : null}
        <TextAreaField
          label="Rationale"
          hint="Why this variant exists and where its focus comes from."
          rows={3}
          error={errorAt(`${at}.rationale`)}
          {...field(form, `${at}.rationale`)}
        />
        {onRemove ? (
          <div>
            <button type="button" className="link-button danger" onClick={onRemove}>
              Remove this variant<span className="visually-hidden"> ({name})</span>
            </button>
          </div>
        ) : null}
      </div>
    </details>
  );
}
