import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFrame, fmt, withheld } from "~/components/charts/chart-frame";
import { ErrorPage } from "~/components/error-page";
import { AGREEMENT_MARKS } from "~/domain/calibration/dashboard";
import { MIN_SHARED_CANDIDATES } from "~/domain/calibration/rater-flags";
import { PLANNER_PANEL_SIZES } from "~/domain/calibration/model-summary";
import { MIN_PLANNER_CANDIDATES, MIN_PLANNER_INTERVIEWERS } from "~/domain/calibration/variant-reliability";
import { LOOP_RULES } from "~/domain/calibration/loop-effects";
import { candidateLinks, interviewerIdsByEmail, linkCandidate } from "~/models/calibration.server";
import { ACTIONS_SHOWN, ActionList } from "~/components/calibration/action-list";
import { listDueFollowUps } from "~/models/conversation.server";
import { FollowUpsDue } from "~/components/calibration/follow-ups-due";
import { loadDashboard } from "~/models/dashboard-snapshot.server";
import { requireCalibrationRequest } from "~/utils/calibration-request.server";
import { lazyPart } from "~/components/lazy-part";
import { RenderPart } from "~/components/render-in-parts";
import { useListNavigation } from "~/components/list-navigation";

// The planner is the overview's only chart, and recharts is most of a calibration page's
// JavaScript: it comes in a chunk of its own when the chart first draws (near the viewport).
const PlannerChart = lazyPart(() => import("~/components/charts/planner-chart").then((m) => m.PlannerChart));

export async function loader({ request }: LoaderFunctionArgs) {
  const { filter, search } = await requireCalibrationRequest(request);
  const { views, freshness } = await loadDashboard(filter);
  // The flagged interviewers' full model summaries are the interviewers tab's; this page draws the action list.
  const { flagged: _flagged, ...overview } = views.overview;
  // The list is ranked: a lead works from its top, so the page draws the first ACTIONS_SHOWN unless
  // asked for all (at 100,000 scorecards it holds over a hundred entries, most of a page's render).
  const url = new URL(request.url);
  const showAll = url.searchParams.get("actions") === "all";
  const listed = showAll ? overview.actions : overview.actions.slice(0, ACTIONS_SHOWN);
  const followUps = listDueFollowUps(new Date().toISOString().slice(0, 10));
  const idOf = interviewerIdsByEmail(listed.map((a) => a.interviewer));
  const candidates = candidateLinks([
    ...overview.split.map((d) => d.candidateId),
    ...listed.flatMap((a) => a.links.filter((l) => l.interviewId === undefined).map((l) => l.candidateId)),
  ]);
  // Rater effects name candidates (their newest interview is linked); loop effects name the interview.
  // Not the ranking's own figures (priority, relativeSize): the list draws the order they gave.
  const actions = listed.map(({ priority: _p, relativeSize: _r, ...a }) => ({
    ...a,
    interviewerId: idOf.get(a.interviewer) ?? null,
    links: a.links.map((l) =>
      l.interviewId === undefined
        ? linkCandidate(candidates, l.candidateId, l.label)
        : { label: l.label, interviewId: l.interviewId },
    ),
  }));
  const split = overview.split.map((d) => {
    const { label, interviewId } = linkCandidate(candidates, d.candidateId, d.candidate);
    return { ...d, candidate: label, interviewId };
  });
  return json({
    freshness,
    ...overview,
    split,
    actions,
    actionCount: overview.actions.length,
    actionsHref: withActions(url, showAll ? null : "all"),
    search,
    followUps,
  });
}

/** The page's own URL with `actions=all` set or dropped (the filter ignores the parameter). */
function withActions(url: URL, value: "all" | null): string {
  const params = new URLSearchParams(url.search);
  if (value === null) params.delete("actions");
  else params.set("actions", value);
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}#actions-title`;
}

const BAND_LABEL = { reliable: "reliable", tentative: "tentative only", unreliable: "unreliable" } as const;

export default function CalibrationOverview() {
  const data = useLoaderData<typeof loader>();
  const { totals } = data;
  const navigateInApp = useListNavigation();
  const followUps = (
    <>
      <ActionList
        actions={data.actions}
        total={data.actionCount}
        toggleHref={data.actionsHref}
        minimum={MIN_SHARED_CANDIDATES}
        rules={LOOP_RULES}
        judged={data.judged}
        allInterviewers={`/calibration/interviewers${data.search}`}
      />
      <FollowUpsDue followUps={data.followUps} />
    </>
  );
  if (totals.ratings === 0) {
    return (
      <div className="stack">
        {followUps}
        <p className="empty">No submitted ratings match these filters. Widen the date range or clear a filter.</p>
      </div>
    );
  }
  // The action list (links on every entry) and the figures below it are rendered on turns of their own.
  return (
    <div className="stack">
      {followUps}
      <RenderPart name="overview-figures">
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
            Krippendorff's alpha (ordinal). At {AGREEMENT_MARKS.reliable} and above the panel's ratings can be relied
            on; from {AGREEMENT_MARKS.tentative} only tentatively; below that, interviewers read the anchors
            differently.
          </p>
          <ul className="agreement-bars">
            {data.agreement.map((d) => (
              <li key={d.dimension}>
                <span className="agreement-name">{d.name}</span>
                <span className="agreement-track" aria-hidden="true">
                  <span
                    className={`agreement-fill ${d.band ?? ""}`}
                    style={{ width: `${Math.max(0, (d.alpha ?? 0) * 100)}%` }}
                  />
                  <span className="agreement-mark" style={{ left: `${AGREEMENT_MARKS.tentative * 100}%` }} />
                  <span className="agreement-mark" style={{ left: `${AGREEMENT_MARKS.reliable * 100}%` }} />
                </span>
                <span className="agreement-value">
                  {d.alpha === null
                    ? withheld(d.n, "candidates rated by two interviewers or more")
                    : `${fmt(d.alpha)} · ${BAND_LABEL[d.band!]}`}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="split-title">
          <h2 id="split-title">Most split panels</h2>
          {data.split.length === 0 ? (
            <p className="empty">No panel disagrees by 2+ points or splits yes/no.</p>
          ) : (
            // Plain links, navigated in the app by the list (list-navigation.ts).
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- the clicks are its links' (Enter on a link clicks it), handled here once for all
            <ul className="flag-list" onClick={navigateInApp}>
              {data.split.map((d) => (
                <li key={d.candidateId ?? d.candidate}>
                  {d.interviewId !== null ? <a href={`/interviews/${d.interviewId}`}>{d.candidate}</a> : d.candidate} —{" "}
                  {d.maxSpread !== null ? `spread ${d.maxSpread} on ${d.spreadDimensionName}` : "no spread"}
                  {d.split ? " · split yes/no" : ""}
                </li>
              ))}
            </ul>
          )}
          <Link to={`/calibration/queue${data.search}`}>Disagreement queue →</Link>
        </section>

        <PanelPlanner model={data.model} variants={data.variantReliability} recommendations={data.recommendations} />
      </RenderPart>
    </div>
  );
}

type Planner = {
  model: {
    reliability: Record<string, number> | null;
    icc: number | null;
    dimensions: number;
    converged: boolean;
  } | null;
  variants: {
    variant: string;
    name: string;
    sharedCandidates: number;
    reliability: Record<string, number> | null;
    withheld: string | null;
  }[];
  recommendations: { kappa: number | null; n: number };
};

/** The decision study: how reliable a candidate's score is with 1–6 interviewers on the panel, overall and per variant. */
function PanelPlanner({ model, variants, recommendations }: Planner) {
  const reliability = model?.reliability ?? null;
  const rows = [
    ...(reliability === null ? [] : [{ key: "all", name: "All variants", shared: null, reliability, withheld: null }]),
    ...variants.map((v) => ({
      key: v.variant,
      name: v.name,
      shared: v.sharedCandidates,
      reliability: v.reliability,
      withheld: v.withheld,
    })),
  ];
  const lines = rows.flatMap((r) => (r.reliability === null ? [] : [{ name: r.name, values: r.reliability }]));
  return (
    <section className="card" aria-labelledby="planner-title">
      <h2 id="planner-title">Panel size planner</h2>
      {reliability === null ? (
        <p className="empty">Not enough spread between candidates in this view to say how reliable a panel is.</p>
      ) : (
        <p>
          With 3 interviewers your panel's reliability is {fmt(reliability["3"])}; with 4, {fmt(reliability["4"])}.{" "}
          <span className="muted">
            (Reliability of a candidate's mean score over k interviewers, each scoring all {model!.dimensions}{" "}
            dimensions: 1 means the score would not change with another panel, 0 that it is all panel. From the rater
            model's variance components{model!.converged ? "" : ", fit not converged"}.)
          </span>
        </p>
      )}
      {rows.length > 0 ? (
        <ChartFrame
          title="Reliability by panel size"
          summary={`Φ for 1–6 interviewers, for all variants together and per company variant (each variant's own rater model; a variant needs ${MIN_PLANNER_CANDIDATES} candidates rated by two or more interviewers and ${MIN_PLANNER_INTERVIEWERS} interviewers).`}
          height={280}
          chart={<PlannerChart.Component sizes={PLANNER_PANEL_SIZES} lines={lines} />}
          table={
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Variant</th>
                  <th scope="col">Shared candidates</th>
                  {PLANNER_PANEL_SIZES.map((k) => (
                    <th scope="col" key={k}>
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} data-variant={r.key}>
                    <th scope="row">{r.name}</th>
                    <td>{r.shared ?? "—"}</td>
                    {r.reliability === null ? (
                      <td colSpan={PLANNER_PANEL_SIZES.length}>Not enough data: {r.withheld}</td>
                    ) : (
                      PLANNER_PANEL_SIZES.map((k) => <td key={k}>{fmt(r.reliability![String(k)])}</td>)
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : null}
      {reliability === null ? null : (
        <p className="hint">A single rating's share that is the candidate (ICC from the model): {fmt(model!.icc)}.</p>
      )}
      <p className="hint">
        Agreement on recommendations (Fleiss' kappa):{" "}
        {recommendations.kappa === null
          ? withheld(recommendations.n, "candidates with two or more recommendations")
          : `${fmt(recommendations.kappa)} over ${recommendations.n} candidates`}
        .
      </p>
    </section>
  );
}

export const ErrorBoundary = ErrorPage;
