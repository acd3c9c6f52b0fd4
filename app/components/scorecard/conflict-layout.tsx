import type { ReactNode } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { ConflictBeside } from "./conflict-notice";
import { conflictDimension, type ChooseConflict } from "./conflict-text";

// Where the open conflicts are drawn: each beside its dimension's card, or in the sidebar (flags,
// STAR, the recommendation). In the merge kit's chunk (merge-kit.ts): a conflict exists only once
// a merged reply was put on the page, which waited for the kit.

/** Each place's conflict choices, by dimension key (null: the sidebar); the same array for a place without any. */
export function layConflicts(
  rubric: Rubric,
  conflicts: readonly MergeConflict[],
  onChoose: ChooseConflict,
  none: ReactNode[],
): (dimension: string | null) => ReactNode[] {
  const by = new Map<string | null, ReactNode[]>();
  conflicts.forEach((conflict, i) => {
    const dimension = conflictDimension(conflict);
    const node = (
      <ConflictBeside key={conflict.field} rubric={rubric} conflict={conflict} onChoose={onChoose} first={i === 0} />
    );
    by.set(dimension, [...(by.get(dimension) ?? []), node]);
  });
  return (dimension) => by.get(dimension) ?? none;
}
