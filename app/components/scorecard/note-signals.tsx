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

export type NoteSignalsProps = {
  text: string;
  signals: Signal[];
  /** Signal keys (signalKey) the interviewer dismissed: they stay dismissed. */
  dismissed: ReadonlySet<string>;
  raisedFlags: readonly string[];
  flagName: (key: string) => string;
  onRaise: (flag: string) => void;
  onDismiss: (key: string) => void;
};

/**
 * A note with quiet underlines under what the coach noticed and, beside it, the red flag each
 * points to. `g` raises the first open suggestion and `x` dismisses it while the list has focus;
 * each suggestion also has its buttons. Nothing is raised without the interviewer.
 */
export function NoteSignals({ text, signals, dismissed, raisedFlags, flagName, onRaise, onDismiss }: NoteSignalsProps) {
  const open = openSuggestions(signals, { dismissed, raisedFlags });
  const shown = signals.filter((s) => !dismissed.has(signalKey(s)));
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target instanceof HTMLElement && event.target.closest("input, textarea, [contenteditable='true']")) return;
    const chosen = suggestionForKey(event.key, open);
    if (!chosen) return;
    event.preventDefault();
    if (chosen.action === "raise") onRaise(chosen.flag);
    else onDismiss(chosen.key);
  };
  return (
    <div className="note-signals">
      <p className="note-signals-text">
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
      </p>
      {open.length ? (
        // A toolbar: one tab stop whose keys raise or dismiss the first suggestion (WAI-ARIA toolbar pattern).
        <div className="note-signals-suggestions" role="toolbar" aria-orientation="vertical" aria-label="Suggested red flags" tabIndex={0} onKeyDown={onKeyDown}>
          {open.map((s, k) => (
            <div key={signalKey(s)}>
              <span className="muted">“{text.slice(s.start, s.end)}”: {KIND_LABELS[s.kind]} →</span> {flagName(s.flag!)}{" "}
              <button type="button" className="button-small" onClick={() => onRaise(s.flag!)}>
                Raise{k === 0 ? <kbd>{COACH_KEYS.raise}</kbd> : null}
              </button>{" "}
              <button type="button" className="button-small button-quiet" onClick={() => onDismiss(signalKey(s))}>
                Dismiss{k === 0 ? <kbd>{COACH_KEYS.dismiss}</kbd> : null}
              </button>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
