import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { conflictLabel, conflictValue, type ChooseConflict } from "./conflict-text";

// The status line's part while conflicts are open: their count and the first in words, and the
// first's choice (m, o). In the merge kit's chunk with the rest of a conflict's wording: conflicts
// come only from a merged reply, which waits for the kit.

export function conflictStatusText(rubric: Rubric, conflicts: MergeConflict[]): string {
  const first = conflicts[0];
  return `${conflicts.length} conflict${conflicts.length > 1 ? "s" : ""}: ${conflictLabel(rubric, first.field, first)} — yours ${conflictValue(rubric, first.field, first.mine)}, the other ${conflictValue(rubric, first.field, first.theirs)}. m keeps yours, o the other.`;
}

export function ConflictStatusActions({ field, onChoose }: { field: string; onChoose: ChooseConflict }) {
  return (
    <span className="conflict-actions">
      <button type="button" className="button small" onClick={() => onChoose(field, "mine")}>
        Keep yours <kbd>m</kbd>
      </button>
      <button type="button" className="button small" onClick={() => onChoose(field, "theirs")}>
        Keep the other <kbd>o</kbd>
      </button>
    </span>
  );
}
