import { Link } from "@remix-run/react";
import { fmt } from "~/components/charts/chart-frame";
import { effectLabel } from "~/domain/conversation-effects";

interface Action {
  interviewer: string;
  interviewerId: number | null;
  name: string;
  effect: string;
  size: number;
  ciLow: number;
  ciHigh: number;
  unit: string;
  evidence: number;
  certainty: number;
  candidates: { label: string; interviewId: number | null }[];
}

// Certainty is 1 − p; on strong evidence it rounds to 1.00, so the p-value says more.
const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);
const signed = (x: number) => `${x > 0 ? "+" : ""}${fmt(x)}`;

/** The overview's lead: who needs a calibration conversation, about what, most pressing first. */
export function ActionList({
  actions,
  minimum,
  judged,
  allInterviewers,
}: {
  actions: Action[];
  minimum: number;
  judged: number;
  allInterviewers: string;
}) {
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Who needs a calibration conversation, about what</h2>
      <p className="hint">
        Ranked by size (against the effect&apos;s own threshold) × certainty (1 − p of its test). Listed only with{" "}
        {minimum}+ candidates shared with co-panellists and a flag that holds after the correction for testing every
        interviewer.
      </p>
      {actions.length === 0 ? (
        <p className="empty">
          {judged === 0
            ? `No interviewer can be judged yet: each needs ${minimum} candidates also scored by someone else.`
            : `None of the ${judged} interviewers with ${minimum}+ shared candidates has an effect large and certain enough to talk about.`}
        </p>
      ) : (
        <ol className="flag-list action-list">
          {actions.map((a) => (
            <li key={`${a.interviewer}-${a.effect}`} data-interviewer={a.name} data-effect={a.effect}>
              <span className={`badge badge-${a.effect}`}>{effectLabel(a.effect)}</span>{" "}
              <strong>
                {a.interviewerId === null ? (
                  a.name
                ) : (
                  <Link to={`/calibration/interviewers/${a.interviewerId}`}>{a.name}</Link>
                )}
              </strong>{" "}
              {signed(a.size)} {a.unit}{" "}
              <span className="muted">
                (95% interval {signed(a.ciLow)} to {signed(a.ciHigh)}; {a.evidence} shared candidates;{" "}
                {pValue(1 - a.certainty)})
              </span>
              {a.candidates.length > 0 && (
                <>
                  {" "}
                  · shown by{" "}
                  {a.candidates.map((c, k) => (
                    <span key={c.label}>
                      {k > 0 && ", "}
                      {c.interviewId === null ? c.label : <Link to={`/interviews/${c.interviewId}`}>{c.label}</Link>}
                    </span>
                  ))}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <Link to={allInterviewers}>All interviewers →</Link>
    </section>
  );
}
