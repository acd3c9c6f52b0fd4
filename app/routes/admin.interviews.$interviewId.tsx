import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/components/form-fields";
import { PanelForm } from "~/components/admin/panel-form";
import { ErrorPage } from "~/components/error-page";
import { listActiveInterviewers } from "~/models/people.server";
import { changePanel, getInterviewForAdmin, PANEL_LOCKED } from "~/models/schedule.server";
import { formDataToObject } from "~/schemas/form-data";
import { PanelSchema } from "~/schemas/admin-interview-schema";
import { formatDateTime } from "~/utils/format";
import { toFieldErrors } from "~/schemas/form-errors";
import { parseId } from "~/utils/params";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { LEVEL_LABELS, SCORECARD_STATUS_LABELS } from "~/utils/labels";
import { invariantFound } from "~/utils/invariant";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const interview = getInterviewForAdmin(parseId(params.interviewId));
  invariantFound(interview);
  return json({ interview, interviewers: listActiveInterviewers() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const interviewId = parseId(params.interviewId);
  const input = formDataToObject(await readFormData(request));
  if (input.intent !== "panel") return json({ errors: { form: "Unknown action" } }, { status: 400 });
  const parsed = PanelSchema.safeParse(input);
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) }, { status: 400 });
  const result = changePanel(interviewId, parsed.data.panel, admin.id);
  invariantFound(result.kind !== "not_found");
  switch (result.kind) {
    case "locked":
      return json({ errors: { form: PANEL_LOCKED } }, { status: 409 });
    case "invalid":
      return json({ errors: result.errors }, { status: 400 });
    default:
      return redirect(`/admin/interviews/${interviewId}?saved=1`);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Interview · ${data.interview.candidateName} · Admin · Panel Scorecard`
      : "Interview · Admin · Panel Scorecard",
  },
];

export default function AdminInterviewPage() {
  const { interview, interviewers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const locked = interview.scorecards > 0;
  const panelIds = interview.panel.map((m) => m.interviewerId);
  const choices = [
    ...interviewers.map((i) => ({ id: i.id, name: i.name })),
    ...interview.panel
      .filter((m) => !interviewers.some((i) => i.id === m.interviewerId))
      .map((m) => ({ id: m.interviewerId, name: m.name, note: m.active ? "no longer an interviewer" : "deactivated" })),
  ];
  return (
    <main className="page">
      <p className="breadcrumb">
        <Link to="/admin/interviews">← Interviews</Link>
      </p>
      <h1>Interview with {interview.candidateName}</h1>
      <dl className="facts">
        <div>
          <dt>When</dt>
          <dd>
            {formatDateTime(interview.scheduledAt)}, {interview.durationMinutes} min
          </dd>
        </div>
        <div>
          <dt>Candidate</dt>
          <dd>
            <Link to={`/admin/candidates/${interview.candidateId}`}>{interview.candidateName}</Link> ·{" "}
            {LEVEL_LABELS[interview.level]}
          </dd>
        </div>
        <div>
          <dt>Variant</dt>
          <dd>{interview.variantName}</dd>
        </div>
        <div>
          <dt>Rubric</dt>
          <dd>Version {interview.rubricVersionId}</dd>
        </div>
      </dl>
      {searchParams.get("saved") ? <Notice>Panel saved.</Notice> : null}

      <section className="section card" aria-labelledby="panel-heading">
        <h2 id="panel-heading">Panel</h2>
        {locked ? (
          <>
            <FormError message={actionData?.errors?.form} />
            <p className="locked">
              <strong>Locked.</strong> Scoring has started ({interview.scorecards} scorecard
              {interview.scorecards === 1 ? "" : "s"}), so the panel can no longer change.
            </p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  <th scope="col">Scorecard</th>
                </tr>
              </thead>
              <tbody>
                {interview.panel.map((m) => (
                  <tr key={m.interviewerId}>
                    <td>{m.name}</td>
                    <td>
                      <span className={`badge badge-${m.status}`}>{SCORECARD_STATUS_LABELS[m.status]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <PanelForm key={panelIds.join()} choices={choices} current={panelIds} result={actionData} />
        )}
      </section>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
