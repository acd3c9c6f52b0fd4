import type { DraftContent } from "../scorecard-content";
import type { MergeConflict } from "./merge-draft";

// What the scorecard route's action answers a fetcher, in one place: the action builds it, the
// autosave hook reads it, and the route's shouldRevalidate decides on it. Every variant carries
// the `autosave` marker so no reply is mistaken for another route's.

export type AutosaveReply =
  | {
      autosave: true;
      kind: "saved";
      revision: number;
      savedAt: string;
      submitted: boolean;
      /** Set when the save was merged with changes made elsewhere: the content now stored. */
      merged: DraftContent | null;
      /** Fields changed on both sides: the stored value is "theirs" until the interviewer chooses. */
      conflicts: MergeConflict[];
    }
  | { autosave: true; kind: "amended"; revision: number; afterSeeingOthers: boolean }
  | { autosave: true; kind: "refused"; errors: Record<string, string>; message: string }
  /** Made in the browser by the route's clientAction when the request never reached the server. */
  | { autosave: true; kind: "offline" };

/** An autosave reply that changes nothing the page's loaders show, so nothing needs to run again. */
export function needsNoRevalidation(reply: unknown): boolean {
  const r = reply as AutosaveReply | undefined;
  if (!r || r.autosave !== true) return false;
  return r.kind === "offline" || (r.kind === "saved" && !r.submitted) || r.kind === "refused";
}
