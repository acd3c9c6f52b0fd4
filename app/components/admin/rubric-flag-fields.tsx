import { useWatch } from "react-hook-form";
import { bindField, KeyField, RemoveItemButton, RubricItem, type RubricPartProps } from "./rubric-fields";
import { SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { useListField } from "./use-list-field";

interface FlagFieldsProps extends RubricPartProps {
  dimensions: { key: string; name: string }[];
  scale: { min: number; max: number };
  onRemove: () => void;
}

export function FlagFields({ form, index, errorAt, hasErrorsUnder, dimensions, scale, onRemove }: FlagFieldsProps) {
  const { control } = form;
  const at = `redFlags.${index}` as const;
  const bind = bindField(form, errorAt);
  const caps = useListField(form, `${at}.caps`);
  const isNew = !!form.getValues(`${at}.isNew`);
  const name = useWatch({ control, name: `${at}.name` });
  const capSummary = (useWatch({ control, name: `${at}.caps` }) ?? [])
    .map((c) => `${dimensions.find((d) => d.key === c.dimension)?.name ?? c.dimension} ≤ ${c.max}`)
    .join(", ");
  const levels = Array.from({ length: scale.max - scale.min + 1 }, (_, k) => scale.min + k);
  return (
    <RubricItem
      at={at}
      title={name || "New red flag"}
      summary={`caps ${capSummary || "nothing"}`}
      isNew={isNew}
      hasErrorsUnder={hasErrorsUnder}
    >
      <div className="admin-grid">
        <KeyField form={form} name={`${at}.key`} isNew={isNew} error={errorAt(`${at}.key`)} />
        <TextField type="text" label="Name" {...bind(`${at}.name`)} />
      </div>
      <TextAreaField label="Description" rows={2} {...bind(`${at}.description`)} />
      <fieldset className="caps">
        <legend>Caps</legend>
        <p className="hint">While the flag is raised, a rating above the cap needs a justification.</p>
        {caps.keys.map((key, j) => (
          <div key={key} className="cap-row">
            <SelectField label="Dimension" {...bind(`${at}.caps.${j}.dimension`)}>
              <option value="">Choose…</option>
              {dimensions.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="At most" {...bind(`${at}.caps.${j}.max`)}>
              {levels.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </SelectField>
            <button type="button" className="link-button danger" onClick={() => caps.remove(j)}>
              Remove cap
              <span className="visually-hidden">
                {" "}
                {j + 1} of {name}
              </span>
            </button>
          </div>
        ))}
        <button type="button" className="button small" onClick={() => caps.append({ dimension: "", max: scale.min })}>
          Add a cap
        </button>
      </fieldset>
      <TextAreaField label="Source" rows={2} {...bind(`${at}.source`)} />
      <RemoveItemButton what="red flag" name={name} onClick={onRemove} />
    </RubricItem>
  );
}
