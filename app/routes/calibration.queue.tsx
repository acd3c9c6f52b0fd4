import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { candidateLinks, linkCandidate } from "~/models/calibration.server";
import { reviewsOfInterviews } from "~/models/review.server";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  const { rows, total } = views.queue;
  const links = candidateLinks(rows.map((d) => d.candidateId));
  // Labels are made here from the candidate as they are now; the views may predate an erasure.
  const queue = rows.map((d) => {
    const { label, interviewId } = linkCandidate(links, d.candidateId, d.candidate);
    return { ...d, candidate: label, interviewId };
  });
  return json({
    freshness,
    queue,
    total,
    reviews: reviewsOfInterviews(queue.flatMap((d) => (d.interviewId === null ? [] : [d.interviewId]))),
  });
}

export default function CalibrationQueue() {
  const { queue, total, reviews } = useLoaderData<typeof loader>();
  if (total === 0)
    return <p className="empty">No panel in this view disagrees by 2+ points on a dimension or splits yes/no.</p>;
  return (
    <section className="card" aria-labelledby="queue-title">
      <h2 id="queue-title">Disagreement queue</h2>
      <p className="hint">
        Panels whose ratings of one dimension are 2+ points apart, or whose recommendations split yes/no — widest first.{" "}
        {total > queue.length ? `Showing ${queue.length} of ${total}.` : ""}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Panel</th>
            <th scope="col">Widest spread</th>
            <th scope="col">Recommendations</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {queue.map((d) => {
            const { interviewId } = d;
            const review = interviewId ? reviews[interviewId] : undefined;
            return (
              <tr key={d.candidateId ?? d.candidate} className={d.split ? "wide-spread" : undefined}>
                <th scope="row">
                  {interviewId ? <Link to={`/interviews/${interviewId}`}>{d.candidate}</Link> : d.candidate}
                </th>
                <td>{d.panel}</td>
                <td>{d.maxSpread === null ? "—" : `${d.maxSpread} on ${d.spreadDimensionName}`}</td>
                <td>
                  {d.recommendations.strong_no + d.recommendations.no} no ·{" "}
                  {d.recommendations.yes + d.recommendations.strong_yes} yes{d.split ? " — split" : ""}
                </td>
                <td>
                  {review ? (
                    <Link to={`/calibration/reviews/${review.id}`}>
                      {review.status === "closed" ? "Reviewed (closed)" : "Review open"}
                      <span className="visually-hidden"> for {d.candidate}</span>
                    </Link>
                  ) : interviewId ? (
                    <Form method="post" action="/calibration/reviews">
                      <input type="hidden" name="intent" value="open" />
                      <input type="hidden" name="interviewId" value={interviewId} />
                      <button type="submit" className="link-button">
                        Open review<span className="visually-hidden"> of {d.candidate}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export const ErrorBoundary = ErrorPage;
