import { useEffect, useRef } from "react";

// Single-key shortcuts for the live scorecard. They never fire while the interviewer is typing:
// any text input, textarea, select or contenteditable swallows them.

export interface ShortcutHandlers {
  nextDimension: () => void;
  previousDimension: () => void;
  rate: (score: number) => void;
  addNote: () => void;
  toggleProbes: () => void;
  focusRedFlags: () => void;
  toggleStar: (key: string) => void;
  toggleTimer: () => void;
  markAnswerStart: () => void;
  markAnswerEnd: () => void;
  keepMine: () => void;
  keepTheirs: () => void;
  toggleFullAnchors: () => void;
  focusRecommendation: () => void;
  submit: () => void;
  raiseSuggestion: () => void;
  dismissSuggestion: () => void;
  toggleHelp: () => void;
  closeHelp: () => void;
}

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "j / k", action: "Next / previous dimension" },
  { keys: "1 – 4", action: "Rate the current dimension" },
  { keys: "n", action: "Add an evidence note to the current dimension" },
  { keys: "p", action: "Show or hide the follow-up probes" },
  { keys: "f", action: "Go to the red flags (Space toggles one)" },
  { keys: "Shift + S / T / A / R", action: "Tick Situation / Task / Action / Result" },
  { keys: "t", action: "Start, pause or resume the interview timer" },
  { keys: "a / e", action: "Mark the start / the end of the candidate's answer" },
  { keys: "x", action: "Show or hide the full anchor texts (a short label is always shown)" },
  { keys: "r", action: "Go to the recommendation (arrows choose)" },
  { keys: "Tab", action: "From a rating or the recommendation, on to its justification box when one is asked for" },
  { keys: "Enter", action: "In a note box: add the note. In a justification box: keep it (Enter never submits)" },
  {
    keys: "g / d",
    action: "Evidence coach: raise / dismiss the flag it suggests for the current dimension's newest note",
  },
  { keys: "m / o", action: "A change made in two places: keep mine / keep the other" },
  { keys: "Ctrl + Enter", action: "Review the scorecard before submitting (Enter confirms, Esc goes back)" },
  { keys: "?", action: "Show or hide these shortcuts" },
  { keys: "Esc", action: "Leave a text field, close this list or the review" },
];

const STAR_KEYS: Record<string, string> = { S: "situation", T: "task", A: "action", R: "result" };

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["radio", "checkbox", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
}

export function useShortcuts(handlers: ShortcutHandlers, enabled: boolean) {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const h = latest.current;
      if (event.key === "Escape") {
        h.closeHelp();
        if (isTypingTarget(event.target)) (event.target as HTMLElement).blur();
        return;
      }
      // Inside an open dialog (the review, this help) its own keys apply.
      if (event.target instanceof HTMLElement && event.target.closest("dialog")) return;
      // Ctrl+Enter opens the review from anywhere, a text field included; it never submits by itself.
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        h.submit();
        return;
      }
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      const act = (fn: () => void) => {
        event.preventDefault();
        fn();
      };
      if (/^[0-9]$/.test(key)) return act(() => h.rate(Number(key)));
      if (event.shiftKey && STAR_KEYS[key]) return act(() => h.toggleStar(STAR_KEYS[key]));
      switch (key) {
        case "j":
          return act(h.nextDimension);
        case "k":
          return act(h.previousDimension);
        case "n":
          return act(h.addNote);
        case "p":
          return act(h.toggleProbes);
        case "f":
          return act(h.focusRedFlags);
        case "t":
          return act(h.toggleTimer);
        case "a":
          return act(h.markAnswerStart);
        case "e":
          return act(h.markAnswerEnd);
        case "m":
          return act(h.keepMine);
        case "o":
          return act(h.keepTheirs);
        case "x":
          return act(h.toggleFullAnchors);
        case "r":
          return act(h.focusRecommendation);
        case "g":
          return act(h.raiseSuggestion);
        case "d":
          return act(h.dismissSuggestion);
        case "?":
          return act(h.toggleHelp);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
