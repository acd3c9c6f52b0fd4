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
  focusRecommendation: () => void;
  submit: () => void;
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
  { keys: "a", action: "Mark the start of the candidate's answer" },
  { keys: "r", action: "Go to the recommendation (arrows choose)" },
  { keys: "Ctrl + Enter", action: "Submit the scorecard" },
  { keys: "?", action: "Show or hide these shortcuts" },
  { keys: "Esc", action: "Leave a text field, close this list" },
];

const STAR_KEYS: Record<string, string> = { S: "situation", T: "task", A: "action", R: "result" };

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
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
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        h.submit();
        return;
      }
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
        case "r":
          return act(h.focusRecommendation);
        case "?":
          return act(h.toggleHelp);
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
