import type { DraftContent } from "~/domain/scorecard-content";
import type { ScorecardDraft } from "~/schemas/scorecard-schema";
import { keepDismissals } from "~/domain/coach/dismissals";

/**
 * What a save asks for, as content: a plain HTML post sends no notes list (it keeps the stored
 * notes and adds the ones typed), and an older client sends no timing (it keeps the stored marks).
 */
export function draftContent(draft: ScorecardDraft, stored: DraftContent, now: number): DraftContent {
  const ratings = Object.fromEntries(Object.entries(draft.ratings).filter((e): e is [string, number] => e[1] != null));
  const capJustifications = Object.fromEntries(
    Object.entries(draft.capJustifications).filter((e): e is [string, string] => !!e[1]),
  );
  const typed = Object.entries(draft.noteDrafts ?? {})
    .filter((e): e is [string, string] => !!e[1])
    .map(([dimension, text], i) => ({
      id: `f${now.toString(36)}${i}`,
      dimension,
      elapsedSeconds: clockSeconds(stored, now),
      text,
    }));
  return {
    ratings,
    capJustifications,
    redFlags: [...new Set(draft.redFlags)],
    star: [...new Set(draft.star)],
    recommendation: draft.recommendation,
    recommendationJustification: draft.recommendationJustification,
    notes: [...(draft.notes ?? stored.notes), ...typed],
    timer: draft.timer ?? stored.timer,
    timing: draft.timing ?? stored.timing,
    // Only dismissals of notes the card still holds are kept.
    coachDismissed: keepDismissals(draft.coachDismissed ?? stored.coachDismissed, [...(draft.notes ?? stored.notes)]),
  };
}

/** Seconds on the interview clock now (0 when it never started). */
function clockSeconds(card: DraftContent, now: number): number {
  const ms = card.timer.elapsedMs + (card.timer.runningSince ? Math.max(0, now - card.timer.runningSince) : 0);
  return Math.floor(ms / 1000);
}
