import { useNavigation } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { PANEL_MAX, PANEL_MIN, PanelSchema, type PanelForm as Values } from "~/schemas/admin-interview-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { ChoiceGroup, FormError, schemaResolver, useFieldErrors, ValidatedForm } from "~/components/form-fields";

interface PanelFormProps {
  /** Everyone who may be chosen: active interviewers, and whoever is on the panel now. */
  choices: { id: number; name: string; note?: string }[];
  current: number[];
  result?: { errors?: FieldErrors };
}

export function PanelForm({ choices, current, result }: PanelFormProps) {
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors },
  } = useForm<Values, unknown, { panel: number[] }>({
    resolver: schemaResolver<Values, { panel: number[] }>(PanelSchema),
    defaultValues: { panel: current.map(String) },
  });
  const errorAt = useFieldErrors(errors, result?.errors);
  const busy = navigation.state === "submitting";
  return (
    <ValidatedForm handleSubmit={handleSubmit} className="stack">
      <FormError message={result?.errors?.form} />
      <ChoiceGroup
        legend="Panel"
        hideLegend
        type="checkbox"
        className="columns"
        hint={`Choose ${PANEL_MIN} to ${PANEL_MAX} interviewers. The panel locks once anyone starts scoring.`}
        options={choices.map((c) => ({ value: String(c.id), label: c.name, hint: c.note }))}
        field={register("panel")}
        checked={getValues("panel")}
        error={errorAt("panel")}
      />
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Saving…" : "Save panel"}
        </button>
      </div>
      <input type="hidden" name="intent" value="panel" />
    </ValidatedForm>
  );
}
