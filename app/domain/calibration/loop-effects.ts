import {
  decide,
  LOOP_RULES,
  mean,
  pairedDifferences,
  tOfDifferences,
  withheldText,
  type LoopEffectMeasure,
} from "./loop-effect-rules";
import { measureShare, tallyRecords, type CountRecord, type ShareTally } from "./loop-share-effects";
import { firstInOrder } from "./first-in-order";
import type { ScorecardRedFlags } from "./types";

export {
  LOOP_RULES,
  OVERDUE_AFTER_HOURS,
  type EvidenceLink,
  type LoopEffect,
  type LoopEffectMeasure,
} from "./loop-effect-rules";
export { countRecord, measureShare, tallyRecords, type CountRecord, type ShareTally } from "./loop-share-effects";

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
 * Red flags under- or over-used: per shared candidate, the interviewer's red flags minus the mean
 * of the co-panellists' on that candidate (scorecards that carry flags: imports are left out).
 */
export function measureRedFlagUse(scorecards: readonly ScorecardRedFlags[]): LoopEffectMeasure[] {
  const rule = LOOP_RULES.red_flags;
  const byCandidate = new Map<string, ScorecardRedFlags[]>();
  for (const s of scorecards) {
    const group = byCandidate.get(s.candidate);
    if (group === undefined) byCandidate.set(s.candidate, [s]);
    else group.push(s);
  }
  const perInterviewer = pairedDifferences(byCandidate.values(), (card) => card.redFlags);
  const measures = [...perInterviewer.entries()].map(([interviewer, pairs]): LoopEffectMeasure => {
    const n = pairs.length;
    const t = tOfDifferences(pairs, "two");
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
      links: firstInOrder(
        pairs.filter((p) => p.difference * direction > 0),
        3,
        (a, b) =>
          b.difference * direction - a.difference * direction || a.item.candidate.localeCompare(b.item.candidate),
      ).map(({ item }) => ({ label: item.candidate, candidateId: item.candidateId })),
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
    const group = byItem.get(item);
    if (group === undefined) byItem.set(item, [c]);
    else group.push(c);
  }
  const perInterviewer = pairedDifferences(byItem.values(), (cell) => Math.abs(cell.score - cell.key));
  const measures = [...perInterviewer.entries()].map(([interviewer, pairs]): LoopEffectMeasure => {
    const n = pairs.length;
    const t = tOfDifferences(pairs, "greater");
    const enough = n >= rule.minimum && t !== null && t.ciLow !== null;
    // The practice scorecards furthest from the key, one link each.
    const byInterview = new Map<number, { label: string; distance: number }>();
    for (const { item: cell } of pairs) {
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
      baseline: n > 0 ? mean(pairs.map((p) => Math.abs(p.item.score - p.item.key) - p.difference)) : null,
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

/** Every lead's-loop effect of every interviewer, from the evidence the dashboard gathers. */
export function measureLoopEffects(
  evidence: RecordedLoopEvidence & { redFlags: readonly ScorecardRedFlags[] },
): LoopEffectMeasure[] {
  return withRedFlagEffects(
    measureRedFlagUse(evidence.redFlags),
    measureRecordedLoopEffects(tallyLoopEvidence(evidence)),
  );
}

/**
 * The red flags' effects (measureRedFlagUse), then the records' (measureRecordedLoopEffects), each
 * measured where and when it suits: measureLoopEffects' order.
 */
export function withRedFlagEffects(
  redFlagUse: readonly LoopEffectMeasure[],
  recorded: readonly LoopEffectMeasure[],
): LoopEffectMeasure[] {
  return [...redFlagUse, ...recorded];
}

/** The loop evidence read from its own records (all but the red flags, which come with the ratings). */
export interface RecordedLoopEvidence {
  practice: readonly PracticeCell[];
  amendments: readonly CountRecord[];
  overdue: readonly CountRecord[];
  decisions: readonly CountRecord[];
}

/** The same evidence with each share effect's records counted per interviewer: what the effects read. */
export interface RecordedLoopTallies {
  practice: readonly PracticeCell[];
  amendments: ShareTally;
  overdue: ShareTally;
  decisions: ShareTally;
}

export function tallyLoopEvidence(evidence: RecordedLoopEvidence): RecordedLoopTallies {
  return {
    practice: evidence.practice,
    amendments: tallyRecords(evidence.amendments),
    overdue: tallyRecords(evidence.overdue),
    decisions: tallyRecords(evidence.decisions),
  };
}

/**
 * The effects measured from those records, in measureLoopEffects' order: each kind is decided on its
 * own, so they can be measured where the records are read (the server reads them on a second thread
 * while the ratings are read) and put after the red flags' effects.
 */
export function measureRecordedLoopEffects(tallies: RecordedLoopTallies): LoopEffectMeasure[] {
  return [
    ...measurePracticeDistance(tallies.practice),
    ...measureShare("amends_after_panel", tallies.amendments),
    ...measureShare("overdue_scorecards", tallies.overdue),
    ...measureShare("decision_disagreement", tallies.decisions),
  ];
}
