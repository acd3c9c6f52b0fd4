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
