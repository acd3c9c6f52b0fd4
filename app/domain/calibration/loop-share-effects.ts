import { clopperPearson, fisherExactGreater } from "./exact-tests";
import {
  decide,
  LOOP_RULES,
  OVERDUE_AFTER_HOURS,
  withheldText,
  type EvidenceLink,
  type LoopEffectMeasure,
} from "./loop-effect-rules";

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

/** A share effect's links: its interviewer's latest hits, newest first. */
const SHARE_LINKS = 3;

/** One interviewer's records of a share effect, counted: n records, k hits and the latest hits' links. */
export interface ShareCount {
  n: number;
  k: number;
  /** The latest hits, newest first, at most SHARE_LINKS. */
  links: EvidenceLink[];
}

/**
 * Each interviewer's records of one share effect, counted as they come (oldest first), in the order
 * of each interviewer's first record: what measureShare reads, so that a reader of 100,000s of
 * records (loop-evidence.server.ts) need not make an object of each.
 */
export type ShareTally = Map<string, ShareCount>;

/** Counts one record; `hit` is its link when it is a hit, null when not. */
export function countRecord(tally: ShareTally, interviewer: string, hit: EvidenceLink | null): void {
  let count = tally.get(interviewer);
  if (count === undefined) tally.set(interviewer, (count = { n: 0, k: 0, links: [] }));
  count.n += 1;
  if (hit === null) return;
  count.k += 1;
  count.links.unshift(hit);
  if (count.links.length > SHARE_LINKS) count.links.pop();
}

export function tallyRecords(records: readonly CountRecord[]): ShareTally {
  const tally: ShareTally = new Map();
  for (const r of records)
    countRecord(tally, r.interviewer, r.hit ? { label: r.label, interviewId: r.interviewId } : null);
  return tally;
}

/** A share effect: k of n against the pooled share of every other interviewer. */
export function measureShare(
  effect: "amends_after_panel" | "overdue_scorecards" | "decision_disagreement",
  tally: ShareTally,
): LoopEffectMeasure[] {
  const rule = LOOP_RULES[effect];
  let totalN = 0;
  let totalK = 0;
  for (const { n, k } of tally.values()) {
    totalN += n;
    totalK += k;
  }
  const measures = [...tally].map(([interviewer, { n, k, links }]): LoopEffectMeasure => {
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
      links: [...links],
    };
  });
  return decide(measures);
}
