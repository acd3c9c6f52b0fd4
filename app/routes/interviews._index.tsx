import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorPage } from "~/components/error-page";
import { groupBySchedule } from "~/domain/interview-schedule";
import { listInterviewsForInterviewer, type InterviewListItem } from "~/models/interview.server";
import { LocalTime } from "~/components/local-time";
import { requireUser } from "~/utils/session.server";
import { LEVEL_LABELS, SCORECARD_STATUS_LABELS } from "~/utils/labels";
import { cacheScorecards } from "~/utils/service-worker";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const groups = groupBySchedule(listInterviewsForInterviewer(user.id), dayStart, dayEnd);
  return json({ name: user.name, isInterviewer: user.roles.includes("interviewer"), groups });
}

export const meta: MetaFunction = () => [{ title: "Your interviews · Panel Scorecard" }];

export default function InterviewsPage() {
  const { name, isInterviewer, groups } = useLoaderData<typeof loader>();
  const total = groups.today.length + groups.upcoming.length + groups.past.length;
  // Today's scorecards are kept for offline use, so a dropped connection mid-interview still opens them.
  useEffect(() => cacheScorecards(groups.today.map((item) => `/interviews/${item.id}/scorecard`)), [groups.today]);
  return (
    <main className="page">
      <h1>Your interviews</h1>
      <p className="muted">Signed in as {name}.</p>
      {total === 0 ? (
        <p className="empty">
          {isInterviewer
            ? "You are not on any interview panel yet."
            : "You don't sit on interview panels; nothing to score here."}
        </p>
      ) : (
        <>
          <InterviewTable title="Today" items={groups.today} empty="No interviews today." />
          <InterviewTable title="Upcoming" items={groups.upcoming} empty="Nothing scheduled after today." />
          <InterviewTable title="Past" items={groups.past} empty="No past interviews." />
        </>
      )}
    </main>
  );
}

function InterviewTable({ title, items, empty }: { title: string; items: InterviewListItem[]; empty: string }) {
  const headingId = `interviews-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>
        {title} <span className="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Candidate</th>
              <th scope="col">Level</th>
              <th scope="col">Variant</th>
              <th scope="col">Panel</th>
              <th scope="col">Your scorecard</th>
              <th scope="col">
                <span className="visually-hidden">Debrief</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td className="nowrap">
                  <LocalTime iso={item.scheduledAt} />
                </td>
                <td>
                  <Link to={`/interviews/${item.id}/scorecard`}>{item.candidateName}</Link>
                </td>
                <td>{LEVEL_LABELS[item.level]}</td>
                <td>{item.variantName}</td>
                <td>{item.panelSize}</td>
                <td>
                  <span className={`badge badge-${item.scorecardStatus}`}>
                    {SCORECARD_STATUS_LABELS[item.scorecardStatus]}
                  </span>
                </td>
                <td>
                  <Link to={`/interviews/${item.id}`} aria-label={`Debrief for ${item.candidateName}`}>
                    Debrief
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export const ErrorBoundary = ErrorPage;
