import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdjustedScatter } from "~/components/charts/adjusted-scatter";
import { ChartFrame, fmt } from "~/components/charts/chart-frame";
import { ErrorPage } from "~/components/error-page";
import { loadDashboardViews } from "~/utils/calibration-request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { views } = await loadDashboardViews(request, context);
  return json({ ...views.candidates, scale: views.scale });
}

export default function CalibrationCandidates() {
  const { rows, total, severities, scale, converged } = useLoaderData<typeof loader>();
  if (total === 0) return <p className="empty">No submitted ratings match these filters.</p>;
  return (
    <div className="stack">
      <p className="hint">
        Rater-adjusted scores fit rating = candidate + dimension − interviewer severity by least squares (the idea behind many-facet Rasch "fair averages"), so a
        candidate who met a harsh panel is not penalised. Interviewers with fewer than 5 ratings are taken at face value.
        {converged ? "" : " The fit did not fully converge on this view: read small changes with care."}
      </p>
      <ChartFrame
        title="Raw against adjusted mean"
        summary={`The ${rows.length} candidates whose standing changes most, of ${total}. Points above the line met a harsh panel.`}
        height={360}
        chart={<AdjustedScatter scale={scale} points={rows} />}
        table={
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Ratings</th>
                <th scope="col">Raw mean</th>
                <th scope="col">Adjusted</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.candidate}>
                  <th scope="row">{c.candidate}</th>
                  <td>{c.ratings}</td>
                  <td>{fmt(c.rawMean)}</td>
                  <td>{fmt(c.adjustedMean)}</td>
                  <td>
                    {c.change > 0 ? "+" : ""}
                    {fmt(c.change)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="card" aria-labelledby="severity-title">
        <h3 id="severity-title">Estimated interviewer severity</h3>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Severity (points; + is harsh)</th>
            </tr>
          </thead>
          <tbody>
            {severities.map((s) => (
              <tr key={s.interviewer}>
                <th scope="row">{s.name}</th>
                <td>
                  {s.severity > 0 ? "+" : ""}
                  {fmt(s.severity)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
