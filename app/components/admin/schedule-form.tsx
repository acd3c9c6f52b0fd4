import { useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useForm } from "react-hook-form";
import { LEVEL_LABELS } from "~/utils/labels";
import {
  PANEL_MAX,
  PANEL_MIN,
  scheduleInterviewSchema,
  type ScheduleInterview,
  type ScheduleInterviewForm,
} from "~/schemas/admin-interview-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import {
  ChoiceGroup,
  field,
  FormError,
  schemaResolver,
  SelectField,
  TextField,
  useFieldErrors,
  ValidatedForm,
} from "~/components/form-fields";

interface ScheduleFormProps {
  candidates: { id: number; name: string; targetLevel: keyof typeof LEVEL_LABELS }[];
  variants: { key: string; name: string }[];
  interviewers: { id: number; name: string }[];
  rubricVersionId: number;
  /** "Now" as the server saw it, so the page renders the same on both sides. */
  now: string;
  preselectCandidate?: string;
  result?: { errors?: FieldErrors; values?: Record<string, unknown> };
}

const text = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

export function ScheduleForm({
  candidates,
  variants,
  interviewers,
  rubricVersionId,
  now,
  preselectCandidate,
  result,
}: ScheduleFormProps) {
  const navigation = useNavigation();
  const schema = useMemo(() => scheduleInterviewSchema(variants.map((v) => v.key)), [variants]);
  const posted = result?.values;
  const form = useForm<ScheduleInterviewForm, unknown, ScheduleInterview>({
    resolver: schemaResolver<ScheduleInterviewForm, ScheduleInterview>(schema),
    // Not on blur: tabbing through the panel's boxes is not a wrong answer yet.
    mode: "onSubmit",
    defaultValues: {
      candidateId: text(posted?.candidateId, preselectCandidate ?? ""),
      variantKey: text(
        posted?.variantKey,
        variants.some((v) => v.key === "default") ? "default" : (variants[0]?.key ?? ""),
      ),
      scheduledAt: text(posted?.scheduledAt),
      durationMinutes: text(posted?.durationMinutes, "45"),
      panel: list(posted?.panel),
    },
  });
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors },
  } = form;
  const errorAt = useFieldErrors(errors, result?.errors);
  const busy = navigation.state === "submitting";
  const nowLabel = `${now.slice(0, 10)} ${now.slice(11, 16)} UTC`;

  return (
    <section className="card" aria-labelledby="schedule-heading" id="schedule">
      <h2 id="schedule-heading">Schedule an interview</h2>
      <p className="hint">
        It uses rubric version {rubricVersionId}, the latest, and keeps it even if the rubric is edited later.
      </p>
      <ValidatedForm handleSubmit={handleSubmit} className="stack">
        <FormError message={result?.errors?.form} />
        <div className="admin-grid two">
          <SelectField label="Candidate" error={errorAt("candidateId")} {...field(form, "candidateId")}>
            <option value="">Choose a candidate…</option>
            {candidates.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name} (#{c.id}) — {LEVEL_LABELS[c.targetLevel]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Variant" error={errorAt("variantKey")} {...field(form, "variantKey")}>
            {variants.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Date and time (UTC)"
            type="datetime-local"
            hint={`In UTC. It is now ${nowLabel}.`}
            min={now.slice(0, 16)}
            error={errorAt("scheduledAt")}
            {...field(form, "scheduledAt")}
          />
          <TextField
            label="Duration (minutes)"
            hint="From 5 to 480 minutes."
            type="number"
            inputMode="numeric"
            min={5}
            max={480}
            step={5}
            error={errorAt("durationMinutes")}
            {...field(form, "durationMinutes")}
          />
        </div>
        <ChoiceGroup
          legend="Panel"
          type="checkbox"
          className="columns"
          hint={`Choose ${PANEL_MIN} to ${PANEL_MAX} interviewers.`}
          options={interviewers.map((i) => ({ value: String(i.id), label: i.name }))}
          field={register("panel")}
          checked={getValues("panel")}
          error={errorAt("panel")}
        />
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Scheduling…" : "Schedule interview"}
          </button>
        </div>
      </ValidatedForm>
    </section>
  );
}
