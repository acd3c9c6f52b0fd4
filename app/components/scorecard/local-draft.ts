import type { ClockState, ScorecardFormValues } from "./form-values";

// The draft kept on the device (localStorage): written on every change, so a tab crash, a reload
// or a network loss loses nothing. `dirty` means "changed here and not yet acknowledged"; its
// first save after a reload carries `baseRevision`, and the server merges it with anything saved
// meanwhile from elsewhere.

export interface LocalDraft {
  values: ScorecardFormValues;
  clock: ClockState;
  baseRevision: number;
  dirty: boolean;
  /** A submit made offline, still to be sent. */
  submitQueued?: boolean;
  savedAt: number;
}

const draftPrefix = (userId: number) => `panel-scorecard:draft:${userId}:`;
export const localDraftKey = (userId: number, interviewId: number) => `${draftPrefix(userId)}${interviewId}`;

/**
 * Removes every draft this user keeps on this device: called as they sign out, so the next person
 * at a shared laptop cannot read their notes. Other people's drafts stay.
 */
export function clearDeviceDrafts(userId: number): void {
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, k) => window.localStorage.key(k));
    for (const key of keys) if (key?.startsWith(draftPrefix(userId))) window.localStorage.removeItem(key);
  } catch {
    /* storage disabled: nothing was kept */
  }
}

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as LocalDraft) : null;
    // A draft from before the clock was saved with the card has no `clock`: nothing to restore from it.
    return draft && draft.clock ? draft : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy still holds every acknowledged save.
  }
}

export function clearLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* nothing to clear */
  }
}
