import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AdjustedScatter } from "~/components/charts/adjusted-scatter";
import { ChartFrame, fmt, signed } from "~/components/charts/chart-frame";
import { InterviewerTable } from "~/components/calibration/interviewer-table";
import { ErrorPage } from "~/components/error-page";
import { candidateRows, matchingCandidates } from "~/domain/calibration/candidate-table";
import { VIEW_LIMIT } from "~/domain/calibration/dashboard-views";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

/** Candidates matching ?q= (part of the name or the #id), VIEW_LIMIT a page (?page=, from 1). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { filter, search } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const { table, total, severities, converged } = views.candidates;
  const matching = matchingCandidates(table, q);
  const pages = Math.max(1, Math.ceil(matching.length / VIEW_LIMIT));
  const page = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const rows = candidateRows(table, matching.slice((page - 1) * VIEW_LIMIT, page * VIEW_LIMIT));
  // The filter's own parameters, without this page's, for the search form and the page links.
  const filterParams = new URLSearchParams(search);
  filterParams.delete("q");
  filterParams.delete("page");
  return json({
    freshness,
    total,
    converged,
    // What the severity table draws of each estimate.
    severities: severities.map((s) => ({ interviewer: s.interviewer, name: s.name, severity: s.severity })),
    rows,
    matching: matching.length,
    q,
    page,
    pages,
    filterParams: [...filterParams],
    scale: views.scale,
  });
}

export default function CalibrationCandidates() {
  const { rows, total, severities, scale, converged, matching, q, page, pages, filterParams } =
    useLoaderData<typeof loader>();
  if (total === 0) return <p className="empty">No submitted ratings match these filters.</p>;
  const pageLink = (n: number) =>
    `?${new URLSearchParams([...filterParams, ...(q ? [["q", q]] : []), ["page", String(n)]])}`;
  return (
    <div className="stack">
      <Form method="get" className="card review-search" role="search" aria-label="Search candidates">
        {filterParams.map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor="candidate-q">Candidate</label>
          <input id="candidate-q" name="q" defaultValue={q} placeholder="Name or #id" />
        </div>
        <button type="submit" className="button primary">
          Search
        </button>
        <p className="hint">
          {matching} of {total} candidates{q ? ` match “${q}”` : ""}; page {page} of {pages}, whose standing changes
          most first. {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : null}{" "}
          {page < pages ? <Link to={pageLink(page + 1)}>Next →</Link> : null}
        </p>
      </Form>
      <p className="hint">
        Rater-adjusted score: what an average interviewer would be expected to give the candidate, from the rater model
        (candidate + interviewer + scorecard + noise, fitted by REML; the idea behind many-facet Rasch &quot;fair
        averages&quot;), so a candidate who met a harsh panel is not penalised. Each comes with its 95% interval (± 1.96
        of the model&apos;s conditional standard error, kept inside the scale): a candidate seen by two interviewers has
        a wide one, and two candidates whose intervals overlap are not told apart by the panel.
        {converged ? "" : " The fit did not fully converge on this view: read small changes with care."}
      </p>
      <ChartFrame
        title="Raw against adjusted mean"
        summary={`${rows.length} of ${matching} candidates, whose standing changes most first. Points above the line met a harsh panel; each vertical bar is the adjusted score's 95% interval.`}
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
                <th scope="col">95% interval</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.candidate}>
                  <th scope="row">{c.candidate}</th>
                  <td>{c.ratings}</td>
                  <td>{fmt(c.rawMean)}</td>
                  <td>
                    {fmt(c.adjustedMean)}
                    {c.clamped ? <span className="muted"> (at the scale&apos;s end)</span> : null}
                  </td>
                  <td className="nowrap">
                    {c.ciLow === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {fmt(c.ciLow)} to {fmt(c.ciHigh)} <span className="muted">(± {fmt(1.96 * c.adjustedSe!)})</span>
                      </>
                    )}
                  </td>
                  <td>{signed(c.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <section className="card" aria-labelledby="severity-title">
        <h3 id="severity-title">Estimated interviewer severity</h3>
        <InterviewerTable
          rows={severities}
          rowKey={(s) => s.interviewer}
          columns={[{ key: "severity", header: "Severity (points; + is harsh)", cell: (s) => signed(s.severity) }]}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
