import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { fmt, pct, withheld } from "~/components/charts/chart-frame";
import { ErrorPage } from "~/components/error-page";
import { computeDecisionAgreement, MIN_DECIDED_DEBRIEFS as MIN_DEBRIEFS } from "~/domain/debrief-votes";
import { listDecidedDebriefs, namesOfDebriefVoters } from "~/models/debrief.server";
import { requireRole } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "lead");
  const agreement = computeDecisionAgreement(listDecidedDebriefs());
  const names = namesOfDebriefVoters();
  return json({
    ...agreement,
    interviewers: agreement.interviewers
      .map((r) => ({ ...r, name: names[r.interviewerId] ?? `#${r.interviewerId}` }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.interviewerId - b.interviewerId),
  });
}

export const meta: MetaFunction = () => [{ title: "Decisions · Calibration · Panel Scorecard" }];

export default function CalibrationDecisions() {
  const { interviewers, decided, kappaIndependent, kappaFinal } = useLoaderData<typeof loader>();
  if (decided === 0) {
    return (
      <p className="empty">
        No debrief has a final decision yet. Run one from an interview's page: start the debrief, record re-votes,
        record the decision.
      </p>
    );
  }
  const rate = (agreed: number, n: number) =>
    n < MIN_DEBRIEFS ? withheld(n, "decided debriefs", MIN_DEBRIEFS) : `${pct(agreed / n)} (${agreed} of ${n})`;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="decision-kappa-title">
        <h2 id="decision-kappa-title">Panels' votes, before and after the discussion</h2>
        <p>
          Fleiss' κ on recommendations over {decided} decided {decided === 1 ? "debrief" : "debriefs"}: independent
          votes{" "}
          <strong>
            {decided < MIN_DEBRIEFS ? withheld(decided, "decided debriefs", MIN_DEBRIEFS) : fmt(kappaIndependent)}
          </strong>
          , votes after the discussion{" "}
          <strong>
            {decided < MIN_DEBRIEFS ? withheld(decided, "decided debriefs", MIN_DEBRIEFS) : fmt(kappaFinal)}
          </strong>
          .
        </p>
        <p className="hint">
          A κ that rises after the discussion means panels converged; it says nothing on whether they converged on the
          right answer.
        </p>
      </section>
      <section className="card" aria-labelledby="decision-agreement-title">
        <h2 id="decision-agreement-title">Agreement with final decisions</h2>
        <p className="hint">
          A vote agrees when it argued for the decision taken (yes and strong yes for hire). Rates from fewer than{" "}
          {MIN_DEBRIEFS} debriefs are withheld. A change is “toward” the panel when the re-vote is closer to the mean of
          the other panellists' independent votes.
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Interviewer</th>
              <th scope="col">Debriefs</th>
              <th scope="col">Independent vote agreed</th>
              <th scope="col">Final vote agreed</th>
              <th scope="col">Changed vote</th>
              <th scope="col">Toward the panel</th>
              <th scope="col">Away</th>
              <th scope="col">Neither</th>
            </tr>
          </thead>
          <tbody>
            {interviewers.map((r) => (
              <tr key={r.interviewerId}>
                <th scope="row">{r.name}</th>
                <td>{r.debriefs}</td>
                <td>{rate(r.independentAgreed, r.debriefs)}</td>
                <td>{rate(r.finalAgreed, r.debriefs)}</td>
                <td>{r.changed}</td>
                <td>{r.toward}</td>
                <td>{r.away}</td>
                <td>{r.sideways}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
