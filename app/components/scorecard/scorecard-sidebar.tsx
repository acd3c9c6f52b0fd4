import type { ReactNode } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { WeightedScore } from "~/domain/scoring";
import type { FieldErrors } from "~/utils/form-errors";
import type { FieldBinder, TimerState } from "./form-values";
import type { RevisionEntry } from "~/models/scorecard.server";
import { TimerPanel } from "./timer-panel";

interface SidebarProps {
  rubric: Rubric;
  bind: FieldBinder;
  readOnly: boolean;
  errors: FieldErrors;
  timer: TimerState;
  answerStartedAt: number | null;
  onToggleTimer: () => void;
  onMarkAnswer: () => void;
  weighted: WeightedScore;
  recommendationConflict: { min: number; max: number } | null;
  status: ReactNode;
  submitting: boolean;
  onShowHelp: () => void;
  /** For a submitted scorecard: its history, and the amendment being written. */
  amendment: {
    active: boolean;
    reason: string;
    revisions: RevisionEntry[];
    onReason: (text: string) => void;
    onStart: () => void;
    onCancel: () => void;
  } | null;
}

/** Everything beside the four dimensions: time, save state, flags, STAR, the recommendation. */
export function ScorecardSidebar(props: SidebarProps) {
  const { rubric, bind, readOnly, errors } = props;
  const dimensionName = (key: string) => rubric.dimensions.find((d) => d.key === key)?.name ?? key;
  const recError = errors.recommendation;
  const justificationError = errors.recommendationJustification;

  return (
    <aside className="sidebar" aria-label="Timer, flags and recommendation">
      {props.status}
      <TimerPanel
        timer={props.timer}
        answerStartedAt={props.answerStartedAt}
        guide={rubric.answerGuide}
        readOnly={readOnly}
        onToggle={props.onToggleTimer}
        onMarkAnswer={props.onMarkAnswer}
      />

      <fieldset className="card" data-red-flags disabled={readOnly}>
        <legend>
          Red flags <kbd>f</kbd>
        </legend>
        <ul className="toggles">
          {rubric.redFlags.map((flag) => (
            <li key={flag.key}>
              <label>
                <input type="checkbox" aria-describedby={`flag-${flag.key}`} {...bind.choice("redFlags", flag.key)} />
                <span>
                  <strong>{flag.name}</strong>
                  <span id={`flag-${flag.key}`} className="hint">
                    {" "}
                    caps {flag.caps.map((c) => `${dimensionName(c.dimension)} at ${c.max}`).join(", ")}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="card" disabled={readOnly}>
        <legend>
          STAR coverage <kbd>Shift+S/T/A/R</kbd>
        </legend>
        <ul className="toggles star">
          {rubric.star.map((part) => (
            <li key={part.key}>
              <label title={part.prompt}>
                <input type="checkbox" {...bind.choice("star", part.key)} />
                {part.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <section className="card recommendation" aria-labelledby="recommendation-title">
        <div className="score-line">
          <h2 id="recommendation-title">
            Recommendation <kbd>r</kbd>
          </h2>
          <p className="weighted" aria-live="polite">
            <span className="muted">Weighted</span> <strong>{props.weighted.score === null ? "—" : props.weighted.score.toFixed(2)}</strong>
            {props.weighted.score !== null && !props.weighted.complete ? <span className="muted"> (partial)</span> : null}
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
              <input type="radio" disabled={readOnly} {...bind.choice("recommendation", r.key)} />
              <span>{r.name}</span>
            </label>
          ))}
        </div>
        {recError ? (
          <p id="recommendation-error" className="field-error">
            {recError}
          </p>
        ) : null}
        {props.recommendationConflict || justificationError ? (
          <div className="cap-warning">
            <label htmlFor="recommendation-justification">
              {props.recommendationConflict
                ? `This recommendation usually goes with a weighted score of ${props.recommendationConflict.min}–${props.recommendationConflict.max}. Why it stands, in one line:`
                : "Justification"}
            </label>
            <input
              id="recommendation-justification"
              type="text"
              disabled={readOnly}
              aria-invalid={justificationError ? true : undefined}
              aria-describedby={justificationError ? "recommendation-justification-error" : undefined}
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

      {props.amendment ? <AmendmentPanel {...props.amendment} errors={errors} submitting={props.submitting} /> : null}
      {readOnly || props.amendment ? null : (
        <div className="submit-row">
          <button type="submit" className="button primary" disabled={props.submitting}>
            Submit scorecard
          </button>
          <span className="hint">
            <kbd>Ctrl+Enter</kbd> ·{" "}
            <button type="button" className="link-button" onClick={props.onShowHelp}>
              Shortcuts <kbd>?</kbd>
            </button>
          </span>
        </div>
      )}
    </aside>
  );
}

function AmendmentPanel(props: NonNullable<SidebarProps["amendment"]> & { errors: FieldErrors; submitting: boolean }) {
  const error = props.errors.reason ?? props.errors.form;
  return (
    <section className="card amendment" aria-labelledby="amendment-title">
      <h2 id="amendment-title">{props.active ? "Amend this scorecard" : "Submitted"}</h2>
      {props.active ? (
        <div className="stack">
          <div className="field">
            <label htmlFor="amendment-reason">Why are you amending it?</label>
            <textarea
              id="amendment-reason"
              rows={2}
              value={props.reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "amendment-reason-error" : undefined}
              onChange={(e) => props.onReason(e.target.value)}
            />
            {error ? (
              <span id="amendment-reason-error" className="field-error">
                {error}
              </span>
            ) : null}
          </div>
          <div className="conflict-actions">
            <button type="submit" className="button primary" disabled={props.submitting}>
              Save amendment
            </button>
            <button type="button" className="button" onClick={props.onCancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" onClick={props.onStart}>
          Amend…
        </button>
      )}
      {props.revisions.length ? (
        <ol className="revisions" aria-label="Revision history">
          {props.revisions.map((r, i) => (
            <li key={r.revision}>
              <strong>{i === 0 ? "Submitted" : "Amended"}</strong> <span className="muted">{r.createdAt.slice(0, 16).replace("T", " ")} UTC</span>
              {r.reason ? <span className="reason"> — {r.reason}</span> : null}
              {r.afterSeeingOthers ? <span className="badge badge-draft">after seeing the panel</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
