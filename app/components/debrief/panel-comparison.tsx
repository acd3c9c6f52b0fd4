import type { DimensionSpread } from "~/domain/debrief";
import type { Dimension, Recommendation, RedFlag, Scale } from "~/domain/rubric/types";
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
  /** The candidate's answer length as this interviewer marked it; null when not marked. */
  answerSeconds: number | null;
}

interface PanelComparisonProps {
  rubric: { dimensions: Dimension[]; redFlags: RedFlag[]; recommendations: Recommendation[]; scale: Scale; answerGuide: AnswerGuide };
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
                    {c.capJustifications[d.key] ? <span className="hint"> (above cap: {c.capJustifications[d.key]})</span> : null}
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
              </td>
            ))}
            <td />
          </tr>
          <tr className={spread.split ? "wide-spread" : undefined}>
            <th scope="row">Recommendation</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId}>
                {recommendationName(c.recommendation)}
                {c.recommendationJustification ? <span className="hint"> — {c.recommendationJustification}</span> : null}
              </td>
            ))}
            <td>{spread.split ? <strong>Split yes / no</strong> : null}</td>
          </tr>
          <tr>
            <th scope="row">Answer length</th>
            {scorecards.map((c) => (
              <td key={c.interviewerId}>
                {c.answerSeconds == null ? "not marked" : `Answer ${formatElapsed(c.answerSeconds)} — ${answerAgainstGuide(c.answerSeconds, rubric.answerGuide).text}`}
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

      <h3>Evidence notes</h3>
      <div className="evidence-grid">
        {rubric.dimensions.map((d) => {
          const notes = scorecards.flatMap((c) => c.notes.filter((n) => n.dimension === d.key).map((n) => ({ ...n, by: c.name })));
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
