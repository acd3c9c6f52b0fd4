import { Form, useNavigation } from "@remix-run/react";
import { useForm } from "react-hook-form";
import {
  ChoiceGroup,
  FormError,
  schemaResolver,
  SelectField,
  TextAreaField,
  ValidatedForm,
} from "~/components/form-fields";
import { DECISION_LABELS, DECISIONS, type Decision } from "~/domain/debrief-votes";
import type { RecommendationOption } from "~/domain/rubric/types";
import {
  DECISION_NOTE_MAX,
  DecisionSchema,
  REVOTE_REASON_MAX,
  RevoteSchema,
  type DecisionForm,
  type DecisionValues,
  type Revote,
  type RevoteForm,
} from "~/schemas/debrief-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { formatDateTime } from "~/utils/format";

interface Vote {
  interviewerId: number;
  round: "independent" | "revote";
  recommendation: string;
  reason: string;
  createdAt: string;
}

export interface StructuredDebriefProps {
  debrief: {
    openedAt: string;
    openedByName: string;
    decision: Decision | null;
    decisionNote: string;
    decidedAt: string | null;
    votes: Vote[];
  } | null;
  panel: { interviewerId: number; name: string; status: string }[];
  recommendations: RecommendationOption[];
  /** Leads run the debrief; panellists read it. */
  canRun: boolean;
  errors?: FieldErrors;
}

/**
 * The structured debrief: votes written before the discussion are locked when it starts; after it
 * each panellist may re-vote once, with a reason; the lead records the final decision.
 */
export function StructuredDebrief({ debrief, panel, recommendations, canRun, errors }: StructuredDebriefProps) {
  const name = (key: string) => recommendations.find((r) => r.key === key)?.name ?? key;
  const waiting = panel.filter((m) => m.status !== "submitted").length;
  if (!debrief) {
    if (!canRun) return <p className="empty">The lead has not started the debrief yet.</p>;
    return (
      <Form method="post" className="card stack">
        <p>
          Starting the debrief locks each panellist's recommendation as their <strong>independent vote</strong>, written
          before anyone heard the others. After the discussion each may re-vote, with a reason; then record the
          decision.
        </p>
        <FormError message={errors?.form} />
        {waiting > 0 ? (
          <p className="muted">
            Waiting for {waiting} of {panel.length} scorecards: the debrief starts once the whole panel has submitted.
          </p>
        ) : null}
        <div>
          <button type="submit" name="intent" value="open" className="button primary" disabled={waiting > 0}>
            Start the debrief and lock the votes
          </button>
        </div>
      </Form>
    );
  }
  const voteOf = (id: number, round: Vote["round"]) =>
    debrief.votes.find((v) => v.interviewerId === id && v.round === round);
  const canRevote = panel.filter((m) => voteOf(m.interviewerId, "independent") && !voteOf(m.interviewerId, "revote"));
  return (
    <div className="stack">
      <p className="muted">
        Started by {debrief.openedByName}, {formatDateTime(debrief.openedAt)}.
      </p>
      <table className="table debrief-votes">
        <thead>
          <tr>
            <th scope="col">Panellist</th>
            <th scope="col">Independent vote (locked)</th>
            <th scope="col">Re-vote after discussion</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {panel.map((m) => {
            const independent = voteOf(m.interviewerId, "independent");
            const revote = voteOf(m.interviewerId, "revote");
            return (
              <tr key={m.interviewerId}>
                <th scope="row">{m.name}</th>
                <td>{independent ? name(independent.recommendation) : "—"}</td>
                <td>
                  {revote ? (
                    <>
                      {name(revote.recommendation)}
                      {revote.recommendation !== independent?.recommendation ? (
                        <span className="badge badge-draft">changed</span>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td>{revote?.reason ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {debrief.decision ? (
        <div className="card decision" role="status">
          <strong>Decision: {DECISION_LABELS[debrief.decision]}</strong>{" "}
          <span className="muted">({debrief.decidedAt ? formatDateTime(debrief.decidedAt) : ""})</span>
          <p>{debrief.decisionNote}</p>
        </div>
      ) : canRun ? (
        <div className="two-columns">
          {canRevote.length ? (
            <RevoteForm panel={canRevote} recommendations={recommendations} errors={errors} />
          ) : (
            <p className="muted">Everyone has re-voted.</p>
          )}
          <DecisionFormCard errors={errors} />
        </div>
      ) : (
        <p className="empty">The decision is not recorded yet.</p>
      )}
    </div>
  );
}

function RevoteForm({
  panel,
  recommendations,
  errors,
}: {
  panel: { interviewerId: number; name: string }[];
  recommendations: RecommendationOption[];
  errors?: FieldErrors;
}) {
  const busy = useNavigation().state === "submitting";
  const form = useForm<RevoteForm, unknown, Revote>({
    resolver: schemaResolver(RevoteSchema),
    defaultValues: { intent: "revote" },
    mode: "onTouched",
  });
  const error = (path: keyof RevoteForm) =>
    form.formState.errors[path]?.message ?? (errors?.intent === "revote" ? undefined : errors?.[`revote.${path}`]);
  return (
    <ValidatedForm handleSubmit={form.handleSubmit} className="card stack" aria-labelledby="revote-title">
      <h3 id="revote-title">Record a re-vote</h3>
      <input type="hidden" {...form.register("intent")} />
      <FormError message={errors?.["revote.form"]} />
      <SelectField label="Panellist" error={error("interviewerId")} {...form.register("interviewerId")}>
        <option value="">Choose…</option>
        {panel.map((m) => (
          <option key={m.interviewerId} value={m.interviewerId}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Vote after the discussion"
        error={error("recommendation")}
        {...form.register("recommendation")}
      >
        <option value="">Choose…</option>
        {recommendations.map((r) => (
          <option key={r.key} value={r.key}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Reason"
        rows={3}
        maxLength={REVOTE_REASON_MAX}
        hint="What in the discussion moved (or kept) the vote."
        error={error("reason")}
        {...form.register("reason")}
      />
      <div>
        <button type="submit" className="button" disabled={busy}>
          Record re-vote
        </button>
      </div>
    </ValidatedForm>
  );
}

function DecisionFormCard({ errors }: { errors?: FieldErrors }) {
  const busy = useNavigation().state === "submitting";
  const form = useForm<DecisionForm, unknown, DecisionValues>({
    resolver: schemaResolver(DecisionSchema),
    defaultValues: { intent: "decide" },
    mode: "onTouched",
  });
  const error = (path: keyof DecisionForm) => form.formState.errors[path]?.message ?? errors?.[`decide.${path}`];
  return (
    <ValidatedForm handleSubmit={form.handleSubmit} className="card stack" aria-labelledby="decision-title">
      <h3 id="decision-title">Final decision</h3>
      <input type="hidden" {...form.register("intent")} />
      <FormError message={errors?.["decide.form"]} />
      <ChoiceGroup
        legend="Decision"
        type="radio"
        options={DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d] }))}
        field={form.register("decision")}
        error={error("decision")}
      />
      <TextAreaField
        label="Note"
        rows={3}
        maxLength={DECISION_NOTE_MAX}
        hint="What the decision rests on."
        error={error("note")}
        {...form.register("note")}
      />
      <div>
        <button type="submit" className="button primary" disabled={busy}>
          Record the decision
        </button>
      </div>
    </ValidatedForm>
  );
}
