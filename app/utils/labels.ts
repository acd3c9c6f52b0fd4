// The words the pages use for a level and for a scorecard's state: one copy, so every page agrees.

export const LEVEL_LABELS = { mid: "Mid-level", senior: "Senior", staff: "Staff+" } as const;

export const SCORECARD_STATUS_LABELS = { not_started: "Not started", draft: "Draft", submitted: "Submitted" } as const;
