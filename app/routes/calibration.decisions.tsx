import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { fmt, pct, withheld } from "~/components/charts/chart-frame";
import { InterviewerTable } from "~/components/calibration/interviewer-table";
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
        {/* Eight columns: on a narrow window the table scrolls inside its card, not the page. */}
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-label="Each interviewer's votes against the decisions"
        >
          <InterviewerTable
            rows={interviewers}
            rowKey={(r) => r.interviewerId}
            columns={[
              { key: "debriefs", header: "Debriefs", cell: (r) => r.debriefs },
              {
                key: "independent",
                header: "Independent vote agreed",
                cell: (r) => rate(r.independentAgreed, r.debriefs),
              },
              { key: "final", header: "Final vote agreed", cell: (r) => rate(r.finalAgreed, r.debriefs) },
              { key: "changed", header: "Changed vote", cell: (r) => r.changed },
              { key: "toward", header: "Toward the panel", cell: (r) => r.toward },
              { key: "away", header: "Away", cell: (r) => r.away },
              { key: "sideways", header: "Neither", cell: (r) => r.sideways },
            ]}
          />
        </div>
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
