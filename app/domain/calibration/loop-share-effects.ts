import { clopperPearson, fisherExactGreater } from "./exact-tests";
import { decide, LOOP_RULES, OVERDUE_AFTER_HOURS, withheldText, type LoopEffectMeasure } from "./loop-effect-rules";

// The lead's-loop effects counted as a share (k of n): amendments after seeing the panel, overdue
// seats, votes against the decision — each against the pooled share of every other interviewer.

/** One occurrence that may count against an interviewer: `hit` is the thing counted. Oldest first. */
export interface CountRecord {
  interviewer: string;
  interviewId: number;
  label: string;
  hit: boolean;
}

const SHARE_UNITS = {
  amends_after_panel: "of scorecards amended after seeing the panel",
  overdue_scorecards: `of panel seats not submitted within ${OVERDUE_AFTER_HOURS} h of the interview's end`,
  decision_disagreement: "of independent votes against the final decision",
} as const;

/** A share effect: k of n against the pooled share of every other interviewer. */
export function measureShare(
  effect: "amends_after_panel" | "overdue_scorecards" | "decision_disagreement",
  records: readonly CountRecord[],
): LoopEffectMeasure[] {
  const rule = LOOP_RULES[effect];
  const byInterviewer = new Map<string, CountRecord[]>();
  for (const r of records) {
    const own = byInterviewer.get(r.interviewer);
    if (own) own.push(r);
    else byInterviewer.set(r.interviewer, [r]);
  }
  const totalN = records.length;
  const totalK = records.filter((r) => r.hit).length;
  const measures = [...byInterviewer.entries()].map(([interviewer, own]): LoopEffectMeasure => {
    const n = own.length;
    const k = own.filter((r) => r.hit).length;
    const peerN = totalN - n;
    const peerK = totalK - k;
    const share = k / n;
    const baseline = peerN > 0 ? peerK / peerN : null;
    const { low, high } = clopperPearson(k, n);
    const withheld =
      n < rule.minimum
        ? withheldText(rule.minimum, n, rule.evidenceUnit)
        : peerN < rule.minimum
          ? `needs ${rule.minimum} ${rule.evidenceUnit} of peers to compare with, has ${peerN}`
          : null;
    return {
      interviewer,
      effect,
      size: share,
      ciLow: low,
      ciHigh: high,
      baseline,
      percent: true,
      interval: "exact",
      unit: SHARE_UNITS[effect],
      evidence: n,
      minimum: rule.minimum,
      evidenceUnit: rule.evidenceUnit,
      // Fewer occurrences than minHits never reach the threshold: one late scorecard is not a habit.
      relativeSize: baseline === null || k < rule.minHits ? 0 : (share - baseline) / rule.threshold,
      p: baseline === null ? null : fisherExactGreater(k, n, peerK, peerN),
      flagged: false,
      withheld,
      links: own
        .filter((r) => r.hit)
        .reverse()
        .slice(0, 3)
        .map((r) => ({ label: r.label, interviewId: r.interviewId })),
    };
  });
  return decide(measures);
}
