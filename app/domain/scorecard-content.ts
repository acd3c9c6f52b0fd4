import type { Recommendation } from "./rubric/types";

// What an interviewer puts on a scorecard, as stored: the shape the server sends the page and
// the page turns into form values.

export interface EvidenceNote {
  /** Made on the device, so a note added offline is stored once however often it is re-sent. */
  id: string;
  dimension: string;
  elapsedSeconds: number;
  text: string;
}

export interface InterviewTimer {
  elapsedMs: number;
  /** Epoch ms when the running timer was last started; null while paused. */
  runningSince: number | null;
}

export interface ScorecardContent {
  ratings: Record<string, number>;
  capJustifications: Record<string, string>;
  redFlags: string[];
  star: string[];
  recommendation: Recommendation | null;
  recommendationJustification: string;
  notes: EvidenceNote[];
}

/**
 * The interview clock's marks, kept on the server so they survive reloads, devices and offline work.
 * The clock starts once (the interviewer's first start, or first change to the card) and note
 * stamps and answer marks are seconds on it.
 */
export interface ScorecardTiming {
  /** Epoch ms of the first start; never moved afterwards. */
  clockStartedAt: number | null;
  /** Interview-clock seconds at which the candidate's answer started and ended. */
  answerStartSeconds: number | null;
  answerEndSeconds: number | null;
}

/** The longest evidence note, in characters (the schema checks it; the note boxes stop there). */
export const NOTE_MAX = 5000;

export const NO_TIMING: ScorecardTiming = { clockStartedAt: null, answerStartSeconds: null, answerEndSeconds: null };

/** Everything an autosave carries and a merge compares. */
export interface DraftContent extends ScorecardContent {
  timer: InterviewTimer;
  timing: ScorecardTiming;
  /**
   * Evidence-coach suggestions the interviewer dismissed, as `coachDismissalKey(noteId, signal)`:
   * kept with the draft so a dismissed suggestion stays dismissed on reload and on other devices.
   */
  coachDismissed: string[];
}
