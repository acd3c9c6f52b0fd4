import type { ConversationEffect } from "../conversation-effects";
import { MIN_DECIDED_DEBRIEFS } from "../debrief-votes";
import { clopperPearson, fisherExactGreater } from "./exact-tests";
import { benjaminiHochberg, FDR_Q } from "./multiplicity";
import { MIN_SHARED_CANDIDATES } from "./rater-flags";
import { studentTCdf, studentTQuantile } from "./student-t";

// The lead's-loop effects beyond the rater model — red flags under- or over-used, far from the
// practice key, amends after seeing the panel, overdue scorecards, recommendations out of line
// with final decisions — each measured against peers, with an interval, a test, a minimum of
// evidence and the scorecards that show it. Each kind is tested across every interviewer with
// enough evidence and corrected with Benjamini–Hochberg (FDR 5%), as the rater flags are.
//
// Two shapes of evidence:
// - paired differences (red flags per scorecard against co-panellists on the same candidate;
//   distance from the practice key against peers on the same exemplar and dimension): mean
//   difference with a 95% t interval and a two-sided (red flags) or one-sided (practice) t test;
// - counts, k of n (scorecards amended after seeing the panel, panel seats overdue, independent
//   votes against the final decision): the interviewer's share with a Clopper–Pearson exact 95%
//   interval, against the pooled share of every other interviewer, tested with Fisher's exact
//   test (one-sided: more often than peers).

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

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function tSummary(differences: readonly number[], sided: "two" | "greater") {
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
function decide(measures: LoopEffectMeasure[]): LoopEffectMeasure[] {
  const held = benjaminiHochberg(
    measures.map((m) => (m.withheld === null ? m.p : null)),
    FDR_Q,
  );
  measures.forEach((m, k) => {
    m.flagged = held[k] && m.withheld === null && (m.relativeSize ?? 0) >= 1;
  });
  return measures;
}

const withheldText = (minimum: number, has: number, unit: string) => `needs ${minimum} ${unit}, has ${has}`;

/**
 * Red flags under- or over-used: per shared candidate, the interviewer's red flags minus the mean
 * of the co-panellists' on that candidate (scorecards that carry flags: imports are left out).
 */
export function measureRedFlagUse(
  scorecards: readonly { candidate: string; interviewer: string; redFlags: number }[],
): LoopEffectMeasure[] {
  const rule = LOOP_RULES.red_flags;
  const byCandidate = new Map<string, { interviewer: string; redFlags: number }[]>();
  for (const s of scorecards) byCandidate.set(s.candidate, [...(byCandidate.get(s.candidate) ?? []), s]);
  const perInterviewer = new Map<string, { candidate: string; difference: number }[]>();
  for (const [candidate, cards] of byCandidate) {
    for (const card of cards) {
      const others = cards.filter((c) => c.interviewer !== card.interviewer);
      const list = perInterviewer.get(card.interviewer) ?? [];
      if (others.length > 0) list.push({ candidate, difference: card.redFlags - mean(others.map((o) => o.redFlags)) });
      perInterviewer.set(card.interviewer, list);
    }
  }
  const measures = [...perInterviewer.entries()].map(([interviewer, pairs]): LoopEffectMeasure => {
    const n = pairs.length;
    const t =
      n > 0
        ? tSummary(
            pairs.map((p) => p.difference),
            "two",
          )
        : null;
    const over = (t?.mean ?? 0) > 0;
    const direction = over ? 1 : -1;
    const enough = n >= rule.minimum && t !== null && t.ciLow !== null;
    return {
      interviewer,
      effect: over ? "red_flags_over" : "red_flags_under",
      size: t ? t.mean : null,
      ciLow: t?.ciLow ?? null,
      ciHigh: t?.ciHigh ?? null,
      baseline: null,
      percent: false,
      interval: "t",
      unit: "red flags per scorecard vs co-panellists",
      evidence: n,
      minimum: rule.minimum,
      evidenceUnit: rule.evidenceUnit,
      relativeSize: t ? Math.abs(t.mean) / rule.threshold : null,
      p: t?.p ?? null,
      flagged: false,
      withheld: enough ? null : withheldText(rule.minimum, n, rule.evidenceUnit),
      links: pairs
        .filter((p) => p.difference * direction > 0)
        .sort((a, b) => b.difference * direction - a.difference * direction || a.candidate.localeCompare(b.candidate))
        .slice(0, 3)
        .map((p) => ({ label: p.candidate })),
    };
  });
  return decide(measures);
}

/** One practice rating against the reference key. `exemplar` names the exemplar; `label` is the link text. */
export interface PracticeCell {
  interviewer: string;
  exemplar: string;
  interviewId: number;
  label: string;
  dimension: string;
  score: number;
  key: number;
}

/**
 * Far from the practice key: per practice rating, the interviewer's |rating − key| minus the peers'
 * mean |rating − key| on the same exemplar and dimension (one-sided: further than peers).
 */
export function measurePracticeDistance(cells: readonly PracticeCell[]): LoopEffectMeasure[] {
  const rule = LOOP_RULES.practice_distance;
  const byItem = new Map<string, PracticeCell[]>();
  for (const c of cells) {
    const item = `${c.exemplar}\u0000${c.dimension}`;
    byItem.set(item, [...(byItem.get(item) ?? []), c]);
  }
  const perInterviewer = new Map<string, { cell: PracticeCell; difference: number }[]>();
  for (const item of byItem.values()) {
    for (const cell of item) {
      const others = item.filter((o) => o.interviewer !== cell.interviewer);
      const list = perInterviewer.get(cell.interviewer) ?? [];
      if (others.length > 0) {
        const peer = mean(others.map((o) => Math.abs(o.score - o.key)));
        list.push({ cell, difference: Math.abs(cell.score - cell.key) - peer });
      }
      perInterviewer.set(cell.interviewer, list);
    }
  }
  const measures = [...perInterviewer.entries()].map(([interviewer, pairs]): LoopEffectMeasure => {
    const n = pairs.length;
    const t =
      n > 0
        ? tSummary(
            pairs.map((p) => p.difference),
            "greater",
          )
        : null;
    const enough = n >= rule.minimum && t !== null && t.ciLow !== null;
    // The practice scorecards furthest from the key, one link each.
    const byInterview = new Map<number, { label: string; distance: number }>();
    for (const { cell } of pairs) {
      const entry = byInterview.get(cell.interviewId) ?? { label: cell.label, distance: 0 };
      entry.distance += Math.abs(cell.score - cell.key);
      byInterview.set(cell.interviewId, entry);
    }
    return {
      interviewer,
      effect: "practice_distance",
      size: t ? t.mean : null,
      ciLow: t?.ciLow ?? null,
      ciHigh: t?.ciHigh ?? null,
      baseline: n > 0 ? mean(pairs.map((p) => Math.abs(p.cell.score - p.cell.key) - p.difference)) : null,
      percent: false,
      interval: "t",
      unit: "points further from the key than peers",
      evidence: n,
      minimum: rule.minimum,
      evidenceUnit: rule.evidenceUnit,
      relativeSize: t ? t.mean / rule.threshold : null,
      p: t?.p ?? null,
      flagged: false,
      withheld: enough ? null : withheldText(rule.minimum, n, rule.evidenceUnit),
      links: [...byInterview.entries()]
        .filter(([, e]) => e.distance > 0)
        .sort((a, b) => b[1].distance - a[1].distance || a[0] - b[0])
        .slice(0, 3)
        .map(([interviewId, e]) => ({ label: e.label, interviewId })),
    };
  });
  return decide(measures);
}

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
  for (const r of records) byInterviewer.set(r.interviewer, [...(byInterviewer.get(r.interviewer) ?? []), r]);
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

/** Every lead's-loop effect of every interviewer, from the evidence the dashboard gathers. */
export function measureLoopEffects(evidence: {
  redFlags: readonly { candidate: string; interviewer: string; redFlags: number }[];
  practice: readonly PracticeCell[];
  amendments: readonly CountRecord[];
  overdue: readonly CountRecord[];
  decisions: readonly CountRecord[];
}): LoopEffectMeasure[] {
  return [
    ...measureRedFlagUse(evidence.redFlags),
    ...measurePracticeDistance(evidence.practice),
    ...measureShare("amends_after_panel", evidence.amendments),
    ...measureShare("overdue_scorecards", evidence.overdue),
    ...measureShare("decision_disagreement", evidence.decisions),
  ];
}
