import type { MutableRefObject } from "react";
import type { Signal } from "~/domain/coach/signal-kinds";
import { openSuggestions, signalKey } from "~/domain/coach/suggestions";
import type { EvidenceNote } from "~/domain/scorecard-content";
import type { CoachKeys, CoachState } from "./evidence-coach";

// What the coach offers on the card once notes have signals. In the coach's chunk (coach-marks.ts,
// with the marks that draw it): signals come from the server and are kept only once that chunk is
// here, so before it (and on a card opened offline) the coach has nothing to offer.

export function coachState(input: {
  enabled: boolean;
  notes: readonly EvidenceNote[];
  byText: ReadonlyMap<string, Signal[]>;
  raised: readonly string[];
  /** A note's dismissed signal keys, and dismissing one (domain/coach/dismissals.ts, with the draft). */
  dismissedOf: (note: EvidenceNote) => ReadonlySet<string>;
  dismiss: (noteId: string, key: string) => void;
  flagNames: ReadonlyMap<string, string>;
  currentDimension: string;
  raise: (flag: string) => void;
  keys: MutableRefObject<CoachKeys>;
}): CoachState {
  const { enabled, notes, byText, raised, flagNames, raise, dismissedOf, dismiss } = input;
  // Only flags this rubric has can be suggested; others (hedging) stay underlines to probe.
  const signalsOf = (note: EvidenceNote): Signal[] =>
    (byText.get(note.text) ?? []).map((s) => (s.flag && !flagNames.has(s.flag) ? { ...s, flag: null } : s));
  const openOf = (note: EvidenceNote) =>
    openSuggestions(signalsOf(note), { dismissed: dismissedOf(note), raisedFlags: raised });

  /** The suggestion the page-wide keys act on: the current dimension's newest note that has one. */
  const target = (): { note: EvidenceNote; signal: Signal } | null => {
    const mine = notes.filter((n) => n.dimension === input.currentDimension);
    for (let i = mine.length - 1; i >= 0; i--) {
      const first = openOf(mine[i])[0];
      if (first) return { note: mine[i], signal: first };
    }
    return null;
  };
  input.keys.current = {
    raiseSuggestion: () => {
      const t = target();
      if (t?.signal.flag) raise(t.signal.flag);
    },
    dismissSuggestion: () => {
      const t = target();
      if (t) dismiss(t.note.id, signalKey(t.signal));
    },
  };

  return {
    enabled,
    signalsOf,
    dismissedOf,
    raised,
    flagName: (key) => flagNames.get(key) ?? key,
    keyedNoteId: enabled ? (target()?.note.id ?? null) : null,
    raise,
    dismiss,
  };
}
