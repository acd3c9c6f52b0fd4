import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import practiceStyles from "~/components/practice/practice.css";
import { computeKeyDistances, type DistanceCell } from "~/domain/practice";
import { listExemplars, listPracticeRatings } from "~/models/exemplar.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { requireLead } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: practiceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireLead(request);
  const rubric = getLatestRubricVersion().rubric;
  const exemplars = listExemplars();
  const ratings = listPracticeRatings();
  const names = new Map(ratings.map((r) => [r.interviewerId, r.interviewerName]));
  const practised = new Map<number, Set<number>>();
  for (const r of ratings) practised.set(r.exemplarId, (practised.get(r.exemplarId) ?? new Set()).add(r.interviewerId));
  const distances = computeKeyDistances(ratings, new Map(exemplars.map((e) => [e.id, e.referenceKey])));
  return json({
    canAdd: user.roles.includes("admin"),
    dimensions: rubric.dimensions.map((d) => ({ key: d.key, name: d.name })),
    recommendations: Object.fromEntries(rubric.recommendations.map((r) => [r.key, r.name])),
    redFlags: Object.fromEntries(rubric.redFlags.map((f) => [f.key, f.name])),
    interviewers: distances.map((d) => ({ ...d, name: names.get(d.interviewerId) ?? "Former interviewer" })),
    exemplars: exemplars.map((e) => ({
      id: e.id,
      title: e.title,
      level: e.level,
      source: e.source,
      key: e.referenceKey,
      practisedBy: practised.get(e.id)?.size ?? 0,
    })),
  });
}

export const meta: MetaFunction = () => [{ title: "Practice · Calibration · Panel Scorecard" }];

const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${Math.abs(x).toFixed(2)}`;

function Cell({ cell }: { cell: DistanceCell | undefined }) {
  if (!cell) return <td className="muted">—</td>;
  const direction = cell.meanSigned > 0 ? "above" : cell.meanSigned < 0 ? "below" : "on-key";
  return (
    <td>
      <strong>{cell.meanAbsolute.toFixed(2)}</strong>{" "}
      <span className={`signed ${direction}`}>({signed(cell.meanSigned)})</span> <span className="n">n={cell.n}</span>
    </td>
  );
}

export default function CalibrationPracticePage() {
  const { canAdd, dimensions, recommendations, redFlags, interviewers, exemplars } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="exemplar-head">
        <h2>Practice: distance from the key</h2>
        {canAdd ? (
          <Link className="button" to="/calibration/practice/new">
            Add an exemplar
          </Link>
        ) : null}
      </div>
      <p className="muted">
        Submitted practice scorecards on the exemplars, compared with each reference key. Per interviewer and dimension:
        the mean absolute distance from the key, then in brackets the signed mean (+ scores above the key, − below it)
        and n, the ratings compared. Practice never enters the real statistics.
      </p>

      <section className="section" aria-labelledby="distance-title">
        <h2 id="distance-title">Interviewers, furthest from the key first</h2>
        {interviewers.length === 0 ? (
          <p className="empty">Nobody has submitted a practice scorecard yet.</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="table distance-table">
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  {dimensions.map((d) => (
                    <th scope="col" key={d.key}>
                      {d.name}
                    </th>
                  ))}
                  <th scope="col">All dimensions</th>
                  <th scope="col">Exemplars</th>
                </tr>
              </thead>
              <tbody>
                {interviewers.map((i) => (
                  <tr key={i.interviewerId}>
                    <th scope="row">{i.name}</th>
                    {dimensions.map((d) => (
                      <Cell key={d.key} cell={i.byDimension[d.key]} />
                    ))}
                    <Cell cell={i.overall} />
                    <td>{i.exemplars}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="keys-title">
        <h2 id="keys-title">Exemplars and their keys</h2>
        <div className="key-grid">
          {exemplars.map((e) => (
            <article key={e.id} className="card" aria-labelledby={`key-${e.id}`}>
              <h3 id={`key-${e.id}`}>{e.title}</h3>
              <p className="hint">
                {e.source} · practised by {e.practisedBy}
              </p>
              <table className="table">
                <tbody>
                  {dimensions.map((d) => (
                    <tr key={d.key}>
                      <th scope="row">{d.name}</th>
                      <td className="score-cell">{e.key.ratings[d.key] ?? "—"}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Recommendation</th>
                    <td>{recommendations[e.key.recommendation] ?? e.key.recommendation}</td>
                  </tr>
                  <tr>
                    <th scope="row">Red flags</th>
                    <td>{e.key.redFlags.length ? e.key.redFlags.map((f) => redFlags[f] ?? f).join(", ") : "None"}</td>
                  </tr>
                </tbody>
              </table>
              <details>
                <summary>Why the key says so</summary>
                <ul>
                  {dimensions.map((d) =>
                    e.key.rationale[d.key] ? <li key={d.key}>{`${d.name} — ${e.key.rationale[d.key]}`}</li> : null,
                  )}
                </ul>
              </details>
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
