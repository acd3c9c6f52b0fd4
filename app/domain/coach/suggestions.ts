import type { Signal } from "./signal-kinds";

// The draft's list of dismissals is in dismissals.ts: the page keeps it with every draft, while
// what is here is needed only once a note has signals (in the coach's chunk on the page).

// What the scorecard offers for one note. Kept apart from the analyser so that the page can import
// it without pulling the language library into the browser bundle.

/** A stable name for a signal within its note, for "dismissed" lists. */
export function signalKey(signal: Pick<Signal, "kind" | "start" | "end">): string {
  return `${signal.kind}:${signal.start}-${signal.end}`;
}

/**
 * The suggestions still open on a note: signals that point to a flag, not dismissed, whose flag is
 * not raised yet; one per flag (its first span), in text order. The interviewer decides: nothing
 * here raises a flag.
 */
export function openSuggestions(
  signals: Signal[],
  state: { dismissed: ReadonlySet<string>; raisedFlags: readonly string[] },
): Signal[] {
  const seen = new Set<string>();
  return [...signals]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((s) => {
      if (
        s.flag === null ||
        state.dismissed.has(signalKey(s)) ||
        state.raisedFlags.includes(s.flag) ||
        seen.has(s.flag)
      )
        return false;
      seen.add(s.flag);
      return true;
    });
}

export type NoteSegment = { text: string; start: number; end: number; signals: Signal[] };

/**
 * The note cut at every signal boundary, so each piece knows which signals cover it (spans may
 * overlap: "we kind of assumed" is both blame diffusion and hedging). Joined, the pieces are the text.
 */
export function segmentNote(text: string, signals: Signal[]): NoteSegment[] {
  const cuts = new Set([0, text.length]);
  for (const s of signals) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: NoteSegment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [start, end] = [points[k], points[k + 1]];
    if (start === end) continue;
    segments.push({
      text: text.slice(start, end),
      start,
      end,
      signals: signals.filter((s) => s.start <= start && end <= s.end),
    });
  }
  return segments;
}

// Neither key is one of the live scorecard's other shortcuts (use-shortcuts.ts): g for "go with
// the suggestion", d for dismiss.
export const COACH_KEYS = { raise: "g", dismiss: "d" } as const;

/** What a key press means on a note's open suggestions: raise or dismiss the first, or nothing. */
export function suggestionForKey(
  key: string,
  open: Signal[],
): { action: "raise"; flag: string } | { action: "dismiss"; key: string } | null {
  const first = open[0];
  if (!first || first.flag === null) return null;
  if (key === COACH_KEYS.raise) return { action: "raise", flag: first.flag };
  if (key === COACH_KEYS.dismiss) return { action: "dismiss", key: signalKey(first) };
  return null;
}
