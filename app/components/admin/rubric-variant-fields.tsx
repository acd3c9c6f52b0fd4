import { useWatch } from "react-hook-form";
import { bindField, KeyField, ProbesField, RemoveItemButton, RubricItem, type RubricPartProps } from "./rubric-fields";
import { WeightsFieldset } from "./rubric-weights";
import { TextAreaField, TextField } from "~/components/form-fields";

interface VariantFieldsProps extends RubricPartProps {
  dimensions: { key: string; name: string }[];
  onRemove?: () => void;
}

export function VariantFields({ form, index, errorAt, hasErrorsUnder, dimensions, onRemove }: VariantFieldsProps) {
  const at = `variants.${index}` as const;
  const bind = bindField(form, errorAt);
  const isNew = !!form.getValues(`${at}.isNew`);
  const [name, company, ownWeights] = useWatch({
    control: form.control,
    name: [`${at}.name`, `${at}.company`, `${at}.ownWeights`],
  });
  return (
    <RubricItem
      at={at}
      title={name || "New variant"}
      summary={`${company || "no company"} · ${ownWeights ? "own weights" : "default weights"}`}
      isNew={isNew}
      hasErrorsUnder={hasErrorsUnder}
    >
      <div className="admin-grid">
        <KeyField form={form} name={`${at}.key`} isNew={isNew} error={errorAt(`${at}.key`)} />
        <TextField type="text" label="Name" {...bind(`${at}.name`)} />
        <TextField type="text" label="Company" hint="Blank for a focus without a company." {...bind(`${at}.company`)} />
        <TextField type="text" label="Focus" {...bind(`${at}.focus`)} />
      </div>
      <TextAreaField label="Question" rows={2} {...bind(`${at}.question`)} />
      <ProbesField bind={bind} at={at} />
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
        {...bind(`${at}.rationale`)}
      />
      {onRemove ? <RemoveItemButton what="variant" name={name} onClick={onRemove} /> : null}
    </RubricItem>
  );
}
