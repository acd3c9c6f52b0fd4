import type { KeyboardEvent } from "react";
import type { Signal } from "~/domain/coach/signal-kinds";
import { COACH_KEYS, openSuggestions, segmentNote, signalKey, suggestionForKey } from "~/domain/coach/suggestions";

// Imports only the coach's types and pure helpers, never the analyser: the signals come from the
// server (POST /coach/signals), so this component adds a few hundred bytes to the page, not the
// language library.

const KIND_LABELS: Record<Signal["kind"], string> = {
  passive_voice: "passive voice",
  blame_diffusion: "someone else does the work",
  generic_lesson: "generic lesson",
  no_mechanism: "no mechanism",
  minimising: "consequence played down",
  claims_immunity: "no mistake offered",
  hedging: "hedged — worth a probe",
};

/** The note's text with a quiet dotted underline under each span the coach noticed (not dismissed). */
export function NoteSignalText({
  text,
  signals,
  dismissed,
}: {
  text: string;
  signals: Signal[];
  dismissed: ReadonlySet<string>;
}) {
  const shown = signals.filter((s) => !dismissed.has(signalKey(s)));
  return (
    <>
      {segmentNote(text, shown).map((segment) =>
        segment.signals.length ? (
          <mark
            key={segment.start}
            className={`coach-span coach-${segment.signals[0].kind}`}
            title={segment.signals.map((s) => KIND_LABELS[s.kind]).join(", ")}
          >
            {segment.text}
          </mark>
        ) : (
          <span key={segment.start}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export type NoteSuggestionsProps = {
  text: string;
  signals: Signal[];
  /** Signal keys (signalKey) the interviewer dismissed: they stay dismissed. */
  dismissed: ReadonlySet<string>;
  raisedFlags: readonly string[];
  flagName: (key: string) => string;
  onRaise: (flag: string) => void;
  onDismiss: (key: string) => void;
  /** This note's first suggestion is the one the page-wide keys act on: show them on it. */
  keyed?: boolean;
};

/**
 * Beside the note, the red flag each open suggestion points to, with Raise and Dismiss. While the
 * list has focus `g` raises and `d` dismisses its first suggestion (the page-wide keys act on the
 * current dimension's newest one). Nothing is raised without the interviewer.
 */
export function NoteSuggestions({
  text,
  signals,
  dismissed,
  raisedFlags,
  flagName,
  onRaise,
  onDismiss,
  keyed = true,
}: NoteSuggestionsProps) {
  const open = openSuggestions(signals, { dismissed, raisedFlags });
  if (!open.length) return null;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof HTMLElement && event.target.closest("input, textarea, [contenteditable='true']"))
      return;
    const chosen = suggestionForKey(event.key, open);
    if (!chosen) return;
    event.preventDefault();
    if (chosen.action === "raise") onRaise(chosen.flag);
    else onDismiss(chosen.key);
  };
  return (
    // A toolbar: one tab stop whose keys raise or dismiss the first suggestion (WAI-ARIA toolbar pattern).
    <div
      className="note-signals-suggestions"
      role="toolbar"
      aria-orientation="vertical"
      aria-label="Suggested red flags"
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      {open.map((s, k) => (
        <div key={signalKey(s)} className="coach-suggestion">
          <span className="coach-flag">{flagName(s.flag!)}?</span>{" "}
          <span className="coach-why">
            “{text.slice(s.start, s.end)}” — {KIND_LABELS[s.kind]}
          </span>{" "}
          <button type="button" className="link-button" onClick={() => onRaise(s.flag!)}>
            Raise<span className="visually-hidden"> {flagName(s.flag!)}</span>
            {k === 0 && keyed ? <kbd>{COACH_KEYS.raise}</kbd> : null}
          </button>{" "}
          <button type="button" className="link-button button-quiet" onClick={() => onDismiss(signalKey(s))}>
            Dismiss<span className="visually-hidden"> {flagName(s.flag!)}</span>
            {k === 0 && keyed ? <kbd>{COACH_KEYS.dismiss}</kbd> : null}
          </button>
        </div>
      ))}
    </div>
  );
}

export type NoteSignalsProps = Omit<NoteSuggestionsProps, "keyed">;

/** The underlined note and its suggestions together (the scorecard lays them out through NoteList). */
export function NoteSignals(props: NoteSignalsProps) {
  return (
    <div className="note-signals">
      <p className="note-signals-text">
        <NoteSignalText text={props.text} signals={props.signals} dismissed={props.dismissed} />
      </p>
      <NoteSuggestions {...props} />
    </div>
  );
}
export { CoachEngine } from "./coach-engine";
