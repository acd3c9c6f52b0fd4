import type { ConversationEffect } from "../conversation-effects";
import { MIN_DECIDED_DEBRIEFS } from "../debrief-votes";
import { benjaminiHochberg, FDR_Q } from "./multiplicity";
import { MIN_SHARED_CANDIDATES } from "./rater-flags";
import { studentTCdf, studentTQuantile } from "./student-t";

// The lead's-loop effects' shared parts: what a measure is, the thresholds per kind, and the tests
// every kind runs (the t summary, Benjamini–Hochberg per kind). The measures: loop-effects.ts.

/**
 * A link to the scorecard (interview) that shows an effect; without an interview id, the candidate's
 * newest interview is found later by `candidateId` (the label is only what a screen shows).
 */
export interface EvidenceLink {
  label: string;
  interviewId?: number;
  candidateId?: number;
}

export type LoopEffect = Extract<
  ConversationEffect,
  | "red_flags_under"
  | "red_flags_over"
  | "practice_distance"
  | "amends_after_panel"
  | "overdue_scorecards"
  | "decision_disagreement"
>;

export interface LoopEffectMeasure {
  interviewer: string;
  effect: LoopEffect;
  /** The measure (a share 0–1 when `percent`), its 95% interval, and the peers' figure it is set against. */
  size: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  baseline: number | null;
  percent: boolean;
  interval: "t" | "exact";
  unit: string;
  evidence: number;
  minimum: number;
  evidenceUnit: string;
  /** The effect against its flag threshold (1 = just flagged), signed toward the effect. */
  relativeSize: number | null;
  p: number | null;
  flagged: boolean;
  withheld: string | null;
  links: EvidenceLink[];
}

/**
 * Thresholds and minimum evidence, one row per kind. `threshold` is the smallest difference from
 * peers worth a conversation: red flags 0.5 per scorecard (one flag every other scorecard); the
 * practice key 0.5 points further than peers; shares 10 (amends), 15 (overdue) and 20 (decisions)
 * percentage points above peers. `minHits`: a share rests on at least this many occurrences.
 */
export const LOOP_RULES = {
  red_flags: { minimum: MIN_SHARED_CANDIDATES, threshold: 0.5, evidenceUnit: "shared candidates" },
  practice_distance: { minimum: 8, threshold: 0.5, evidenceUnit: "practice ratings with peers on the same exemplar" },
  amends_after_panel: { minimum: 5, minHits: 2, threshold: 0.1, evidenceUnit: "submitted scorecards" },
  overdue_scorecards: { minimum: 5, minHits: 2, threshold: 0.15, evidenceUnit: "panel seats" },
  decision_disagreement: {
    minimum: MIN_DECIDED_DEBRIEFS,
    minHits: 2,
    threshold: 0.2,
    evidenceUnit: "decided debriefs",
  },
} as const;

/** A scorecard is overdue when it is not submitted this long after its interview ended. */
export const OVERDUE_AFTER_HOURS = 24;

export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function tSummary(differences: readonly number[], sided: "two" | "greater") {
  const n = differences.length;
  const m = mean(differences);
  if (n < 2) return { mean: m, ciLow: null, ciHigh: null, p: null };
  const sd = Math.sqrt(differences.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  let p: number;
  if (sd === 0) p = m === 0 ? 1 : sided === "two" || m > 0 ? 0 : 1;
  else {
    const t = m / (sd / Math.sqrt(n));
    p = sided === "two" ? 2 * (1 - studentTCdf(Math.abs(t), n - 1)) : 1 - studentTCdf(t, n - 1);
  }
  return { mean: m, ciLow: m - half, ciHigh: m + half, p };
}

/** Applies the Benjamini–Hochberg correction over one kind's tests and the size rule, in place. */
export function decide(measures: LoopEffectMeasure[]): LoopEffectMeasure[] {
  const held = benjaminiHochberg(
    measures.map((m) => (m.withheld === null ? m.p : null)),
    FDR_Q,
  );
  measures.forEach((m, k) => {
    m.flagged = held[k] && m.withheld === null && (m.relativeSize ?? 0) >= 1;
  });
  return measures;
}

export const withheldText = (minimum: number, has: number, unit: string) => `needs ${minimum} ${unit}, has ${has}`;

/** The t summary of paired differences; null when there are none. */
export function tOfDifferences(pairs: readonly { difference: number }[], sided: "two" | "greater") {
  return pairs.length > 0
    ? tSummary(
        pairs.map((p) => p.difference),
        sided,
      )
    : null;
}

/**
 * Per interviewer, each item's value minus the mean of the other interviewers' values in its group
 * (the same candidate, or the same exemplar and dimension). An interviewer alone in every group is
 * listed with no differences.
 */
export function pairedDifferences<T extends { interviewer: string }>(
  groups: Iterable<readonly T[]>,
  value: (item: T) => number,
): Map<string, { item: T; difference: number }[]> {
  const perInterviewer = new Map<string, { item: T; difference: number }[]>();
  for (const group of groups) {
    const values = group.map(value);
    for (let k = 0; k < group.length; k++) {
      const item = group[k];
      // The others' mean summed in the group's order, as mean() would sum them (no array per item).
      let sum = 0;
      let others = 0;
      for (let j = 0; j < group.length; j++) {
        if (group[j].interviewer === item.interviewer) continue;
        sum += values[j];
        others += 1;
      }
      let list = perInterviewer.get(item.interviewer);
      if (list === undefined) perInterviewer.set(item.interviewer, (list = []));
      if (others > 0) list.push({ item, difference: values[k] - sum / others });
    }
  }
  return perInterviewer;
}
