import { memo, type ReactNode } from "react";
import { LocalTime } from "~/components/local-time";
import type { FieldErrors } from "~/schemas/form-errors";
import { choiceLock } from "./read-lock";
import { RecommendationPanel, type RecommendationPanelProps } from "./recommendation-panel";
import { useSaving, type SaveStatusStore } from "./save-status-store";

/** One submission or amendment of the card, as the sidebar lists it (the loader passes the model's rows). */
export interface RevisionEntry {
  revision: number;
  reason: string | null;
  afterSeeingOthers: boolean;
  createdAt: string;
}

/** The recommendation panel's props, and what the flags, STAR and amendment parts need besides. */
interface SidebarProps extends RecommendationPanelProps {
  /** Conflicts on flags, STAR ticks and the recommendation, shown here beside them. */
  conflicts: ReactNode;
  /** The autosave's status (a submit in flight disables Save amendment) and whether an amendment is being saved. */
  statusStore: SaveStatusStore;
  amendBusy: boolean;
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

/** Everything beside the four dimensions that is not in the live bar: flags, STAR, the recommendation. */
export const ScorecardSidebar = memo(function ScorecardSidebar(props: SidebarProps) {
  const { conflicts, statusStore, amendBusy, amendment, ...panel } = props;
  const { rubric, bind, readOnly, errors } = panel;
  const dimensionName = (key: string) => rubric.dimensions.find((d) => d.key === key)?.name ?? key;

  return (
    <aside className="sidebar" aria-label="Flags, STAR and recommendation">
      {conflicts}
      <fieldset className="card flags" data-red-flags>
        <legend>
          Red flags <kbd>f</kbd>
        </legend>
        <ul className="toggles">
          {rubric.redFlags.map((flag) => (
            <li key={flag.key}>
              <label title={flag.description}>
                <input
                  type="checkbox"
                  aria-describedby={`flag-${flag.key}`}
                  {...choiceLock(readOnly)}
                  {...bind.choice("redFlags", flag.key)}
                />
                <span>
                  <strong>{flag.name}</strong>
                  <span id={`flag-${flag.key}`} className="hint flag-caps">
                    {" "}
                    caps {flag.caps.map((c) => `${dimensionName(c.dimension)} at ${c.max}`).join(", ")}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="card star-card">
        <legend>
          STAR <kbd>Shift+S/T/A/R</kbd>
        </legend>
        <ul className="toggles star">
          {rubric.star.map((part) => (
            <li key={part.key}>
              <label title={part.prompt}>
                <input type="checkbox" {...choiceLock(readOnly)} {...bind.choice("star", part.key)} />
                {part.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <RecommendationPanel {...panel} />

      {amendment ? (
        <AmendmentPanel {...amendment} errors={errors} statusStore={statusStore} amendBusy={amendBusy} />
      ) : null}
    </aside>
  );
});

function AmendmentPanel(
  props: NonNullable<SidebarProps["amendment"]> & {
    errors: FieldErrors;
    statusStore: SaveStatusStore;
    amendBusy: boolean;
  },
) {
  const submitting = useSaving(props.statusStore) || props.amendBusy;
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
            <button type="submit" className="button primary" disabled={submitting}>
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
              <strong>{i === 0 ? "Submitted" : "Amended"}</strong>{" "}
              <span className="muted">
                <LocalTime iso={r.createdAt} />
              </span>
              {r.reason ? <span className="reason"> — {r.reason}</span> : null}
              {r.afterSeeingOthers ? <span className="badge badge-draft">after seeing the panel</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
