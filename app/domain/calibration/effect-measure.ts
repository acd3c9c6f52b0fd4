import type { RaterEffectSummary } from "./rater-flags";

// One effect, measured in one view of the ratings: what the interviewer page shows for each effect
// "now", and before and after each calibration conversation about it (so a lead sees whether the
// conversation worked). Only the effects the ratings themselves measure; the rest say so.

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

export function measureEffect(row: MeasuredRow | undefined, effect: string): EffectMeasure {
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
      };
    case "halo":
    case "central_tendency": {
      const d = effect === "halo" ? rater.spreadDifference : rater.rangeDifference;
      if (rater.withheld !== null || d === null) return none(rater.withheld ?? "too few shared candidates", n);
      const unit =
        effect === "halo"
          ? "points of spread across dimensions vs co-panellists"
          : "points of movement between candidates vs co-panellists";
      return { value: d.mean, ciLow: d.ciLow, ciHigh: d.ciHigh, unit, n, flagged, withheld: null };
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
      if (row.redFlagMean === null || row.peerRedFlagMean === null)
        // Withheld on the one minimum of shared candidates (dashboard.ts), or when no red flags were recorded.
        return none(rater.withheld ?? "no red flags recorded in this view", row.redFlagScorecards);
      return {
        value: row.redFlagMean - row.peerRedFlagMean,
        ciLow: null,
        ciHigh: null,
        unit: "red flags per scorecard vs peers",
        n: row.redFlagScorecards,
        flagged: false,
        withheld: null,
      };
    default:
      return none("not measured from ratings: see the figures above");
  }
}

/** The day before a YYYY-MM-DD day (UTC), for "ratings before the conversation". */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
