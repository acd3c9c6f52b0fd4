import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { fmt, pct, withheld } from "~/components/charts/chart-frame";
import { ErrorPage } from "~/components/error-page";
import { EffectCell } from "~/components/calibration/effect-cell";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/form-fields";
import { measureEffect } from "~/domain/calibration/effect-measure";
import type { LoopEffectMeasure } from "~/domain/calibration/loop-effects";
import { CONVERSATION_EFFECTS, effectName } from "~/domain/conversation-effects";
import { countAmendedAfterSeeing } from "~/models/amendment.server";
import { listConversations, recordConversation } from "~/models/conversation.server";
import { conversationsWithEffects, findInterviewer, getInterviewerRecord } from "~/models/interviewer-profile.server";
import { AGREED_MAX, ConversationSchema } from "~/schemas/conversation-schema";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";
import { toFieldErrors } from "~/schemas/form-errors";
import { invariantFound } from "~/utils/invariant";
import { readFormData } from "~/utils/read-form.server";
import { requireLead } from "~/utils/session.server";
import calibrationStyles from "~/styles/calibration.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: calibrationStyles }];

/**
 * Every effect against peers, one row each: leniency and severity are one signed figure (the row
 * takes the key of the flag it carries), and so are red flags under- and over-used.
 */
function measuredRows(row: Parameters<typeof measureEffect>[0], loop: LoopEffectMeasure[]) {
  const flags: string[] = row?.rater.flags ?? [];
  const leniency = flags.includes("severe") ? "severe" : "lenient";
  const redFlags = loop.find((m) => m.effect.startsWith("red_flags"))?.effect ?? "red_flags_over";
  return [
    { key: leniency, name: "Lenient or severe against co-panellists" },
    { key: "halo", name: effectName("halo") },
    { key: "central_tendency", name: effectName("central_tendency") },
    { key: "erratic", name: effectName("erratic") },
    { key: redFlags, name: "Red flags per scorecard against co-panellists" },
    { key: "practice_distance", name: effectName("practice_distance") },
    { key: "amends_after_panel", name: effectName("amends_after_panel") },
    { key: "overdue_scorecards", name: effectName("overdue_scorecards") },
    { key: "decision_disagreement", name: effectName("decision_disagreement") },
  ].map((e) => ({ ...e, measure: measureEffect(row, e.key, loop) }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireLead(request);
  const interviewer = findInterviewer(Number(params.interviewerId));
  invariantFound(interviewer);
  const { filter, search } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  const row = views.interviewers.rows.find((r) => r.interviewer === interviewer.email);
  return json({
    freshness,
    interviewer,
    search,
    effects: measuredRows(
      row,
      views.loopEffects.filter((m) => m.interviewer === interviewer.email),
    ),
    amendedAfterSeeing: countAmendedAfterSeeing(filter)[interviewer.email] ?? 0,
    drift: row?.drift ?? [],
    ...getInterviewerRecord(interviewer.id),
    conversations: await conversationsWithEffects(interviewer.email, listConversations(interviewer.id)),
    today: new Date().toISOString().slice(0, 10),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lead = await requireLead(request);
  const interviewer = findInterviewer(Number(params.interviewerId));
  invariantFound(interviewer);
  const form = Object.fromEntries(await readFormData(request));
  // The interviewer is the page's: a conversation recorded here is always with them.
  const parsed = ConversationSchema.safeParse({ ...form, intent: "record", interviewerId: String(interviewer.id) });
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) }, { status: 400 });
  const result = recordConversation(parsed.data, lead.id);
  if (result.kind === "refused") return json({ errors: { [result.field]: result.message } }, { status: 400 });
  return redirect(`/calibration/interviewers/${interviewer.id}#conversation-${result.id}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.interviewer.name ?? "Interviewer"} · Calibration · Panel Scorecard` },
];

export default function InterviewerPage() {
  const data = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors as Record<string, string> | undefined;
  const { interviewer, practice, decisions } = data;
  return (
    <div className="stack interviewer-page">
      <p>
        <Link to={`/calibration/interviewers${data.search}`}>← All interviewers</Link>
      </p>
      <h2>
        {interviewer.name} <span className="muted">{interviewer.email}</span>
      </h2>

      <section className="card" aria-labelledby="effects-title">
        <h3 id="effects-title">Effects against co-panellists on the same candidates</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Effect</th>
              <th scope="col">Now (this view): size, 95% interval, evidence</th>
            </tr>
          </thead>
          <tbody>
            {data.effects.map((e) => (
              <tr key={e.key} data-effect={e.key}>
                <th scope="row">{e.name}</th>
                <EffectCell measure={e.measure} />
              </tr>
            ))}
            <tr>
              <th scope="row">Amended after seeing the panel (count)</th>
              <td>{data.amendedAfterSeeing} scorecards amended after reading the panel&apos;s</td>
            </tr>
            <tr>
              <th scope="row">Overdue now (an hour past the interview)</th>
              <td>
                {data.overdue.length === 0
                  ? "none"
                  : data.overdue.map((o, k) => (
                      <span key={o.interviewId}>
                        {k > 0 && ", "}
                        <Link to={`/interviews/${o.interviewId}`}>{o.candidateName}</Link>
                      </span>
                    ))}
              </td>
            </tr>
            <tr>
              <th scope="row">Votes and re-votes in decided debriefs</th>
              <td>
                {decisions === null || decisions.debriefs === 0
                  ? "no decided debrief yet"
                  : `${pct(decisions.independentAgreed / decisions.debriefs)} of ${decisions.debriefs} independent votes argued for the decision; changed vote ${decisions.changed}× (${decisions.toward} toward the majority, ${decisions.away} away)`}
              </td>
            </tr>
            <tr>
              <th scope="row">Practice against the key</th>
              <td>
                {practice === null
                  ? "no practice against a key yet"
                  : `${fmt(practice.overall.meanAbsolute)} points from the key on average (signed ${fmt(practice.overall.meanSigned)}), ${practice.overall.n} ratings on ${practice.exemplars} exemplars`}
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="drift-title">
        <h3 id="drift-title">Drift: raw leniency by month</h3>
        {data.drift.length === 0 ? (
          <p className="empty">No months with ratings in this view.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                {data.drift.map((d) => (
                  <th scope="col" key={d.month}>
                    {d.month}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {data.drift.map((d) => (
                  <td key={d.month}>
                    {d.leniency === null
                      ? withheld(d.n, "shared candidates")
                      : `${fmt(d.leniency)} (${fmt(d.ciLow)} to ${fmt(d.ciHigh)})`}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h3 id="history-title">Calibration conversations</h3>
        {data.conversations.length === 0 ? (
          <p className="empty">No conversation with {interviewer.name} yet.</p>
        ) : (
          <table className="table conversation-history">
            <thead>
              <tr>
                <th scope="col">Held on</th>
                <th scope="col">Effect and what was agreed</th>
                <th scope="col">Before (ratings up to the day before)</th>
                <th scope="col">After (ratings from that day)</th>
              </tr>
            </thead>
            <tbody>
              {data.conversations.map((c) => (
                <tr key={c.id} id={`conversation-${c.id}`}>
                  <td>{c.heldOn}</td>
                  <td>
                    <strong>{effectName(c.effect)}</strong> <span className="muted">(by {c.leadName})</span>
                    <p className="agreed">{c.agreed}</p>
                    {c.followUpOn ? (
                      <p className="muted">
                        Follow up on {c.followUpOn}
                        {c.followUpDoneAt ? " · done" : ""}
                      </p>
                    ) : null}
                  </td>
                  {c.before === null ? (
                    <td className="muted">older than the latest 3</td>
                  ) : (
                    <EffectCell measure={c.before} />
                  )}
                  {c.after === null ? (
                    <td className="muted">older than the latest 3</td>
                  ) : (
                    <EffectCell measure={c.after} />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {/* Keyed by the newest conversation, so a recorded one empties the form. */}
        <Form
          key={data.conversations[0]?.id ?? 0}
          method="post"
          className="stack record-here"
          aria-labelledby="record-here-title"
        >
          <h4 id="record-here-title">Record a conversation with {interviewer.name}</h4>
          <FormError message={errors?.form} />
          <SelectField label="Effect discussed" name="effect" error={errors?.effect} defaultValue="">
            <option value="">Choose…</option>
            {CONVERSATION_EFFECTS.map((e) => (
              <option key={e.key} value={e.key}>
                {e.name}
              </option>
            ))}
          </SelectField>
          <TextField label="Held on" name="heldOn" type="date" defaultValue={data.today} error={errors?.heldOn} />
          <TextAreaField label="What you agreed" name="agreed" rows={3} maxLength={AGREED_MAX} error={errors?.agreed} />
          <TextField label="Follow up on" name="followUpOn" type="date" hint="Optional." error={errors?.followUpOn} />
          <div>
            <button type="submit" className="button primary">
              Record conversation
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
