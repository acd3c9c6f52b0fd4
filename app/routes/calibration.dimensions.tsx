import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ChartFrame, fmt, withheld } from "~/components/charts/chart-frame";
import { StackedBarChart } from "~/components/charts/stacked-bar-chart";
import { ErrorPage } from "~/components/error-page";
import { MIN_SHOWN } from "~/domain/calibration/dashboard";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  return json({
    freshness,
    dimensions: views.dimensions,
    minShown: MIN_SHOWN,
  });
}

const SCORE_COLOURS = ["#b42318", "#f09a8f", "#8fb3f0", "#2f5bd3", "#1f4fbf", "#173b8f", "#0f2a66"];
const ICC_FORMS = ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"] as const;

/** Quadratic-weighted kappa as a cell colour: white at 0 or below, the accent at 1. */
// At most 60% of the accent over white, so the cell's dark text keeps a 4.5:1 contrast (75% gave 4.4:1).
const heat = (kappa: number | null) =>
  kappa === null ? undefined : `rgba(47, 91, 211, ${Math.max(0, Math.min(1, kappa)) * 0.6})`;

export default function CalibrationDimensions() {
  const { dimensions, minShown } = useLoaderData<typeof loader>();
  if (dimensions.length === 0) return <p className="empty">No submitted ratings match these filters.</p>;
  const scores = dimensions[0].distribution.map((d) => d.score);
  return (
    <div className="stack">
      <ChartFrame
        title="Score distributions"
        summary="How often each score is given, per dimension."
        height={dimensions.length * 46 + 70}
        chart={
          <StackedBarChart
            percent
            categoryKey="name"
            series={scores.map((s, i) => ({
              key: `s${s}`,
              name: String(s),
              colour: SCORE_COLOURS[i % SCORE_COLOURS.length],
            }))}
            data={dimensions.map((d) => ({
              name: d.name,
              ...Object.fromEntries(d.distribution.map((x) => [`s${x.score}`, x.count])),
            }))}
          />
        }
        table={
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                {scores.map((s) => (
                  <th scope="col" key={s}>
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dimensions.map((d) => (
                <tr key={d.dimension}>
                  <th scope="row">{d.name}</th>
                  {d.distribution.map((x) => (
                    <td key={x.score}>{x.count}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <section className="card" aria-labelledby="agreement-stats">
        <h3 id="agreement-stats">Agreement statistics</h3>
        <p className="hint">
          Krippendorff's alpha at four levels (missing ratings allowed); ICCs only when every candidate met the same
          interviewers; Fleiss' kappa (Gwet's form for unequal panels).
        </p>
        {/* Focusable, so a keyboard user can scroll a table wider than the page. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="agreement-stats">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Ratings</th>
                <th scope="col">Alpha nominal</th>
                <th scope="col">Alpha ordinal</th>
                <th scope="col">Alpha interval</th>
                <th scope="col">Alpha ratio</th>
                <th scope="col">Fleiss kappa</th>
                {ICC_FORMS.map((f) => (
                  <th scope="col" key={f}>
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dimensions.map((d) => {
                const thin = d.pairableCandidates < minShown;
                return (
                  <tr key={d.dimension}>
                    <th scope="row">{d.name}</th>
                    <td>{d.ratings}</td>
                    {thin ? (
                      <td colSpan={5 + ICC_FORMS.length}>
                        {withheld(d.pairableCandidates, "candidates rated by two interviewers or more")}
                      </td>
                    ) : (
                      <>
                        <td>{fmt(d.alpha.nominal)}</td>
                        <td>
                          {fmt(d.alpha.ordinal)}
                          {d.alphaInterval ? (
                            <span className="muted">
                              {" "}
                              ({fmt(d.alphaInterval.low)} to {fmt(d.alphaInterval.high)})
                            </span>
                          ) : null}
                        </td>
                        <td>{fmt(d.alpha.interval)}</td>
                        <td>{fmt(d.alpha.ratio)}</td>
                        <td>{fmt(d.fleissKappa)}</td>
                        {ICC_FORMS.map((f) => (
                          <td key={f}>{d.icc ? fmt(d.icc[f]) : "—"}</td>
                        ))}
                      </>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {dimensions.map((d) => (
        <section key={d.dimension} className="card" aria-labelledby={`pairs-${d.dimension}`}>
          <h3 id={`pairs-${d.dimension}`}>Pairwise agreement · {d.name}</h3>
          <p className="hint">
            Quadratic-weighted Cohen's kappa for every pair of interviewers with 5 or more candidates in common, and
            under it n, the candidates the pair shared; empty cells have fewer.
            {d.heatmap.pairedInterviewers > d.heatmap.interviewers.length
              ? ` Showing the ${d.heatmap.interviewers.length} interviewers with the most such pairs, of ${d.heatmap.pairedInterviewers}; narrow the filter to see others.`
              : ""}
          </p>
          {d.heatmap.interviewers.length < 2 ? (
            <p className="empty">No pair of interviewers rated 5 candidates in common.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`pairs-${d.dimension}`}>
              <table className="table heatmap">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Interviewer</span>
                    </th>
                    {d.heatmap.interviewers.map((i) => (
                      // Names wrap (first name over last) so the columns fit a laptop screen.
                      <th scope="col" key={i.key} className="heatmap-name">
                        {i.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.heatmap.interviewers.map((row, r) => (
                    <tr key={row.key}>
                      <th scope="row">{row.name}</th>
                      {d.heatmap.cells[r].map((cell, c) => (
                        <td
                          key={d.heatmap.interviewers[c].key}
                          style={{ background: heat(cell?.kappa ?? null) }}
                          title={
                            cell
                              ? `${row.name} and ${d.heatmap.interviewers[c].name}: kappa ${fmt(cell.kappa)} on ${cell.n} shared candidates`
                              : undefined
                          }
                        >
                          {cell ? (
                            <>
                              <span className="kappa">{fmt(cell.kappa)}</span>
                              <span className="kappa-n">n={cell.n}</span>
                            </>
                          ) : (
                            ""
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
