// The ONE list of interviewer effects: what the rater model flags (lenient, severe, halo, central
// tendency, erratic — app/domain/calibration/rater-flags.ts takes its flag names from here), what the
// overview's action list points at, and what a calibration conversation is about. Stored by key,
// so the interviewer page can set each conversation against the same effect before and after it.
// `label` is the short badge text; `name` the full sentence in forms and lists.

export const CONVERSATION_EFFECTS = [
  { key: "lenient", label: "lenient", name: "Lenient against co-panellists" },
  { key: "severe", label: "severe", name: "Severe against co-panellists" },
  { key: "halo", label: "halo", name: "Halo: the same score on every dimension" },
  { key: "central_tendency", label: "central tendency", name: "Central tendency: avoids the ends of the scale" },
  { key: "erratic", label: "erratic", name: "Erratic: ratings the panel's pattern does not explain" },
  { key: "red_flags_under", label: "red flags under-used", name: "Red flags under-used against peers" },
  { key: "red_flags_over", label: "red flags over-used", name: "Red flags over-used against peers" },
  { key: "practice_distance", label: "far from practice key", name: "Far from the practice key" },
  { key: "amends_after_panel", label: "amends after panel", name: "Amends after seeing the panel" },
  { key: "overdue_scorecards", label: "overdue scorecards", name: "Overdue scorecards" },
  {
    key: "decision_disagreement",
    label: "out of line with decisions",
    name: "Recommendations out of line with final decisions",
  },
  { key: "other", label: "other", name: "Something else (say what in the agreement)" },
] as const;

export type ConversationEffect = (typeof CONVERSATION_EFFECTS)[number]["key"];
export const CONVERSATION_EFFECT_KEYS = CONVERSATION_EFFECTS.map((e) => e.key) as [
  ConversationEffect,
  ...ConversationEffect[],
];

export function effectName(key: string): string {
  return CONVERSATION_EFFECTS.find((e) => e.key === key)?.name ?? key;
}

export function effectLabel(key: string): string {
  return CONVERSATION_EFFECTS.find((e) => e.key === key)?.label ?? key;
}

/** A follow-up is due on its date (a YYYY-MM-DD day, UTC) and stays due until it is marked done. */
export function isFollowUpDue(
  conversation: { followUpOn: string | null; followUpDoneAt: string | null },
  today: string,
): boolean {
  return conversation.followUpOn !== null && conversation.followUpDoneAt === null && conversation.followUpOn <= today;
}
