import { useWatch, type Control } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import { computeWeightedScore, findRecommendationConflict } from "~/domain/scoring";
import type { FieldErrors } from "~/schemas/form-errors";
import type { FieldBinder, ScorecardFormValues } from "./form-values";
import { choiceLock, textLock } from "./read-lock";

export interface RecommendationPanelProps {
  rubric: Rubric;
  variantKey: string;
  control: Control<ScorecardFormValues>;
  bind: FieldBinder;
  readOnly: boolean;
  errors: FieldErrors;
  /** A submitted card shows the score the server stored. */
  storedScore: number | null;
}

/** The recommendation, the weighted score beside it, and the one-line justification a contradiction asks for. */
export function RecommendationPanel(props: RecommendationPanelProps) {
  const { rubric, bind, readOnly, errors } = props;
  const [ratings, recommendation] = useWatch({ control: props.control, name: ["ratings", "recommendation"] });
  const numeric = Object.fromEntries(Object.entries(ratings ?? {}).map(([k, v]) => [k, v ? Number(v) : null]));
  const live = computeWeightedScore(rubric, props.variantKey, numeric);
  const weighted = props.storedScore != null ? { score: props.storedScore, complete: true } : live;
  const conflict = findRecommendationConflict(rubric, (recommendation || null) as never, live.score);
  const recError = errors.recommendation;
  const justificationError = errors.recommendationJustification;

  return (
    <section className="card recommendation" aria-labelledby="recommendation-title">
      <div className="score-line">
        <h2 id="recommendation-title">
          Recommendation <kbd>r</kbd>
        </h2>
        <p className="weighted" aria-live="polite">
          <span className="muted">Weighted</span>{" "}
          <strong>{weighted.score === null ? "—" : weighted.score.toFixed(2)}</strong>
          {weighted.score !== null && !weighted.complete ? <span className="muted"> (partial)</span> : null}
        </p>
      </div>
      <div
        role="radiogroup"
        aria-label="Recommendation"
        data-recommendation
        className="recommendations"
        aria-invalid={recError ? true : undefined}
        aria-describedby={recError ? "recommendation-error" : undefined}
      >
        {rubric.recommendations.map((r) => (
          <label key={r.key} className={`recommendation-option ${r.key}`}>
            <input type="radio" {...choiceLock(readOnly)} {...bind.choice("recommendation", r.key)} />
            <span>{r.name}</span>
          </label>
        ))}
      </div>
      {recError ? (
        <p id="recommendation-error" className="field-error">
          {recError}
        </p>
      ) : null}
      {conflict || justificationError ? (
        <div className="cap-warning">
          <label htmlFor="recommendation-justification">
            {conflict
              ? `Usually goes with a weighted score of ${conflict.min}–${conflict.max}. Why it stands, in one line:`
              : "Justification"}
          </label>
          <input
            id="recommendation-justification"
            type="text"
            aria-invalid={justificationError ? true : undefined}
            aria-describedby={justificationError ? "recommendation-justification-error" : undefined}
            {...textLock(readOnly)}
            {...bind.text("recommendationJustification")}
          />
          {justificationError ? (
            <p id="recommendation-justification-error" className="field-error">
              {justificationError}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
