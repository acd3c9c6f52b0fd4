import type { ScorecardFormValues, TimerState } from "./form-values";

// The draft kept on the device (localStorage): written on every change, so a tab crash, a reload
// or a network loss loses nothing. `dirty` means "changed here and not yet acknowledged".

export interface LocalDraft {
  values: ScorecardFormValues;
  timer: TimerState;
  /** Elapsed seconds at which the candidate's answer started; kept on the device only. */
  answerStartedAt: number | null;
  baseRevision: number;
  dirty: boolean;
  savedAt: number;
}

export const localDraftKey = (userId: number, interviewId: number) => `panel-scorecard:draft:${userId}:${interviewId}`;

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
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
