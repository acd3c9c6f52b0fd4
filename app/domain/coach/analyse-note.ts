import { findBlameDiffusion } from "./blame-diffusion";
import { findLessons } from "./lessons";
import { parseNote } from "./parse-note";
import { findPassiveVoice } from "./passive-voice";
import { findPhrases } from "./phrases";
import { SIGNAL_KINDS, type Signal } from "./signal-kinds";

export { SIGNAL_KINDS, FLAG_FOR_KIND, COACHED_FLAGS, type Signal, type SignalKind } from "./signal-kinds";

/** Longest note the coach reads; the scorecard stores notes of at most 5,000 characters. */
export const MAX_NOTE_LENGTH = 5000;

/**
 * The signals in one evidence note, in text order. Offsets are UTF-16 indices into `text` as given
 * (what JavaScript's String#slice uses), so `text.slice(start, end)` is the span shown.
 */
export function analyseNote(text: string): Signal[] {
  if (text.trim() === "") return [];
  const note = parseNote(text.slice(0, MAX_NOTE_LENGTH));
  const found = [
    ...findPassiveVoice(note.sentences),
    ...findBlameDiffusion(note.sentences),
    ...findLessons(note.sentences),
    ...findPhrases(note),
  ];
  return dedupe(found).sort(
    (a, b) => a.start - b.start || a.end - b.end || SIGNAL_KINDS.indexOf(a.kind) - SIGNAL_KINDS.indexOf(b.kind),
  );
}

/** One signal per kind and place: overlapping spans of one kind merge (patterns overlap). */
function dedupe(signals: Signal[]): Signal[] {
  const kept: Signal[] = [];
  for (const s of [...signals].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const same = kept.find((k) => k.kind === s.kind && s.start < k.end && k.start < s.end);
    if (same) same.end = Math.max(same.end, s.end);
    else kept.push({ ...s });
  }
  return kept;
}
