import { LocalTime } from "~/components/local-time";
import type { RevisionEntry } from "./scorecard-sidebar";

// A submitted card's history and the amendment being written, in a chunk of its own
// (scorecard-sidebar.tsx). It imports nothing of the card's own bundle but types: a module the
// first bundle shares with this chunk would become a script of its own, loaded by both.

export interface AmendmentPanelProps {
  active: boolean;
  reason: string;
  revisions: RevisionEntry[];
  onReason: (text: string) => void;
  onStart: () => void;
  onCancel: () => void;
  /** The reason's error, or the form's. */
  error: string | undefined;
  /** A submit or an amendment is being saved. */
  submitting: boolean;
}

export function AmendmentPanel(props: AmendmentPanelProps) {
  const { error } = props;
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
