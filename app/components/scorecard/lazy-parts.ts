import { ConflictBeside as ConflictBesideComponent } from "./conflict-notice";
import { NoteSignalText as NoteSignalTextComponent, NoteSuggestions as NoteSuggestionsComponent } from "./note-signals";

// A conflict's choice and the coach's marks are in the page's own bundle, not chunks of their own:
// a card opened offline before those chunks arrived logged failed loads and drew no marks
// (scorecard.test.ts, "keeps scoring offline", failed two runs in three).

export const ConflictBeside = { Component: ConflictBesideComponent };
export const NoteSignalText = { Component: NoteSignalTextComponent };
export const NoteSuggestions = { Component: NoteSuggestionsComponent };
