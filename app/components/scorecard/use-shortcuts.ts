import { useEffect, useRef } from "react";

// Single-key shortcuts for the live scorecard. They never fire while the interviewer is typing:
// any text input, textarea, select or contenteditable swallows them. The list the help dialog shows
// is shortcut-list.ts (it comes with the dialog's chunk).

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
