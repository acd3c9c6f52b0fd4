import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EraseCandidateForm } from "~/components/admin/erase-candidate-form";
import { Notice } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { getCandidate } from "~/models/candidate.server";
import { eraseCandidate } from "~/models/candidate-erasure.server";
import { eraseCandidateSchema } from "~/schemas/admin-candidate-schema";
import { formDataToObject } from "~/schemas/form-data";
import { formatDateTime } from "~/utils/format";
import { toFieldErrors } from "~/schemas/form-errors";
import { parseId } from "~/utils/params";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { LEVEL_LABELS } from "~/utils/labels";
import { invariantFound } from "~/utils/invariant";

function requireCandidate(id: string | undefined) {
  const candidate = getCandidate(parseId(id));
  invariantFound(candidate);
  return candidate;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ candidate: requireCandidate(params.candidateId) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const candidate = requireCandidate(params.candidateId);
  const input = formDataToObject(await readFormData(request));
  if (input.intent !== "erase") return json({ errors: { form: "Unknown action" } }, { status: 400 });
  if (candidate.erasedAt) return json({ errors: { form: "This candidate was already erased" } }, { status: 409 });
  const parsed = eraseCandidateSchema(candidate.name).safeParse(input);
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) }, { status: 400 });
  const result = eraseCandidate(candidate.id, admin.id);
  invariantFound(result.kind !== "not_found");
  if (result.kind === "already_erased")
    return json({ errors: { form: "This candidate was already erased" } }, { status: 409 });
  return redirect(`/admin/candidates/${candidate.id}?erased=1`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.candidate.name} · Candidates · Admin · Panel Scorecard`
      : "Candidate · Admin · Panel Scorecard",
  },
];

export default function CandidatePage() {
  const { candidate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const scorecards = candidate.interviews.reduce((n, i) => n + i.scorecards, 0);
  return (
    <main className="page">
      <p className="breadcrumb">
        <Link to="/admin/candidates">← Candidates</Link>
      </p>
      <h1>{candidate.name}</h1>
      <p className="context-meta">
        <span className="pill">{LEVEL_LABELS[candidate.targetLevel]}</span>
        {candidate.erasedAt ? (
          <span className="badge badge-inactive">Erased {candidate.erasedAt.slice(0, 10)}</span>
        ) : null}
        <span className="muted">
          #{candidate.id} · added {candidate.createdAt.slice(0, 10)}
        </span>
      </p>
      {searchParams.get("erased") && candidate.erasedAt ? (
        <Notice>The candidate was erased. Their ratings stay for calibration under this pseudonym.</Notice>
      ) : null}

      <section className="section" aria-labelledby="interviews-heading">
        <div className="section-head">
          <h2 id="interviews-heading">
            Interviews <span className="count">{candidate.interviews.length}</span>
          </h2>
          {candidate.erasedAt ? null : (
            <Link className="button" to={`/admin/interviews?candidate=${candidate.id}#schedule`}>
              Schedule an interview
            </Link>
          )}
        </div>
        {candidate.interviews.length === 0 ? (
          <p className="empty">No interviews yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Variant</th>
                <th scope="col">Panel</th>
                <th scope="col">Scorecards</th>
              </tr>
            </thead>
            <tbody>
              {candidate.interviews.map((i) => (
                <tr key={i.id}>
                  <td className="nowrap">
                    <Link to={`/admin/interviews/${i.id}`}>{formatDateTime(i.scheduledAt)}</Link>
                  </td>
                  <td>{i.variantName}</td>
                  <td>{i.panelSize}</td>
                  <td>
                    {i.submitted} submitted
                    {i.scorecards > i.submitted ? `, ${i.scorecards - i.submitted} in draft` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {candidate.erasedAt ? null : (
        <div className="section">
          <EraseCandidateForm key={candidate.id} name={candidate.name} scorecards={scorecards} result={actionData} />
        </div>
      )}
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
