import { memo } from "react";
import type { Level, Variant } from "~/domain/rubric/types";
import { LocalTime } from "~/components/local-time";

interface ScorecardContextProps {
  interview: { candidateName: string; scheduledAt: string };
  level: Level;
  variant: Variant;
  rubricVersionId: number;
  /** Set for a practice interview: the exemplar's answer, read instead of listened to. */
  practice?: { title: string; answer: string; source: string } | null;
}

/** Who is being interviewed, at what level, and which phrasing of the question is asked (memoised: the page re-renders on every autosave step). */
export const ScorecardContext = memo(function ScorecardContext({
  interview,
  level,
  variant,
  rubricVersionId,
  practice,
}: ScorecardContextProps) {
  return (
    <header className="context card">
      <div className="context-main">
        <h1>{interview.candidateName}</h1>
        <p className="context-meta">
          <span className="pill">{level.name}</span>
          <span>{variant.name}</span>
          <span className="muted">
            <LocalTime iso={interview.scheduledAt} />
          </span>
          <span className="muted">Rubric v{rubricVersionId}</span>
        </p>
        <blockquote className="question">{variant.question}</blockquote>
        {practice ? (
          <section aria-labelledby="practice-answer-title" style={{ marginTop: "0.75rem" }}>
            <h2 id="practice-answer-title" className="notice">
              Practice — not part of any real statistic
            </h2>
            <p className="hint">
              Read the answer below and score it as if you had heard it. After you submit, compare your scores with the
              reference key on the Practice page.
            </p>
            <blockquote style={{ margin: "0.75rem 0 0" }}>
              {practice.answer.split("\n").map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
            </blockquote>
            <p className="hint">Source: {practice.source}</p>
          </section>
        ) : null}
      </div>
      {/* Folded by default: beside a call the screen belongs to the dimension being scored. */}
      <details className="context-more">
        <summary>Focus and {level.name.toLowerCase()} scope</summary>
        <dl className="context-facts">
          <div>
            <dt>Focus</dt>
            <dd>{variant.focus}</dd>
          </div>
          <div>
            <dt>{level.name} scope</dt>
            <dd>{level.scope}</dd>
          </div>
        </dl>
      </details>
    </header>
  );
});
