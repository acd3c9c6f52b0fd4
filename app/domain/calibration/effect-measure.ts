import type { LoopEffectMeasure } from "./loop-effects";
import type { RaterEffectSummary } from "./rater-flags";

// One effect, measured in one view of the ratings: what the interviewer page shows for each effect
// "now", and before and after each calibration conversation about it (so a lead sees whether the
// conversation worked). The rater model's four from the ratings; the lead's-loop effects (red flags,
// practice key, amends, overdue, decisions) from loop-effects.ts; "other" says it is not measured.

export interface EffectMeasure {
  /** null when this view has too little evidence (see `withheld`) or the effect is not measured from ratings. */
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  unit: string;
  /** Shared candidates (rater effects) or scorecards (red flags) behind the value. */
  n: number;
  flagged: boolean;
  withheld: string | null;
  /** A share (0–1) shown as a percentage, set against the peers' share. */
  percent?: boolean;
  baseline?: number | null;
  interval?: "normal" | "t" | "exact";
  evidenceUnit?: string;
}

export interface MeasuredRow {
  rater: RaterEffectSummary;
  redFlagMean: number | null;
  peerRedFlagMean: number | null;
  redFlagScorecards: number;
}

const none = (withheld: string, n = 0): EffectMeasure => ({
  value: null,
  ciLow: null,
  ciHigh: null,
  unit: "",
  n,
  flagged: false,
  withheld,
});

export function measureEffect(
  row: MeasuredRow | undefined,
  effect: string,
  loop: readonly LoopEffectMeasure[] = [],
): EffectMeasure {
  const fromLoop = loopMeasure(loop, effect);
  if (fromLoop) return fromLoop;
  if (!row) return none("no submitted ratings in this period");
  const { rater } = row;
  const n = rater.sharedCandidates;
  const flagged = (rater.flags as string[]).includes(effect);
  switch (effect) {
    case "lenient":
    case "severe":
      if (rater.withheld !== null || rater.effect === null) return none(rater.withheld ?? "no model effect", n);
      return {
        value: rater.effect,
        ciLow: rater.ciLow,
        ciHigh: rater.ciHigh,
        unit: "points vs the panel",
        n,
        flagged,
        withheld: null,
        interval: "normal",
        evidenceUnit: "shared candidates",
      };
    case "halo":
    case "central_tendency": {
      const d = effect === "halo" ? rater.spreadDifference : rater.rangeDifference;
      if (rater.withheld !== null || d === null) return none(rater.withheld ?? "too few shared candidates", n);
      const unit =
        effect === "halo"
          ? "points of spread across dimensions vs co-panellists"
          : "points of movement between candidates vs co-panellists";
      return {
        value: d.mean,
        ciLow: d.ciLow,
        ciHigh: d.ciHigh,
        unit,
        n,
        flagged,
        withheld: null,
        interval: "t",
        evidenceUnit: "shared candidates",
      };
    }
    case "erratic": {
      const d = rater.misfitDifference;
      if (rater.withheld !== null || d === null) return none(rater.withheld ?? "too few shared candidates", n);
      return {
        value: d.mean,
        ciLow: d.ciLow,
        ciHigh: d.ciHigh,
        unit: "points² of misfit to the model vs the panel",
        n,
        flagged,
        withheld: null,
      };
    }
    case "red_flags_under":
    case "red_flags_over":
    case "practice_distance":
    case "amends_after_panel":
    case "overdue_scorecards":
    case "decision_disagreement":
      return none("no evidence in this period");
    default:
      return none("not measured: see the figures above");
  }
}

/** A lead's-loop effect of this interviewer (red flags under or over: whichever way it goes now). */
function loopMeasure(loop: readonly LoopEffectMeasure[], effect: string): EffectMeasure | null {
  const m = loop.find(
    (l) => l.effect === effect || (effect.startsWith("red_flags") && l.effect.startsWith("red_flags")),
  );
  if (!m) return null;
  return {
    value: m.withheld === null ? m.size : null,
    ciLow: m.ciLow,
    ciHigh: m.ciHigh,
    unit: m.unit,
    n: m.evidence,
    flagged: m.flagged,
    withheld: m.withheld,
    percent: m.percent,
    baseline: m.baseline,
    interval: m.interval,
    evidenceUnit: m.evidenceUnit,
  };
}

/** The day before a YYYY-MM-DD day (UTC), for "ratings before the conversation". */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
