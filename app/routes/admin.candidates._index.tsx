import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NewCandidateForm } from "~/components/admin/new-candidate-form";
import { ErrorPage } from "~/components/error-page";
import { createCandidate, listCandidates } from "~/models/candidate.server";
import { NewCandidateSchema } from "~/schemas/admin-candidate-schema";
import { formDataToObject } from "~/schemas/form-data";
import { toFieldErrors } from "~/schemas/form-errors";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { LEVEL_LABELS } from "~/utils/labels";

const PAGE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 120);
  return json({ query, ...listCandidates({ query, limit: PAGE }) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const input = formDataToObject(await readFormData(request));
  const parsed = NewCandidateSchema.safeParse(input);
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error), values: input }, { status: 400 });
  const id = createCandidate(parsed.data, admin.id);
  return redirect(`/admin/candidates/${id}`);
}

export const meta: MetaFunction = () => [{ title: "Candidates · Admin · Panel Scorecard" }];

export default function CandidatesPage() {
  const { rows, total, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <main className="page">
      <h1>Candidates</h1>
      <p className="muted">
        Add a candidate before scheduling their interview. A candidate can be erased on request from their page.
      </p>
      <NewCandidateForm result={actionData} />
      <section className="section" aria-labelledby="candidates-heading">
        <div className="section-head">
          <h2 id="candidates-heading">
            {query ? `Matching “${query}”` : "All candidates"} <span className="count">{total}</span>
          </h2>
          <Form method="get" action="/admin/candidates" className="search" role="search">
            <label htmlFor="candidate-search" className="visually-hidden">
              Find a candidate by name
            </label>
            <input id="candidate-search" type="search" name="q" defaultValue={query} placeholder="Find by name" />
            <button type="submit" className="button">
              Find
            </button>
          </Form>
        </div>
        {rows.length === 0 ? (
          <p className="empty">{query ? "No candidate has that in their name." : "No candidates yet."}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Target level</th>
                <th scope="col">Interviews</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={String(c.id)}>{c.name}</Link> <span className="hint">#{c.id}</span>{" "}
                    {c.erasedAt ? <span className="badge badge-inactive">Erased</span> : null}
                  </td>
                  <td>{LEVEL_LABELS[c.targetLevel]}</td>
                  <td>{c.interviews}</td>
                  <td className="nowrap">{c.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {total > rows.length ? (
          <p className="hint">
            Showing the newest {rows.length} of {total}. Search to find others.
          </p>
        ) : null}
      </section>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
