import type { ReactNode } from "react";
import { useSaving, type SaveStatusStore } from "./save-status-store";

// The strip that stays on screen while scoring beside a call: whether the server has everything,
// the interview clock and the answer marks, the help and the way to submit.

export function LiveBar(props: {
  status: ReactNode;
  timer: ReactNode;
  readOnly: boolean;
  /** A submit in flight disables Submit. (Its buttons are not drawn on a submitted card, the one kind an amendment is saved from.) */
  statusStore: SaveStatusStore;
  onShowHelp: () => void;
}) {
  const submitting = useSaving(props.statusStore);
  return (
    <div className="live-bar" role="region" aria-label="Save status, timer and submit">
      <div className="live-status">{props.status}</div>
      <div className="live-timer">{props.timer}</div>
      <div className="live-actions">
        <button type="button" className="button small" onClick={props.onShowHelp}>
          Shortcuts <kbd>?</kbd>
        </button>
        {props.readOnly ? null : (
          <>
            <button type="submit" name="intent" value="save" className="button small" data-save-draft>
              Save draft
            </button>
            <button
              type="submit"
              name="intent"
              value="submit"
              className="button primary"
              data-submit
              disabled={submitting}
            >
              Submit scorecard <kbd>Ctrl+Enter</kbd>
            </button>
          </>
        )}
      </div>
    </div>
  );
}
