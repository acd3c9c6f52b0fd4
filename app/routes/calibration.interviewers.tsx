import { json, type LoaderFunctionArgs, type SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFrame, fmt, pct, withheld } from "~/components/charts/chart-frame";
import { LeniencyChart } from "~/components/charts/leniency-chart";
import { lazyPart } from "~/components/lazy-part";
import { FlagEvidenceTable } from "~/components/coach/flag-evidence-table";
import { InterviewerTable } from "~/components/calibration/interviewer-table";
import { ErrorPage } from "~/components/error-page";
import { countAmendedAfterSeeing } from "~/models/amendment.server";
import { interviewerIdsByEmail } from "~/models/calibration.server";
import { getInterviewerFlagEvidence } from "~/models/coach.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import {
  ERRATIC_MIN_RATIO,
  FLAG_LABEL,
  LENIENCY_MIN_EFFECT,
  MIN_SHARED_CANDIDATES,
} from "~/domain/calibration/rater-flags";
import { interviewerPageRows } from "~/domain/calibration/interviewer-page-rows";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";

// The leniency chart is hand-drawn and comes with the page. The two recharts charts below it, and
// recharts with them (most of this page's JavaScript: ~200 ms to evaluate at 4x CPU throttling),
// come in a chunk of their own when the first of them nears the viewport (chart-frame.tsx).
const StackedBarChart = lazyPart(() => import("~/components/charts/stacked-bar-chart").then((m) => m.StackedBarChart));
const DriftChart = lazyPart(() => import("~/components/charts/drift-chart").then((m) => m.DriftChart));

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  // Flags are named as the current rubric names them; a key it no longer has is shown as it is.
  const flagNames = Object.fromEntries(getLatestRubricVersion().rubric.redFlags.map((f) => [f.key, f.name]));
  return json({
    freshness,
    ...interviewerPageRows(views.interviewers),
    scale: views.scale,
    amendedAfterSeeing: countAmendedAfterSeeing(filter),
    // The counts only: the per-scorecard flag list behind them is the debrief's, not drawn here.
    flagEvidence: getInterviewerFlagEvidence(filter).map(({ evidence: { flags: _flags, ...evidence }, ...row }) => ({
      ...row,
      evidence,
    })),
    flagNames,
    // The report keys interviewers by email; their page is by user id.
    interviewerIds: Object.fromEntries(interviewerIdsByEmail()),
  });
}

const RECOMMENDATION_SERIES = [
  { key: "strong_no", name: "Strong no", colour: "#b42318" },
  { key: "no", name: "No", colour: "#f09a8f" },
  { key: "yes", name: "Yes", colour: "#8fb3f0" },
  { key: "strong_yes", name: "Strong yes", colour: "#2f5bd3" },
];

type Row = SerializeFrom<typeof loader>["rows"][number];

export default function CalibrationInterviewers() {
  const { rows, months, scale, amendedAfterSeeing, flagEvidence, flagNames, interviewerIds } =
    useLoaderData<typeof loader>();
  const flagName = (key: string) => flagNames[key] ?? key;
  if (rows.length === 0) return <p className="empty">No interviewer has submitted ratings in this view.</p>;
  // The chart shows every interviewer the model could judge; the table says why the others are withheld.
  const shown = rows.filter((r) => r.rater.withheld === null && r.rater.effect !== null);
  const leniencyThreshold = (LENIENCY_MIN_EFFECT * (scale.max - scale.min)) / 3;
  const leniencyHeight = Math.max(160, shown.length * 30 + 40);
  return (
    <div className="stack">
      {shown.length === 0 ? (
        <section className="card" aria-labelledby="leniency-empty-title">
          <h3 id="leniency-empty-title">Leniency and severity</h3>
          <p className="empty">
            No interviewer in this view shares enough candidates with co-panellists for a leniency figure (each needs{" "}
            {MIN_SHARED_CANDIDATES} candidates also rated by someone else). Widen the date range or clear a filter.
          </p>
        </section>
      ) : (
        <ChartFrame
          title="Leniency and severity"
          summary={`Each interviewer's effect in the rater model (points above or below what the panel would give the same candidate), with its 95% interval. It shrinks toward 0 on little evidence. Flagged when it holds after a Benjamini–Hochberg correction across interviewers (q = 0.05) and is at least ${fmt(leniencyThreshold)} points (dashed lines); halo and central tendency are judged against co-panellists on the same candidates; erratic when their ratings fit the model at least ${ERRATIC_MIN_RATIO}× worse than the panel's (misfit: mean squared residual against the panel's, 1 is typical), with the same correction. No flag below ${MIN_SHARED_CANDIDATES} shared candidates.`}
          height={leniencyHeight}
          handDrawn
          chart={
            <LeniencyChart
              height={leniencyHeight}
              scaleSpan={scale.max - scale.min}
              threshold={leniencyThreshold}
              points={shown.map((r) => ({
                key: r.interviewer,
                name: r.name,
                leniency: r.rater.effect!,
                ciLow: r.rater.ciLow!,
                ciHigh: r.rater.ciHigh!,
                flag: r.leniency.flag,
              }))}
            />
          }
          table={
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  <th scope="col">Model effect</th>
                  <th scope="col">95% interval</th>
                  <th scope="col">Shared candidates</th>
                  <th scope="col">Raw leniency vs co-panellists</th>
                  <th scope="col">Misfit</th>
                  <th scope="col">Flags</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.interviewer} data-interviewer={r.name}>
                    <th scope="row">
                      {interviewerIds[r.interviewer] ? (
                        <Link to={`/calibration/interviewers/${interviewerIds[r.interviewer]}`}>{r.name}</Link>
                      ) : (
                        r.name
                      )}
                    </th>
                    <td>{r.rater.withheld ?? fmt(r.rater.effect)}</td>
                    <td>
                      {r.rater.withheld !== null || r.rater.ciLow === null
                        ? "—"
                        : `${fmt(r.rater.ciLow)} to ${fmt(r.rater.ciHigh)}`}
                    </td>
                    <td>{r.rater.sharedCandidates}</td>
                    <td>
                      {r.leniency.leniency === null
                        ? withheld(r.leniency.n, "shared candidates")
                        : `${fmt(r.leniency.leniency)} (${fmt(r.leniency.ciLow)} to ${fmt(r.leniency.ciHigh)})`}
                    </td>
                    <td>{r.rater.withheld !== null ? "—" : fmt(r.rater.misfitRatio)}</td>
                    <td>
                      {r.rater.flags.length === 0
                        ? "—"
                        : r.rater.flags.map((flag) => (
                            <span key={flag} className={`badge badge-${flag}`}>
                              {FLAG_LABEL[flag]}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}

      <ChartFrame
        title="Recommendation mix"
        summary="Share of each interviewer's scorecards per recommendation."
        height={Math.max(160, rows.length * 28 + 60)}
        chart={
          <StackedBarChart.Component
            percent
            categoryKey="name"
            series={RECOMMENDATION_SERIES}
            data={rows.map((r) => ({ name: r.name, ...r.recommendations }))}
          />
        }
        table={
          <InterviewerTable
            rows={rows}
            rowKey={(r) => r.interviewer}
            columns={[
              ...RECOMMENDATION_SERIES.map((s) => ({
                key: s.key,
                header: s.name,
                cell: (r: Row) => r.recommendations[s.key as keyof Row["recommendations"]],
              })),
              { key: "total", header: "Scorecards", cell: (r: Row) => r.recommendations.total },
            ]}
          />
        }
      />

      <section className="card" aria-labelledby="profile-title">
        <h3 id="profile-title">Use of the scale, halo and red flags, beside their peers</h3>
        <p className="hint">
          SD of their ratings; share at the ends of the scale and in the middle (central tendency); halo = scorecards
          with the same rating on every dimension; red flags per scorecard against everyone else's; amendments made
          after seeing the panel's scorecards. Shown from {MIN_SHARED_CANDIDATES} candidates shared with co-panellists.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Ratings</th>
              <th scope="col">SD</th>
              <th scope="col">At the ends</th>
              <th scope="col">In the middle</th>
              <th scope="col">Halo</th>
              <th scope="col">Red flags / card</th>
              <th scope="col">Peers</th>
              <th scope="col">Amended after seeing the panel</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.interviewer}>
                <th scope="row">{r.name}</th>
                <td>{r.ratings}</td>
                {r.profileWithheld !== null ? (
                  // One minimum for the whole profile: candidates shared with co-panellists, not ratings.
                  <td colSpan={5}>{r.profileWithheld}</td>
                ) : (
                  <>
                    <td>{fmt(r.sd)}</td>
                    <td>{pct(r.extremeShare)}</td>
                    <td>{pct(r.middleShare)}</td>
                    <td>{pct(r.haloShare)}</td>
                    <td>{fmt(r.redFlagMean)}</td>
                  </>
                )}
                <td>{fmt(r.peerRedFlagMean)}</td>
                <td>{amendedAfterSeeing[r.interviewer] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ChartFrame
        title="Drift: leniency by month"
        summary="Raw leniency per month, averaged per candidate. Gaps are months with fewer than 5 shared candidates."
        height={320}
        chart={
          <DriftChart.Component
            months={months}
            lines={rows.map((r) => ({
              name: r.name,
              values: Object.fromEntries(r.drift.flatMap((d, i) => (d ? [[months[i], d[0]]] : []))),
            }))}
          />
        }
        table={
          <InterviewerTable
            rows={rows}
            rowKey={(r) => r.interviewer}
            columns={months.map((m, i) => ({
              key: m,
              header: m,
              cell: (r: Row) => {
                const d = r.drift[i];
                return !d ? "—" : d[0] === null ? withheld(d[1], "shared candidates") : fmt(d[0]);
              },
            }))}
          />
        }
      />
      <section className="card" aria-labelledby="flag-evidence-title">
        <h2 id="flag-evidence-title">Red flags against the notes</h2>
        <p className="muted">
          How often each interviewer raised a red flag their own notes point to (the evidence coach&apos;s suggestion),
          and how often they raised one that no note of theirs supports. Counted per scorecard and flag, on the flags
          the coach can read.
        </p>
        {flagEvidence.length ? (
          <FlagEvidenceTable rows={flagEvidence} flagName={flagName} />
        ) : (
          <p className="empty">No submitted scorecard in this view.</p>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
