import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { conflictLabel, conflictValue, type ChooseConflict } from "./conflict-text";

// A field changed both here and elsewhere since this page last saw it: both values, side by side,
// and the choice (one key: m keeps mine, o keeps the other). Until then the stored value stands.

export function ConflictBeside({
  rubric,
  conflict,
  onChoose,
  first,
}: {
  rubric: Rubric;
  conflict: MergeConflict;
  onChoose: ChooseConflict;
  first: boolean;
}) {
  const label = conflictLabel(rubric, conflict.field, conflict);
  return (
    <div
      className="conflict"
      role="group"
      aria-label={`${label}: changed in two places`}
      data-conflict={conflict.field}
    >
      <p>
        <strong>{label}</strong> was changed here and in another tab or device. Kept for now: the other one.
      </p>
      <dl className="conflict-values">
        <div>
          <dt>Yours</dt>
          <dd>{conflictValue(rubric, conflict.field, conflict.mine)}</dd>
        </div>
        <div>
          <dt>The other</dt>
          <dd>{conflictValue(rubric, conflict.field, conflict.theirs)}</dd>
        </div>
      </dl>
      <div className="conflict-actions">
        <button type="button" className="button" onClick={() => onChoose(conflict.field, "mine")}>
          Keep yours {first ? <kbd>m</kbd> : null}
        </button>
        <button type="button" className="button" onClick={() => onChoose(conflict.field, "theirs")}>
          Keep the other {first ? <kbd>o</kbd> : null}
        </button>
      </div>
    </div>
  );
}
