import type { Level, Variant } from "~/domain/rubric/types";
import { formatDateTime } from "~/utils/format";

interface ScorecardContextProps {
  interview: { candidateName: string; scheduledAt: string };
  level: Level;
  variant: Variant;
  rubricVersionId: number;
}

/** Who is being interviewed, at what level, and which phrasing of the question is asked. */
export function ScorecardContext({ interview, level, variant, rubricVersionId }: ScorecardContextProps) {
  return (
    <header className="context card">
      <div className="context-main">
        <h1>{interview.candidateName}</h1>
        <p className="context-meta">
          <span className="pill">{level.name}</span>
          <span>{variant.name}</span>
          <span className="muted">{formatDateTime(interview.scheduledAt)}</span>
          <span className="muted">Rubric v{rubricVersionId}</span>
        </p>
        <blockquote className="question">{variant.question}</blockquote>
      </div>
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
    </header>
  );
}
