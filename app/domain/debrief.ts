import { DISAGREEMENT_SPREAD, isSplitPanel } from "./calibration/panel-disagreement";
import type { Dimension } from "./rubric/types";

// The panel side by side: per dimension, how far apart the submitted ratings are.

export interface PanelRatings {
  interviewerId: number;
  ratings: Record<string, number>;
  recommendation: string | null;
}

export interface DimensionSpread {
  dimension: string;
  min: number | null;
  max: number | null;
  /** max − min over the submitted ratings; null with fewer than two. */
  spread: number | null;
  /** The spread at which a panel goes to the calibration disagreement queue. */
  wide: boolean;
}

export function computePanelSpread(
  dimensions: Pick<Dimension, "key">[],
  panel: PanelRatings[],
): { dimensions: DimensionSpread[]; split: boolean } {
  const spreads = dimensions.map(({ key }) => {
    const scores = panel.map((p) => p.ratings[key]).filter((s): s is number => s != null);
    if (scores.length === 0) return { dimension: key, min: null, max: null, spread: null, wide: false };
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const spread = scores.length >= 2 ? max - min : null;
    return { dimension: key, min, max, spread, wide: spread !== null && spread >= DISAGREEMENT_SPREAD };
  });
  const recommendations = panel.map((p) => p.recommendation).filter((r): r is string => r !== null);
  return { dimensions: spreads, split: isSplitPanel(recommendations) };
}

/** A scorecard is overdue when the interview ended more than a day ago and it is not submitted. */
export const OVERDUE_AFTER_MS = 24 * 3_600_000;

export function isOverdue(
  interview: { scheduledAt: string; durationMinutes: number },
  submitted: boolean,
  now: Date,
): boolean {
  if (submitted) return false;
  const ended = Date.parse(interview.scheduledAt) + interview.durationMinutes * 60_000;
  return now.getTime() - ended > OVERDUE_AFTER_MS;
}
