import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { LEVELS } from "~/domain/rubric/types";
import {
  NewCandidateSchema,
  type NewCandidate,
  type NewCandidateForm as Values,
} from "~/schemas/admin-candidate-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { field, FormError, SelectField, TextField, useFieldErrors, ValidatedForm } from "~/components/form-fields";
import { LEVEL_LABELS } from "~/utils/labels";

const text = (v: unknown) => (typeof v === "string" ? v : "");

export function NewCandidateForm({ result }: { result?: { errors?: FieldErrors; values?: Record<string, unknown> } }) {
  const navigation = useNavigation();
  const form = useForm<Values, unknown, NewCandidate>({
    resolver: zodResolver(NewCandidateSchema),
    mode: "onTouched",
    defaultValues: {
      name: text(result?.values?.name),
      targetLevel: (text(result?.values?.targetLevel) || "") as Values["targetLevel"],
    },
  });
  const {
    handleSubmit,
    formState: { errors },
  } = form;
  const errorAt = useFieldErrors(errors, result?.errors);
  const busy = navigation.state === "submitting" && navigation.formMethod === "POST";
  return (
    <section className="card" aria-labelledby="new-candidate-heading">
      <h2 id="new-candidate-heading">Add a candidate</h2>
      <ValidatedForm handleSubmit={handleSubmit} className="stack">
        <FormError message={result?.errors?.form} />
        <div className="admin-grid">
          <TextField type="text" label="Name" autoComplete="off" error={errorAt("name")} {...field(form, "name")} />
          <SelectField label="Target level" error={errorAt("targetLevel")} {...field(form, "targetLevel")}>
            <option value="">Choose a level…</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Adding…" : "Add candidate"}
          </button>
        </div>
      </ValidatedForm>
    </section>
  );
}
