import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { OVERDUE_AFTER_MS } from "~/domain/debrief";
import { listOverdueScorecards } from "~/models/interview.server";
import { formatDateTime } from "~/utils/format";
import { requireLead } from "~/utils/session.server";
import { SCORECARD_STATUS_LABELS } from "~/utils/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireLead(request);
  const now = Date.now();
  const overdue = listOverdueScorecards(new Date(now - OVERDUE_AFTER_MS)).map((row) => ({
    ...row,
    hoursLate: Math.floor(
      (now - Date.parse(row.scheduledAt) - row.durationMinutes * 60_000 - OVERDUE_AFTER_MS) / 3_600_000,
    ),
  }));
  return json({ overdue });
}

export const meta: MetaFunction = () => [{ title: "Overdue scorecards · Panel Scorecard" }];

export default function OverduePage() {
  const { overdue } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>Overdue scorecards</h1>
      <p className="muted">
        Interviews that ended more than 24 hours ago with a panellist's scorecard still not submitted.
      </p>
      {overdue.length === 0 ? (
        <p className="empty">Nothing is overdue.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Candidate</th>
              <th scope="col">Interview</th>
              <th scope="col">Scorecard</th>
              <th scope="col">Late by</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map((row) => (
              <tr key={`${row.interviewId}-${row.interviewerName}`}>
                <td>{row.interviewerName}</td>
                <td>
                  <Link to={`/interviews/${row.interviewId}`}>{row.candidateName}</Link>
                </td>
                <td className="nowrap">{formatDateTime(row.scheduledAt)}</td>
                <td>
                  <span className={`badge badge-${row.status}`}>{SCORECARD_STATUS_LABELS[row.status]}</span>
                </td>
                <td>{row.hoursLate < 48 ? `${row.hoursLate} h` : `${Math.floor(row.hoursLate / 24)} days`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
