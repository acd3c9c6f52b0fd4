// What a calibration conversation with an interviewer is about: the effects the calibration
// overview can point at. Stored by key, so the interviewer page can set each conversation against
// the same effect measured before and after it.

export const CONVERSATION_EFFECTS = [
  { key: "lenient", name: "Lenient against co-panellists" },
  { key: "severe", name: "Severe against co-panellists" },
  { key: "halo", name: "Halo: the same score on every dimension" },
  { key: "central_tendency", name: "Central tendency: avoids the ends of the scale" },
  { key: "red_flags_under", name: "Red flags under-used against peers" },
  { key: "red_flags_over", name: "Red flags over-used against peers" },
  { key: "practice_distance", name: "Far from the practice key" },
  { key: "amends_after_panel", name: "Amends after seeing the panel" },
  { key: "overdue_scorecards", name: "Overdue scorecards" },
  { key: "decision_disagreement", name: "Recommendations out of line with final decisions" },
  { key: "other", name: "Something else (say what in the agreement)" },
] as const;

export type ConversationEffect = (typeof CONVERSATION_EFFECTS)[number]["key"];
export const CONVERSATION_EFFECT_KEYS = CONVERSATION_EFFECTS.map((e) => e.key) as [ConversationEffect, ...ConversationEffect[]];

export function effectName(key: string): string {
  return CONVERSATION_EFFECTS.find((e) => e.key === key)?.name ?? key;
}

/** A follow-up is due on its date (a YYYY-MM-DD day, UTC) and stays due until it is marked done. */
export function isFollowUpDue(conversation: { followUpOn: string | null; followUpDoneAt: string | null }, today: string): boolean {
  return conversation.followUpOn !== null && conversation.followUpDoneAt === null && conversation.followUpOn <= today;
}
