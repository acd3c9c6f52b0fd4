// What a save merged with changes made elsewhere needs on the page: the merge itself, a conflict's
// words, the choice beside the field and the status line's part. A chunk of its own (merge-parts.ts): nothing draws it
// at first, and it is needed only once a save's reply says the server merged, so the network is there.
export { mergeDraft, setField } from "~/domain/scorecard/merge-draft";
export { conflictDimension, conflictLabel, conflictValue } from "./conflict-text";
export { ConflictBeside } from "./conflict-notice";
export { conflictStatusText, ConflictStatusActions } from "./conflict-status";
