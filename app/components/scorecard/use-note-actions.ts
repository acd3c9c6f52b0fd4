import { useCallback } from "react";
import type { UseFormReturn } from "react-hook-form";
import { newNoteId, type ScorecardFormValues } from "./form-values";
import type { InterviewClock } from "./use-interview-clock";

/**
 * Adding, editing and removing evidence notes: stable callbacks the memoised cards share (each
 * passes its own dimension or note id), so a card's props do not change when the editor renders.
 */
export function useNoteActions(
  form: UseFormReturn<ScorecardFormValues>,
  clock: InterviewClock,
  /** Runs several field writes as one change (one write to the device). */
  together: (change: () => void) => void,
) {
  const { getValues, setValue } = form;
  const { ensureStarted, seconds } = clock;
  const setNotes = useCallback(
    (next: ScorecardFormValues["notes"]) => setValue("notes", next, { shouldDirty: true }),
    [setValue],
  );
  const addNote = useCallback(
    (dimension: string) => {
      const text = (getValues(`noteDrafts.${dimension}`) ?? "").trim();
      if (!text) return;
      ensureStarted();
      together(() => {
        setValue(`noteDrafts.${dimension}`, "");
        setNotes([...getValues("notes"), { id: newNoteId(), dimension, elapsedSeconds: seconds(), text }]);
      });
    },
    [ensureStarted, getValues, seconds, setNotes, setValue, together],
  );
  const editNote = useCallback(
    (id: string, text: string) => setNotes(getValues("notes").map((n) => (n.id === id ? { ...n, text } : n))),
    [getValues, setNotes],
  );
  const removeNote = useCallback(
    (id: string) => setNotes(getValues("notes").filter((n) => n.id !== id)),
    [getValues, setNotes],
  );
  return { addNote, editNote, removeNote };
}
