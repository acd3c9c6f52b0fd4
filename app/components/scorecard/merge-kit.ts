// What a save merged with changes made elsewhere needs on the page: the merge itself, the conflicts'
// choices laid out beside their fields and the status line's part. A chunk of its own
// (merge-parts.ts): nothing draws it at first, and it is needed only once a save's reply says the
// server merged, so the network is there.
export { mergeDraft, setField } from "~/domain/scorecard/merge-draft";
export { layConflicts } from "./conflict-layout";
export { conflictStatusText, ConflictStatusActions } from "./conflict-status";
