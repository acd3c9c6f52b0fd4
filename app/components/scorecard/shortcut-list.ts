// The keys of the live scorecard as the help dialog lists them (? opens it); use-shortcuts.ts binds them.

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "j / k", action: "Next / previous dimension" },
  { keys: "1 – 4", action: "Rate the current dimension" },
  { keys: "n", action: "Add an evidence note to the current dimension" },
  { keys: "p", action: "Show or hide the follow-up probes" },
  { keys: "f", action: "Go to the red flags (Space toggles one)" },
  { keys: "Shift + S / T / A / R", action: "Tick Situation / Task / Action / Result" },
  { keys: "t", action: "Start, pause or resume the interview timer" },
  { keys: "a / e", action: "Mark the start / the end of the candidate's answer" },
  { keys: "x", action: "Show or hide the full anchor texts (a short label is always shown)" },
  { keys: "r", action: "Go to the recommendation (arrows choose)" },
  { keys: "Tab", action: "From a rating or the recommendation, on to its justification box when one is asked for" },
  { keys: "Enter", action: "In a note box: add the note. In a justification box: keep it (Enter never submits)" },
  {
    keys: "g / d",
    action: "Evidence coach: raise / dismiss the flag it suggests for the current dimension's newest note",
  },
  { keys: "m / o", action: "A change made in two places: keep mine / keep the other" },
  { keys: "Ctrl + Enter", action: "Review the scorecard before submitting (Enter confirms, Esc goes back)" },
  { keys: "?", action: "Show or hide these shortcuts" },
  { keys: "Esc", action: "Leave a text field, close this list or the review" },
];
