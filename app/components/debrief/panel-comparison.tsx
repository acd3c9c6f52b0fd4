import type { DimensionSpread } from "~/domain/debrief";
import type { Dimension, RecommendationOption, RedFlag, Scale } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { answerAgainstGuide, type AnswerGuide } from "~/domain/scorecard/answer-guide";
import { formatElapsed } from "~/utils/format";

interface PanelScorecard {
  interviewerId: number;
  name: string;
  ratings: Record<string, number>;
  capJustifications: Record<string, string>;
  redFlags: string[];
  recommendation: string | null;
  recommendationJustification: string;
  weightedScore: number | null;
  notes: EvidenceNote[];
  /** Amended after its author had seen the panel's scorecards: shown with the scores it replaced. */
  amendedAfterSeeing?: {
    count: number;
    lastReason: string | null;
    original: { ratings: Record<string, number>; recommendation: string | null; weightedScore: number | null } | null;
  } | null;
  /** The candidate's answer length as this interviewer marked it; null when not marked. */
  answerSeconds: number | null;
}

interface PanelComparisonProps {
  rubric: {
    dimensions: Dimension[];
    redFlags: RedFlag[];
    recommendations: RecommendationOption[];
    scale: Scale;
    answerGuide: AnswerGuide;
  };
  scorecards: PanelScorecard[];
  spread: { dimensions: DimensionSpread[]; split: boolean };
}

/** The submitted scorecards side by side per dimension, the spread highlighted, then the evidence. */
export function PanelComparison({ rubric, scorecards, spread }: PanelComparisonProps) {
  const flagName = (key: string) => rubric.redFlags.find((f) => f.key === key)?.name ?? key;
  const recommendationName = (key: string | null) => rubric.recommendations.find((r) => r.key === key)?.name ?? "—";
  return (
    <div className="stack">
      <table className="table comparison">
        <caption className="visually-hidden">Ratings per dimension, one column per interviewer</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            {scorecards.map((c) => (
              <th scope="col" key={c.interviewerId}>
                {c.name}
                {c.amendedAfterSeeing ? (
                  <>
                    {" "}
                    <span className="badge badge-draft">amended after seeing the panel</span>
                  </>
                ) : null}
              </th>
            ))}
            <th scope="col">Spread</th>
          </tr>
        </thead>
        <tbody>
          {rubric.dimensions.map((d) => {
            const s = spread.dimensions.find((x) => x.dimension === d.key);
            return (
              <tr key={d.key} className={s?.wide ? "wide-spread" : undefined}>
                <th scope="row">{d.name}</th>
                {scorecards.map((c) => (
                  <td key={c.interviewerId} className="score-cell">
                    {c.ratings[d.key] ?? "—"}
                    <Original card={c} now={c.ratings[d.key]} was={c.amendedAfterSeeing?.original?.ratings[d.key]} />
                    {c.capJustifications[d.key] ? (
                      <span className="hint"> (above cap: {c.capJustifications[d.key]})</span>
                    ) : null}
                  </td>
                ))}
                <td>{s?.spread == null ? "—" : s.wide ? <strong>{s.spread} — panel disagrees</strong> : s.spread}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">Weighted score</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId} className="score-cell">
                {c.weightedScore?.toFixed(2) ?? "—"}
                <Original
                  card={c}
                  now={c.weightedScore?.toFixed(2)}
                  was={c.amendedAfterSeeing?.original?.weightedScore?.toFixed(2)}
                />
              </td>
            ))}
            <td />
          </tr>
          <tr className={spread.split ? "wide-spread" : undefined}>
            <th scope="row">Recommendation</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId}>
                {recommendationName(c.recommendation)}
                <Original
                  card={c}
                  now={c.recommendation}
                  was={c.amendedAfterSeeing?.original?.recommendation}
                  label={recommendationName}
                />
                {c.recommendationJustification ? (
                  <span className="hint"> — {c.recommendationJustification}</span>
                ) : null}
              </td>
            ))}
            <td>{spread.split ? <strong>Split yes / no</strong> : null}</td>
          </tr>
          <tr>
            <th scope="row">Answer length</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId}>
                {c.answerSeconds == null
                  ? "not marked"
                  : `Answer ${formatElapsed(c.answerSeconds)} — ${answerAgainstGuide(c.answerSeconds, rubric.answerGuide).text}`}
              </td>
            ))}
            <td />
          </tr>
          <tr>
            <th scope="row">Red flags</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId}>{c.redFlags.length ? c.redFlags.map(flagName).join(", ") : "None"}</td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>

      {scorecards.some((c) => c.amendedAfterSeeing) ? (
        <ul className="hint" aria-label="Amendments after seeing the panel">
          {scorecards
            .filter((c) => c.amendedAfterSeeing)
            .map((c) => (
              <li key={c.interviewerId}>
                {c.name} amended their scorecard after seeing the panel&apos;s
                {c.amendedAfterSeeing!.count > 1 ? ` (${c.amendedAfterSeeing!.count} times)` : ""}
                {c.amendedAfterSeeing!.lastReason ? `: “${c.amendedAfterSeeing!.lastReason}”` : ""}.{" "}
                {c.amendedAfterSeeing!.original
                  ? "Where a score changed, the one submitted before is shown as “was”."
                  : "It was submitted after seeing them."}
              </li>
            ))}
        </ul>
      ) : null}

      <h3>Evidence notes</h3>
      <div className="evidence-grid">
        {rubric.dimensions.map((d) => {
          const notes = scorecards.flatMap((c) =>
            c.notes.filter((n) => n.dimension === d.key).map((n) => ({ ...n, by: c.name })),
          );
          return (
            <section key={d.key} className="card" aria-label={`${d.name} evidence`}>
              <h4>{d.name}</h4>
              {notes.length ? (
                <ul className="note-list">
                  {notes.map((n) => (
                    <li key={`${n.by}-${n.id}`}>
                      <span className="stamp">{formatElapsed(n.elapsedSeconds)}</span>
                      <span className="note-text">
                        {n.text} <span className="muted">— {n.by}</span>
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="empty">No notes.</p>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** "(was 2)" beside a value its author changed after seeing the panel. */
function Original({
  card,
  now,
  was,
  label,
}: {
  card: PanelScorecard;
  now: string | number | null | undefined;
  was: string | number | null | undefined;
  label?: (key: string | null) => string;
}) {
  if (!card.amendedAfterSeeing?.original || was === undefined || String(was) === String(now ?? "")) return null;
  return <span className="amended-was"> (was {label ? label(was === null ? null : String(was)) : (was ?? "—")})</span>;
}
