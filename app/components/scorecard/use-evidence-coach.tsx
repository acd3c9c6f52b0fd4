import { useWatch, type UseFormReturn } from "react-hook-form";
import type { Signal } from "~/domain/coach/signal-kinds";
import { coachDismissalKey, dismissedInNote, openSuggestions, signalKey } from "~/domain/coach/suggestions";
import type { Rubric } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { asList, type ScorecardFormValues } from "./form-values";
import { NoteSignalText, NoteSuggestions } from "./note-signals";
import { useNoteSignals } from "./use-note-signals";

// The evidence coach on the live card: each note's signals as quiet underlines and the flag they
// suggest under the note. Raising one ticks the flag exactly as its checkbox in the flags panel
// does (so caps and justifications follow); a dismissal is kept with the draft. The app itself
// never raises a flag or changes a rating.

export function useEvidenceCoach(opts: {
  form: UseFormReturn<ScorecardFormValues>;
  rubric: Rubric;
  enabled: boolean;
  currentDimension: string;
}) {
  const { form, rubric, enabled, currentDimension } = opts;
  const { getValues, setValue } = form;
  const [notes, redFlags, dismissedList] = useWatch({
    control: form.control,
    name: ["notes", "redFlags", "coachDismissed"],
  });
  const byText = useNoteSignals(notes ?? [], enabled);
  const raised = asList(redFlags);
  const dismissed = dismissedList ?? [];
  const flagNames = new Map(rubric.redFlags.map((f) => [f.key, f.name]));

  // Only flags this rubric has can be suggested; others (hedging) stay underlines to probe.
  const signalsOf = (note: EvidenceNote): Signal[] =>
    (byText.get(note.text) ?? []).map((s) => (s.flag && !flagNames.has(s.flag) ? { ...s, flag: null } : s));
  const openOf = (note: EvidenceNote) =>
    openSuggestions(signalsOf(note), { dismissed: dismissedInNote(note.id, dismissed), raisedFlags: raised });

  /** The suggestion the page-wide keys act on: the current dimension's newest note that has one. */
  const target = (): { note: EvidenceNote; signal: Signal } | null => {
    const mine = (notes ?? []).filter((n) => n.dimension === currentDimension);
    for (let i = mine.length - 1; i >= 0; i--) {
      const first = openOf(mine[i])[0];
      if (first) return { note: mine[i], signal: first };
    }
    return null;
  };

  const raise = (flag: string) => {
    const ticked = asList(getValues("redFlags"));
    if (!ticked.includes(flag)) setValue("redFlags", [...ticked, flag], { shouldDirty: true });
  };
  const dismiss = (noteId: string, key: string) => {
    const list = getValues("coachDismissed") ?? [];
    const full = coachDismissalKey(noteId, key);
    if (!list.includes(full)) setValue("coachDismissed", [...list, full], { shouldDirty: true });
  };

  const keyed = enabled ? target() : null;
  return {
    renderNoteText: (note: EvidenceNote) => (
      <NoteSignalText text={note.text} signals={signalsOf(note)} dismissed={dismissedInNote(note.id, dismissed)} />
    ),
    renderNoteAdornment: (note: EvidenceNote) =>
      enabled ? (
        <NoteSuggestions
          text={note.text}
          signals={signalsOf(note)}
          dismissed={dismissedInNote(note.id, dismissed)}
          raisedFlags={raised}
          flagName={(key) => flagNames.get(key) ?? key}
          onRaise={raise}
          onDismiss={(key) => dismiss(note.id, key)}
          keyed={keyed?.note.id === note.id}
        />
      ) : null,
    raiseSuggestion: () => {
      const t = target();
      if (t?.signal.flag) raise(t.signal.flag);
    },
    dismissSuggestion: () => {
      const t = target();
      if (t) dismiss(t.note.id, signalKey(t.signal));
    },
  };
}
