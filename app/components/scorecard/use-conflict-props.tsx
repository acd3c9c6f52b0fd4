import { useCallback, useMemo, useRef, type ReactNode } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import { mergeKit } from "./merge-parts";

const NO_CONFLICTS: ReactNode[] = [];
const nowhere = () => NO_CONFLICTS;

/**
 * The open conflicts as the memoised parts take them: a stable chooser by field and each place's
 * choices (the same array until the conflicts change; laid out by the merge kit, conflict-layout.tsx).
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
  const conflictsOf = useMemo(() => {
    // Conflicts come only from a merge, which waited for the kit.
    const kit = conflicts.length ? mergeKit.now() : null;
    return kit ? kit.layConflicts(rubric, conflicts, chooseField, NO_CONFLICTS) : nowhere;
  }, [rubric, conflicts, chooseField]);
  return { chooseField, conflictsOf };
}
