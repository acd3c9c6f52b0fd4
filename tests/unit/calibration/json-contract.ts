// The calibrate CLI's --json contract, as its consumers rely on it: the keys and their order. Both the
// CLI test and the report's own test hold the output to this one list.

export const REPORT_KEYS = [
  "ratings",
  "candidates",
  "interviewer_count",
  "dimensions",
  "interviewers",
  "adjusted",
  "model",
  "reliability",
  "reliability_by_variant",
  "recommendations",
];

export const INTERVIEWER_KEYS = [
  "interviewer",
  "ratings",
  "leniency",
  "ci_low",
  "ci_high",
  "flag",
  "halo",
  "rater_effect",
  "rater_effect_se",
  "shared_candidates",
  "flags",
];

export const ADJUSTED_KEYS = ["candidate", "raw_mean", "adjusted_mean", "adjusted_se"];
