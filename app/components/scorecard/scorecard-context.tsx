import { lazy, memo, Suspense } from "react";
import type { Level, Variant } from "~/domain/rubric/types";
import { LocalTime } from "~/components/local-time";
import type { PracticeExemplar } from "./practice-answer";

// Only a practice interview shows an exemplar's answer: it comes in a chunk of its own, not in the
// first bundle of every live card. The server renders it into the HTML (its render waits for the
// chunk: app/entry.server.tsx answers once all is ready), and in the browser React keeps that HTML
// as it is until the chunk has come, then hydrates it: no flash, and no mismatch.
const PracticeAnswer = lazy(() => import("./practice-answer").then((m) => ({ default: m.PracticeAnswer })));

interface ScorecardContextProps {
  interview: { candidateName: string; scheduledAt: string };
  level: Level;
  variant: Variant;
  rubricVersionId: number;
  /** Set for a practice interview: the exemplar's answer, read instead of listened to. */
  practice?: PracticeExemplar | null;
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
          <Suspense fallback={null}>
            <PracticeAnswer practice={practice} />
          </Suspense>
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
