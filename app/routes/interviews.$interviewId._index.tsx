import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { FlagEvidenceTable } from "~/components/coach/flag-evidence-table";
import { PanelComparison } from "~/components/debrief/panel-comparison";
import { StructuredDebrief } from "~/components/debrief/structured-debrief";
import { isOverdue } from "~/domain/debrief";
import { canSeeOthersScorecards, type IndependenceMode } from "~/domain/independence";
import { getDebriefFlagEvidence } from "~/models/coach.server";
import { getDebrief, openDebrief, recordDecision, recordRevote } from "~/models/debrief.server";
import { getInterview, getPanel } from "~/models/interview.server";
import { buildPanelComparison } from "~/models/panel-comparison.server";
import { listSubmittedScorecards, recordDebriefView } from "~/models/scorecard.server";
import { getIndependenceMode } from "~/models/settings.server";
import { LocalTime } from "~/components/local-time";
import { parseId } from "~/utils/params";
import { DebriefActionSchema } from "~/schemas/debrief-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { readFormData } from "~/utils/read-form.server";
import { requireRole, requireUser } from "~/utils/session.server";
import { LEVEL_LABELS, SCORECARD_STATUS_LABELS } from "~/utils/labels";
import { invariantFound } from "~/utils/invariant";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const interview = getInterview(parseId(params.interviewId));
  const isLead = user.roles.includes("lead");
  const panel = interview ? getPanel(interview.id) : [];
  const own = panel.find((m) => m.interviewerId === user.id);
  // Neither on the panel nor a lead: the interview does not exist for them.
  invariantFound(interview && (isLead || own));

  const mode = getIndependenceMode();
  const canSeeOthers = canSeeOthersScorecards({ mode, isLead, ownSubmitted: own?.status === "submitted" });
  const submitted = listSubmittedScorecards(interview.id);
  // Independence is enforced here, in what the loader sends, not by hiding it in the page.
  const visible = canSeeOthers ? submitted : submitted.filter((card) => card.interviewerId === user.id);
  if (!isLead && visible.some((card) => card.interviewerId !== user.id)) recordDebriefView(interview.id, user.id);

  const now = new Date();
  const comparison = buildPanelComparison(interview, panel, visible);
  const flagEvidence = getDebriefFlagEvidence(
    comparison.scorecards.map((card, k) => ({
      id: visible[k].id,
      interviewerId: card.interviewerId,
      interviewerName: card.name,
    })),
  );
  return json({
    interview,
    mode,
    canSeeOthers,
    isLead,
    ownStatus: own?.status ?? null,
    spread: comparison.spread,
    panel: panel.map((m) => ({
      ...m,
      overdue: isOverdue(interview, m.status === "submitted", now),
      isYou: m.interviewerId === user.id,
    })),
    rubric: comparison.rubric,
    scorecards: comparison.scorecards,
    flagEvidence,
    // The debrief's votes are recommendations: a panellist sees them only when independence allows.
    debrief: isLead || canSeeOthers ? getDebrief(interview.id) : null,
  });
}

/** A lead runs the structured debrief: start it (locking the votes), record re-votes, decide. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lead = await requireRole(request, "lead");
  const interview = getInterview(parseId(params.interviewId));
  invariantFound(interview);
  const form = await readFormData(request);
  const parsed = DebriefActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const intent = form.get("intent");
    const prefix = intent === "revote" || intent === "decide" ? `${intent}.` : "";
    const errors = Object.fromEntries(
      Object.entries(toFieldErrors(parsed.error)).map(([k, v]) => [k === "intent" ? "form" : `${prefix}${k}`, v]),
    );
    return json({ errors }, { status: 400 });
  }
  const input = parsed.data;
  const result =
    input.intent === "open"
      ? openDebrief(interview.id, lead.id)
      : input.intent === "revote"
        ? recordRevote(interview.id, input, lead.id)
        : recordDecision(interview.id, { decision: input.decision, note: input.note }, lead.id);
  if (result.kind === "refused") {
    const key = input.intent === "open" ? "form" : `${input.intent}.${result.field}`;
    return json({ errors: { [key]: result.message } }, { status: 400 });
  }
  return redirect(`/interviews/${interview.id}#debrief-title`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Debrief · ${data.interview.candidateName} · Panel Scorecard` : "Debrief · Panel Scorecard" },
];

function hiddenMessage(mode: IndependenceMode, ownStatus: string | null) {
  if (mode === "never") return "Your organisation does not show interviewers other panellists' scorecards.";
  return ownStatus === "submitted"
    ? "No other panellist has submitted yet."
    : "Submit your own scorecard first: the panel's scores stay hidden until then, so they cannot anchor yours.";
}

export default function DebriefPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { interview, panel } = data;
  return (
    <main className="page wide">
      <p className="breadcrumb">
        <Link to="/interviews">← Your interviews</Link>
      </p>
      <header className="context card">
        <div className="context-main">
          <h1>Debrief · {interview.candidateName}</h1>
          <p className="context-meta">
            <span className="pill">{LEVEL_LABELS[interview.level]}</span>
            <span>{interview.variantName}</span>
            <span className="muted">
              <LocalTime iso={interview.scheduledAt} />
            </span>
          </p>
        </div>
      </header>

      <section className="section" aria-labelledby="panel-title">
        <h2 id="panel-title">Panel</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Scorecard</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {panel.map((m) => (
              <tr key={m.interviewerId}>
                <td>
                  {m.name}
                  {m.isYou ? (
                    <>
                      {" "}
                      (you) · <Link to={`/interviews/${interview.id}/scorecard`}>open your scorecard</Link>
                    </>
                  ) : null}
                </td>
                <td>
                  <span className={`badge badge-${m.status}`}>{SCORECARD_STATUS_LABELS[m.status]}</span>{" "}
                  {m.overdue ? <span className="badge badge-overdue">Overdue</span> : null}
                </td>
                <td>{m.submittedAt ? <LocalTime iso={m.submittedAt} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="scores-title">
        <h2 id="scores-title">Scores side by side</h2>
        {data.canSeeOthers && data.scorecards.length ? (
          <PanelComparison rubric={data.rubric} scorecards={data.scorecards} spread={data.spread} />
        ) : (
          <p className="empty">
            {data.canSeeOthers ? "No scorecard has been submitted yet." : hiddenMessage(data.mode, data.ownStatus)}
          </p>
        )}
        {!data.canSeeOthers && data.scorecards.length ? (
          <PanelComparison rubric={data.rubric} scorecards={data.scorecards} spread={data.spread} />
        ) : null}
      </section>

      {data.flagEvidence.length ? (
        <section className="section" aria-labelledby="coach-title">
          <h2 id="coach-title">Red flags and the notes behind them</h2>
          <p className="muted">
            The evidence coach reads each note for passive voice, blame diffusion, generic lessons, lessons without a
            mechanism, consequence-free stumbles and claimed immunity. It suggests; the interviewer decides.
          </p>
          <FlagEvidenceTable
            rows={data.flagEvidence}
            showFlags
            flagName={(key) => data.rubric.redFlags.find((f) => f.key === key)?.name ?? key}
          />
        </section>
      ) : null}

      {data.isLead || data.debrief ? (
        <section className="section" aria-labelledby="debrief-title">
          <h2 id="debrief-title">Votes and decision</h2>
          <StructuredDebrief
            debrief={data.debrief}
            panel={panel}
            recommendations={data.rubric.recommendations}
            canRun={data.isLead}
            errors={actionData?.errors}
          />
        </section>
      ) : null}
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
