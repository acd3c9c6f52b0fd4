// The coach's dismissals as a scorecard draft keeps them: "noteId|signalKey" (suggestions.ts's
// signalKey). Apart from the suggestions, because every save keeps the list tidy (keepDismissals)
// while the rest of the coach is needed only once a note has signals.

/** A dismissal as the scorecard draft keeps it: the note's id and the signal's key within it (signalKey). */
export function coachDismissalKey(noteId: string, key: string): string {
  return `${noteId}|${key}`;
}

/** The dismissals of one note, as signal keys (what `openSuggestions` takes). */
export function dismissedInNote(noteId: string, dismissed: readonly string[]): Set<string> {
  const prefix = `${noteId}|`;
  return new Set(dismissed.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
}

/** Dismissals of notes that are gone are dropped (a removed note's suggestions mean nothing). */
export function keepDismissals(dismissed: readonly string[], notes: readonly { id: string }[]): string[] {
  const ids = new Set(notes.map((n) => n.id));
  return [...new Set(dismissed)].filter((k) => ids.has(k.slice(0, k.indexOf("|")))).sort();
}
