import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fmt, withheld } from "~/components/charts/chart-frame";
import { ErrorPage } from "~/components/error-page";
import { AGREEMENT_MARKS } from "~/domain/calibration/dashboard";
import { latestInterviewOfCandidates } from "~/models/calibration.server";
import { listDueFollowUps } from "~/models/conversation.server";
import { FollowUpsDue } from "~/components/calibration/follow-ups-due";
import { loadDashboardViews } from "~/utils/calibration-request.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { search, views } = await loadDashboardViews(request, context);
  const { overview } = views;
  const followUps = listDueFollowUps(new Date().toISOString().slice(0, 10));
  return json({ ...overview, search, followUps, interviews: latestInterviewOfCandidates(overview.split.map((d) => d.candidate)) });
}

const BAND_LABEL = { reliable: "reliable", tentative: "tentative only", unreliable: "unreliable" } as const;

export default function CalibrationOverview() {
  const data = useLoaderData<typeof loader>();
  const { totals } = data;
  const followUps = <FollowUpsDue followUps={data.followUps} />;
  if (totals.ratings === 0) {
    return (
      <div className="stack">
        {followUps}
        <p className="empty">No submitted ratings match these filters. Widen the date range or clear a filter.</p>
      </div>
    );
  }
  return (
    <div className="stack">
      {followUps}
      <dl className="totals">
        {[
          ["Ratings", totals.ratings],
          ["Scorecards", totals.scorecards],
          ["Interviewers", totals.interviewers],
          ["Candidates", totals.candidates],
        ].map(([label, value]) => (
          <div key={label} className="card total">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section className="card" aria-labelledby="agreement-title">
        <h2 id="agreement-title">Agreement per dimension</h2>
        <p className="hint">
          Krippendorff's alpha (ordinal). At {AGREEMENT_MARKS.reliable} and above the panel's ratings can be relied on; from {AGREEMENT_MARKS.tentative} only
          tentatively; below that, interviewers read the anchors differently.
        </p>
        <ul className="agreement-bars">
          {data.agreement.map((d) => (
            <li key={d.dimension}>
              <span className="agreement-name">{d.name}</span>
              <span className="agreement-track" aria-hidden="true">
                <span className={`agreement-fill ${d.band ?? ""}`} style={{ width: `${Math.max(0, (d.alpha ?? 0) * 100)}%` }} />
                <span className="agreement-mark" style={{ left: `${AGREEMENT_MARKS.tentative * 100}%` }} />
                <span className="agreement-mark" style={{ left: `${AGREEMENT_MARKS.reliable * 100}%` }} />
              </span>
              <span className="agreement-value">{d.alpha === null ? withheld(d.n) : `${fmt(d.alpha)} · ${BAND_LABEL[d.band!]}`}</span>
            </li>
          ))}
        </ul>
      </section>

      <div className="two-columns">
        <section className="card" aria-labelledby="flagged-title">
          <h2 id="flagged-title">Interviewers out of line</h2>
          {data.flagged.length === 0 ? (
            <p className="empty">No interviewer is lenient or severe beyond noise (|leniency| ≥ 0.5 with an interval excluding 0).</p>
          ) : (
            <ul className="flag-list">
              {data.flagged.map((f) => (
                <li key={f.interviewer}>
                  <span className={`badge badge-${f.flag}`}>{f.flag}</span> <strong>{f.name}</strong> {f.leniency! > 0 ? "+" : ""}
                  {fmt(f.leniency)} points vs co-panellists <span className="muted">(95% CI {fmt(f.ciLow)} to {fmt(f.ciHigh)}, n={f.n})</span>
                </li>
              ))}
            </ul>
          )}
          <Link to={`/calibration/interviewers${data.search}`}>All interviewers →</Link>
        </section>
        <section className="card" aria-labelledby="split-title">
          <h2 id="split-title">Most split panels</h2>
          {data.split.length === 0 ? (
            <p className="empty">No panel disagrees by 2+ points or splits yes/no.</p>
          ) : (
            <ul className="flag-list">
              {data.split.map((d) => (
                <li key={d.candidate}>
                  {data.interviews[d.candidate] ? <Link to={`/interviews/${data.interviews[d.candidate]}`}>{d.candidate}</Link> : d.candidate} —{" "}
                  {d.maxSpread !== null ? `spread ${d.maxSpread} on ${d.spreadDimensionName}` : "no spread"}
                  {d.split ? " · split yes/no" : ""}
                </li>
              ))}
            </ul>
          )}
          <Link to={`/calibration/queue${data.search}`}>Disagreement queue →</Link>
        </section>
      </div>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
