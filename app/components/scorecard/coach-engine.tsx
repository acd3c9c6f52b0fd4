import { useEffect, useMemo, type MutableRefObject } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { coachState } from "./coach-state";
import type { CoachKeys, CoachState, CoachStore } from "./evidence-coach";
import type { ScorecardFormValues } from "./form-values";
import { useNoteSignals } from "./use-note-signals";

// The coach at work, in the coach's chunk (coach-marks.ts): it asks the server for each note's
// signals and puts what the notes draw into the provider's store. Everything it offers comes from
// the server's answer, so before this chunk (and on a card opened offline) there is nothing to
// underline, suggest or act on, and the keys g and d do nothing.

export interface CoachEngineProps {
  store: CoachStore;
  form: UseFormReturn<ScorecardFormValues>;
  rubric: Rubric;
  enabled: boolean;
  currentDimension: string;
  keys: MutableRefObject<CoachKeys>;
  /** The flags ticked, and ticking one (as its checkbox does). */
  raised: readonly string[];
  raise: (flag: string) => void;
  /** A note's dismissed signal keys, and dismissing one (kept with the draft). */
  dismissedOf: (note: EvidenceNote) => ReadonlySet<string>;
  dismiss: (noteId: string, key: string) => void;
}

/** Renders nothing: sets the store's state as it renders and tells the notes once it is committed. */
export function CoachEngine({ store, form, rubric, ...rest }: CoachEngineProps) {
  const notes = useWatch({ control: form.control, name: "notes" });
  const byText = useNoteSignals(notes ?? [], rest.enabled);
  const flagNames = useMemo(() => new Map(rubric.redFlags.map((f) => [f.key, f.name])), [rubric]);
  const state: CoachState = coachState({ ...rest, notes: notes ?? [], byText, flagNames });
  // Notes rendered in this pass read it as they render; the others compare their snapshot once it is committed.
  store.state = state;
  useEffect(() => store.notify());
  return null;
}
