import { lazyPart } from "~/components/lazy-part";

// The card's parts drawn only after something happens (a conflicting save, the coach's answer), in
// chunks fetched once the page is up. Until one arrives: nothing, or the note's plain text.

export const ConflictBeside = lazyPart(() => import("./conflict-notice").then((m) => m.ConflictBeside));

const loadSignals = () => import("./note-signals");
export const NoteSignalText = lazyPart(
  () => loadSignals().then((m) => m.NoteSignalText),
  (props) => props.text,
);
export const NoteSuggestions = lazyPart(() => loadSignals().then((m) => m.NoteSuggestions));

export const preloadCardParts = () =>
  Promise.all([ConflictBeside.preload(), NoteSignalText.preload(), NoteSuggestions.preload()]);
