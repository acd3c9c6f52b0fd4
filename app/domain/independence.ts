// Who may see other panellists' scorecards for an interview. Seeing them before scoring anchors
// an interviewer's own judgement, so the default waits for their own submission.

export const INDEPENDENCE_MODES = ["never", "after_submit", "always"] as const;
export type IndependenceMode = (typeof INDEPENDENCE_MODES)[number];

export const INDEPENDENCE_LABELS: Record<IndependenceMode, string> = {
  never: "Never show interviewers other panellists' scorecards",
  after_submit: "Show them once the interviewer has submitted their own (default)",
  always: "Always show them",
};

export function canSeeOthersScorecards(opts: {
  mode: IndependenceMode;
  isLead: boolean;
  ownSubmitted: boolean;
}): boolean {
  if (opts.isLead) return true;
  if (opts.mode === "always") return true;
  if (opts.mode === "never") return false;
  return opts.ownSubmitted;
}
