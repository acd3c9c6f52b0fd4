import { analyseNote } from "./analyse-note";
import { COACHED_FLAGS } from "./signal-kinds";

/** Bump when the analyser's output changes, so cached note flags are read again. */
export const COACH_ANALYSER_VERSION = "1";

/** The red flags one note points to (each once, in rubric-key order). */
export function suggestedFlags(text: string): string[] {
  const flags = new Set(analyseNote(text).flatMap((s) => (s.flag ? [s.flag] : [])));
  return COACHED_FLAGS.filter((f) => flags.has(f));
}

/** A scorecard as the figures need it: the flags raised, and the flags each of its notes points to. */
export type CoachedScorecard = {
  scorecardId: number;
  interviewerId: number;
  raisedFlags: string[];
  noteFlags: string[][];
};

/**
 * How one interviewer (or one scorecard) used the red flags the coach can see, counted in
 * (scorecard, flag) pairs: `suggested` pairs had a supporting note, `taken` of them were raised;
 * `raised` pairs were raised by the interviewer, `unsupported` of them had no note pointing to that
 * flag. Flags the coach cannot read (fake mistake, failure not mistake) are left out of both.
 */
export type FlagEvidence = {
  scorecards: number;
  suggested: number;
  taken: number;
  raised: number;
  unsupported: number;
  /** taken / suggested, or null with nothing suggested. */
  uptake: number | null;
  /** unsupported / raised, or null with nothing raised. */
  unsupportedShare: number | null;
  /** The flags behind the counts, for a debrief: each with whether it was suggested and raised. */
  flags: Array<{ flag: string; suggested: boolean; raised: boolean }>;
};

export function summariseFlagEvidence(cards: CoachedScorecard[]): FlagEvidence {
  let suggested = 0;
  let taken = 0;
  let raised = 0;
  let unsupported = 0;
  const flags: FlagEvidence["flags"] = [];
  for (const card of cards) {
    const supported = new Set(card.noteFlags.flat());
    const raisedHere = new Set(card.raisedFlags);
    for (const flag of COACHED_FLAGS) {
      const isSuggested = supported.has(flag);
      const isRaised = raisedHere.has(flag);
      if (isSuggested) suggested++;
      if (isSuggested && isRaised) taken++;
      if (isRaised) raised++;
      if (isRaised && !isSuggested) unsupported++;
      if (isSuggested || isRaised) flags.push({ flag, suggested: isSuggested, raised: isRaised });
    }
  }
  return {
    scorecards: cards.length,
    suggested,
    taken,
    raised,
    unsupported,
    uptake: suggested ? taken / suggested : null,
    unsupportedShare: raised ? unsupported / raised : null,
    flags,
  };
}

/** One FlagEvidence per interviewer, in the order the interviewers are given. */
export function flagEvidenceByInterviewer<P extends { interviewerId: number }>(
  people: P[],
  cards: CoachedScorecard[],
): Array<P & { evidence: FlagEvidence }> {
  return people.map((person) => ({
    ...person,
    evidence: summariseFlagEvidence(cards.filter((c) => c.interviewerId === person.interviewerId)),
  }));
}
