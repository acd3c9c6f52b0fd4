import { Link } from "@remix-run/react";
import { pct as percent, signed } from "~/components/charts/chart-frame";
import { INTERVAL } from "./effect-cell";
import type { LOOP_RULES } from "~/domain/calibration/loop-effects";
import { effectLabel, effectName } from "~/domain/conversation-effects";
import { useListNavigation } from "~/components/list-navigation";

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
  evidenceUnit: string;
  interval: "normal" | "t" | "exact";
  percent: boolean;
  baseline: number | null;
  certainty: number;
  links: { label: string; interviewId: number | null }[];
}

// Certainty is 1 − p; on strong evidence it rounds to 1.00, so the p-value says more.
const pValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/** The effect's size in words: a share against peers' share, or a signed difference. */
function Size({ a }: { a: Action }) {
  if (a.percent)
    return (
      <>
        {percent(a.size)} {a.unit}{" "}
        <span className="muted">
          ({INTERVAL[a.interval]} {percent(a.ciLow)} to {percent(a.ciHigh)}; peers{" "}
          {a.baseline === null ? "—" : percent(a.baseline)}; {a.evidence} {a.evidenceUnit}; {pValue(1 - a.certainty)})
        </span>
      </>
    );
  return (
    <>
      {signed(a.size)} {a.unit}{" "}
      <span className="muted">
        ({INTERVAL[a.interval]} {signed(a.ciLow)} to {signed(a.ciHigh)}; {a.evidence} {a.evidenceUnit};{" "}
        {pValue(1 - a.certainty)})
      </span>
    </>
  );
}

type Rules = typeof LOOP_RULES;

/** How many entries the overview draws before "Show all". */
export const ACTIONS_SHOWN = 20;

/** The overview's lead: who needs a calibration conversation, about what, most pressing first. */
export function ActionList({
  actions,
  total,
  toggleHref,
  minimum,
  rules,
  judged,
  allInterviewers,
}: {
  /** The entries to draw, most pressing first: all of them, or the first ACTIONS_SHOWN. */
  actions: Action[];
  /** How many entries the list holds in all. */
  total: number;
  /** Where "Show all" (or, with all shown, "Show the first ACTIONS_SHOWN") goes. */
  toggleHref: string;
  minimum: number;
  rules: Rules;
  judged: number;
  allInterviewers: string;
}) {
  const navigateInApp = useListNavigation();
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Who needs a calibration conversation, about what</h2>
      <p className="hint">
        Ranked by size (against the effect&apos;s own threshold) × certainty (1 − p of its test). An entry needs enough
        evidence, a size past its threshold, and a test that holds after the correction for testing every interviewer.
      </p>
      <details className="hint action-rules">
        <summary>What each effect needs to be listed</summary>
        <ul>
          <li>
            Lenient, severe, halo, central tendency: {minimum}+ candidates shared with co-panellists (the rater model).
          </li>
          <li>
            {effectName("red_flags_over")} / under-used: {rules.red_flags.minimum}+ shared candidates, ±
            {rules.red_flags.threshold} flags per scorecard against co-panellists on the same candidates (t test).
          </li>
          <li>
            {effectName("practice_distance")}: {rules.practice_distance.minimum}+ practice ratings,{" "}
            {rules.practice_distance.threshold} points further than peers on the same exemplar and dimension.
          </li>
          <li>
            {effectName("amends_after_panel")}: {rules.amends_after_panel.minimum}+ submitted scorecards,{" "}
            {rules.amends_after_panel.minHits}+ amended, {percent(rules.amends_after_panel.threshold)} above peers
            (Fisher&apos;s exact test).
          </li>
          <li>
            {effectName("overdue_scorecards")}: {rules.overdue_scorecards.minimum}+ panel seats,{" "}
            {rules.overdue_scorecards.minHits}+ overdue, {percent(rules.overdue_scorecards.threshold)} above peers.
          </li>
          <li>
            {effectName("decision_disagreement")}: {rules.decision_disagreement.minimum}+ decided debriefs,{" "}
            {rules.decision_disagreement.minHits}+ votes against the decision,{" "}
            {percent(rules.decision_disagreement.threshold)} above peers.
          </li>
        </ul>
      </details>
      {actions.length === 0 ? (
        <p className="empty">
          {judged === 0
            ? `No interviewer has enough evidence for any effect yet (the rater effects need ${minimum} candidates also scored by someone else).`
            : `None of the ${judged} interviewers with ${minimum}+ shared candidates has an effect large and certain enough to talk about.`}
        </p>
      ) : (
        // The entries' links are plain anchors (list-navigation.ts): the list navigates in the app.
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- the clicks are its links' (Enter on a link clicks it), handled here once for all
        <ol className="flag-list action-list" onClick={navigateInApp}>
          {actions.map((a) => (
            <li key={`${a.interviewer}-${a.effect}`} data-interviewer={a.name} data-effect={a.effect}>
              <span className={`badge badge-${a.effect}`}>{effectLabel(a.effect)}</span>{" "}
              <strong>
                {a.interviewerId === null ? (
                  a.name
                ) : (
                  <a href={`/calibration/interviewers/${a.interviewerId}`}>{a.name}</a>
                )}
              </strong>{" "}
              <Size a={a} />
              {a.links.length > 0 && (
                <>
                  {" "}
                  · shown by{" "}
                  {a.links.map((c, k) => (
                    <span key={c.label}>
                      {k > 0 && ", "}
                      {c.interviewId === null ? c.label : <a href={`/interviews/${c.interviewId}`}>{c.label}</a>}
                    </span>
                  ))}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {total > ACTIONS_SHOWN && (
        <p>
          {actions.length < total ? (
            <Link to={toggleHref} preventScrollReset>
              Show all {total} entries ({total - actions.length} more)
            </Link>
          ) : (
            <Link to={toggleHref} preventScrollReset>
              Show the first {ACTIONS_SHOWN} only
            </Link>
          )}
        </p>
      )}
      <Link to={allInterviewers}>All interviewers →</Link>
    </section>
  );
}
