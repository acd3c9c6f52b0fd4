import { useCallback, useMemo, useRef } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { ConflictChoice, mergeKit } from "./merge-parts";

const NO_CONFLICTS: MergeConflict[] = [];

/**
 * The open conflicts as the memoised parts take them: a stable chooser by field, each card's own
 * list (the same array until that card's conflicts change) and the sidebar's notices.
 */
export function useConflictProps(
  rubric: Rubric,
  conflicts: MergeConflict[],
  choose: (conflict: MergeConflict, keep: "mine" | "theirs") => void,
) {
  const current = useRef(conflicts);
  current.current = conflicts;
  const chooseField = useCallback(
    (field: string, keep: "mine" | "theirs") => {
      const conflict = current.current.find((c) => c.field === field);
      if (conflict) choose(conflict, keep);
    },
    [choose],
  );
  const firstConflictField = conflicts[0]?.field ?? null;
  const conflictsOf = useMemo(() => {
    const by = new Map<string | null, MergeConflict[]>();
    // Conflicts come only from a merge, which waited for the kit.
    const kit = conflicts.length ? mergeKit.now() : null;
    for (const c of kit ? conflicts : []) {
      const dimension = kit!.conflictDimension(c);
      by.set(dimension, [...(by.get(dimension) ?? []), c]);
    }
    return (dimension: string | null) => by.get(dimension) ?? NO_CONFLICTS;
  }, [conflicts]);
  const sideConflicts = conflictsOf(null);
  const sideConflictNodes = useMemo(
    () =>
      sideConflicts.map((c) => (
        <ConflictChoice
          key={c.field}
          rubric={rubric}
          conflict={c}
          onChoose={chooseField}
          first={c.field === firstConflictField}
        />
      )),
    [sideConflicts, rubric, chooseField, firstConflictField],
  );
  return { chooseField, firstConflictField, conflictsOf, sideConflictNodes };
}
