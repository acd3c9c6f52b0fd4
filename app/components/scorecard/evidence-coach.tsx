import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type MutableRefObject,
  type ReactNode,
} from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { coachDismissalKey, dismissedInNote } from "~/domain/coach/dismissals";
import type { Signal } from "~/domain/coach/signal-kinds";
import type { Rubric } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { useCurrentDimension, type CurrentDimensionStore } from "./current-dimension";
import { asList, type ScorecardFormValues } from "./form-values";
import { coachMarks } from "./coach-marks";

// The evidence coach on the live card: each note's signals as quiet underlines and the flag they
// suggest under the note. Raising one ticks the flag exactly as its checkbox in the flags panel
// does (so caps and justifications follow); a dismissal is kept with the draft. The app itself
// never raises a flag or changes a rating.
// A provider, not a hook of the editor's: the notes (its engine watches them, coach-engine.tsx), flags
// and dismissals it watches reach the notes
// through a store whose identity never changes, and each note re-renders only when what it draws
// changes (its signals, its dismissals, the flags they suggest, whether the keys act on it). A
// context value made anew each render re-rendered every note on the card at every note added, flag
// ticked or dimension changed.

export interface CoachState {
  enabled: boolean;
  signalsOf: (note: EvidenceNote) => Signal[];
  dismissedOf: (note: EvidenceNote) => ReadonlySet<string>;
  raised: readonly string[];
  flagName: (key: string) => string;
  keyedNoteId: string | null;
  raise: (flag: string) => void;
  dismiss: (noteId: string, key: string) => void;
}

/** The coach's latest state (null until the coach's chunk is here), set by its engine as it renders; the notes are told after its commit. */
export interface CoachStore {
  state: CoachState | null;
  subscribe: (listener: () => void) => () => void;
  notify: () => void;
}

function createCoachStore(): CoachStore {
  const listeners = new Set<() => void>();
  return {
    state: null,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify: () => listeners.forEach((listener) => listener()),
  };
}

const CoachContext = createContext<CoachStore | null>(null);

/** What a note draws from the coach, as a string: the note re-renders when it changes. */
function noteSnapshot(coach: CoachState | null, note: EvidenceNote): string {
  if (!coach) return "";
  const signals = coach.signalsOf(note);
  if (!signals.length) return coach.enabled ? "on" : "off";
  const flags = new Set(signals.map((s) => s.flag));
  return JSON.stringify([
    coach.enabled,
    signals,
    [...coach.dismissedOf(note)],
    coach.raised.filter((flag) => flags.has(flag)),
    coach.keyedNoteId === note.id,
  ]);
}

const noSubscription = () => () => {};

/** The coach's state for one note: re-rendered when that note's part of it changes. */
function useCoachFor(note: EvidenceNote): CoachState | null {
  const store = useContext(CoachContext);
  useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => noteSnapshot(store?.state ?? null, note),
    () => "",
  );
  return store?.state ?? null;
}

/** What the page-wide keys (g, d) do; filled by the provider, called by the shortcuts. */
export interface CoachKeys {
  raiseSuggestion: () => void;
  dismissSuggestion: () => void;
}

export function EvidenceCoach({
  form,
  rubric,
  enabled,
  currentDimension: currentStore,
  keys,
  children,
}: {
  form: UseFormReturn<ScorecardFormValues>;
  rubric: Rubric;
  enabled: boolean;
  /** The open dimension (the coach's keys act on its last note): j re-renders the coach, not its children. */
  currentDimension: CurrentDimensionStore;
  keys: MutableRefObject<CoachKeys>;
  children: ReactNode;
}) {
  const currentDimension = rubric.dimensions[useCurrentDimension(currentStore)]?.key ?? "";
  const { getValues, setValue } = form;
  const [redFlags, dismissedList] = useWatch({ control: form.control, name: ["redFlags", "coachDismissed"] });
  const dismissed = dismissedList ?? [];
  const [store] = useState(createCoachStore);
  // The coach's work (asking the server for signals, what each note draws) is in the coach's chunk:
  // fetched once the card is being written, online, and drawn from then on (coach-engine.tsx).
  const [marks, setMarks] = useState(coachMarks.now);
  useEffect(() => {
    if (marks || !enabled) return;
    let live = true;
    // Never asked for offline (Chromium logs a fetch the network drops): when the network returns.
    const load = () => void (navigator.onLine && coachMarks.load().then((m) => live && m && setMarks(() => m)));
    load();
    window.addEventListener("online", load);
    return () => {
      live = false;
      window.removeEventListener("online", load);
    };
  }, [marks, enabled]);

  const raise = (flag: string) => {
    const ticked = asList(getValues("redFlags"));
    if (!ticked.includes(flag)) setValue("redFlags", [...ticked, flag], { shouldDirty: true });
  };
  // Dismissals are kept with the draft (form-values.ts tidies them on every save), so they are read
  // and written here, in the page's bundle, and handed to the coach's chunk.
  const dismissedOf = (note: EvidenceNote) => dismissedInNote(note.id, dismissed);
  const dismiss = (noteId: string, key: string) => {
    const list = getValues("coachDismissed") ?? [];
    const full = coachDismissalKey(noteId, key);
    if (!list.includes(full)) setValue("coachDismissed", [...list, full], { shouldDirty: true });
  };

  return (
    <CoachContext.Provider value={store}>
      {marks ? (
        <marks.CoachEngine
          store={store}
          form={form}
          rubric={rubric}
          enabled={enabled}
          currentDimension={currentDimension}
          keys={keys}
          raised={asList(redFlags)}
          raise={raise}
          dismissedOf={dismissedOf}
          dismiss={dismiss}
        />
      ) : null}
      {children}
    </CoachContext.Provider>
  );
}

/** A note's text with the coach's underlines (plain text outside an EvidenceCoach). */
export function CoachNoteText({ note }: { note: EvidenceNote }) {
  const coach = useCoachFor(note);
  const signals = coach?.signalsOf(note) ?? [];
  // Plain text until the coach has something to underline (always so on the server and at hydration);
  // a note has signals only once the marks' chunk has come (use-note-signals.ts).
  const marks = coachMarks.now();
  if (!coach || !signals.length || !marks) return <>{note.text}</>;
  return <marks.NoteSignalText text={note.text} signals={signals} dismissed={coach.dismissedOf(note)} />;
}

/** The flags the coach suggests for a note, with Raise and Dismiss (nothing while it is off). */
export function CoachNoteAdornment({ note }: { note: EvidenceNote }) {
  const coach = useCoachFor(note);
  const marks = coachMarks.now();
  if (!coach?.enabled || !coach.signalsOf(note).length || !marks) return null;
  return (
    <marks.NoteSuggestions
      text={note.text}
      signals={coach.signalsOf(note)}
      dismissed={coach.dismissedOf(note)}
      raisedFlags={coach.raised}
      flagName={coach.flagName}
      onRaise={coach.raise}
      onDismiss={(key) => coach.dismiss(note.id, key)}
      keyed={coach.keyedNoteId === note.id}
    />
  );
}

/** Stable render functions for NoteList, so a card's props do not change with the coach's state. */
export const renderCoachedText = (note: EvidenceNote) => <CoachNoteText note={note} />;
export const renderCoachAdornment = (note: EvidenceNote) => <CoachNoteAdornment note={note} />;

/** The keys' handlers before the provider has rendered: they do nothing. */
export function useCoachKeys(): MutableRefObject<CoachKeys> {
  return useRef<CoachKeys>({ raiseSuggestion: () => {}, dismissSuggestion: () => {} });
}
