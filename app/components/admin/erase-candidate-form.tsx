import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { eraseCandidateSchema, type EraseCandidateForm } from "~/schemas/admin-candidate-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { FormError, TextField, useFieldErrors, ValidatedForm } from "~/components/form-fields";

export function EraseCandidateForm({
  name,
  scorecards,
  result,
}: {
  name: string;
  scorecards: number;
  result?: { errors?: FieldErrors };
}) {
  const navigation = useNavigation();
  const schema = useMemo(() => eraseCandidateSchema(name), [name]);
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<EraseCandidateForm>({ resolver: zodResolver(schema), defaultValues: { confirmation: "" } });
  const errorAt = useFieldErrors(errors, result?.errors);
  const busy = navigation.state === "submitting";
  return (
    <section className="card danger-zone" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase this candidate</h2>
      <p>
        For a request to erase their data. Their name becomes a pseudonym, and the evidence notes and justifications on
        their {scorecards} scorecard
        {scorecards === 1 ? "" : "s"} are removed. Ratings, red flags and recommendations stay, without anything that
        identifies them, so calibration keeps its data. <strong>This cannot be undone.</strong>
      </p>
      <ValidatedForm handleSubmit={handleSubmit} className="stack">
        <FormError message={result?.errors?.form} />
        <input type="hidden" name="intent" value="erase" />
        <TextField
          type="text"
          label="Type the candidate's name to confirm"
          hint={`Type: ${name}`}
          autoComplete="off"
          spellCheck={false}
          error={errorAt("confirmation")}
          {...register("confirmation")}
        />
        <div>
          <button type="submit" className="button danger" disabled={busy}>
            {busy ? "Erasing…" : "Erase candidate"}
          </button>
        </div>
      </ValidatedForm>
    </section>
  );
}
