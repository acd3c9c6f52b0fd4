import { firstInOrder } from "./first-in-order";
import type { ConversationEffect } from "../conversation-effects";
import type { EvidenceLink, LoopEffectMeasure } from "./loop-effects";
import {
  CENTRAL_MAX_RATIO,
  ERRATIC_MIN_RATIO,
  HALO_MAX_RATIO,
  LENIENCY_MIN_EFFECT,
  MIN_SHARED_CANDIDATES,
  type PairedDifference,
  type RaterEffectSummary,
} from "./rater-flags";
import type { Rating, Scale } from "./types";

// "Who needs a calibration conversation, about what": one entry per interviewer and effect.
//
// Ranking rule: priority = relative size × certainty, largest first (ties by name).
//   relative size — the effect measured against its own flag threshold, so 1 is "just flagged" and
//     effects in different units compare (lenient/severe: |model effect| ÷ LENIENCY_MIN_EFFECT;
//     halo: (1 − spread ratio) ÷ (1 − HALO_MAX_RATIO); central tendency: (1 − range ratio) ÷
//     (1 − CENTRAL_MAX_RATIO); erratic: (misfit ratio − 1) ÷ (ERRATIC_MIN_RATIO − 1)); the lead's-loop
//     effects (loop-effects.ts): the difference from peers ÷ its threshold in LOOP_RULES (red flags
//     |mean difference| ÷ 0.5 per scorecard; practice key extra distance ÷ 0.5 points; shares (own −
//     peers' share) ÷ 10, 15 or 20 percentage points);
//   certainty — 1 − p of the test behind the flag (rater-flags.ts; loop-effects.ts: t test or
//     Fisher's exact test), so a large effect on thin evidence ranks below a slightly smaller one
//     that is nearly certain.
// Nothing is listed without enough evidence: an entry needs `evidence >= minimum` (the rater model's
// MIN_SHARED_CANDIDATES for its four effects, LOOP_RULES for the others), must be at or past its
// threshold, and its test must hold after the Benjamini–Hochberg correction for its kind.

export interface ActionEntry {
  /** The interviewer's key in the report (their email). */
  interviewer: string;
  name: string;
  effect: ConversationEffect;
  /** The measure shown, with its 95% interval, in `unit`. */
  size: number;
  ciLow: number;
  ciHigh: number;
  unit: string;
  relativeSize: number;
  /** 0–1: 1 − p of the test behind the entry. */
  certainty: number;
  /** How much evidence (shared candidates, scorecards …) and how much the effect needs. */
  evidence: number;
  minimum: number;
  /** What `evidence` counts ("shared candidates", "decided debriefs" …). */
  evidenceUnit: string;
  /** How the interval was made: normal (the model's conditional SD), t, or exact (Clopper–Pearson). */
  interval: "normal" | "t" | "exact";
  /** Shares (0–1) are shown as percentages, set against the peers' share (`baseline`). */
  percent: boolean;
  baseline: number | null;
  /** Scorecards that show the effect; loop effects name them, rater effects are filled in by evidenceCandidates. */
  links: EvidenceLink[];
}

export type RankedAction = ActionEntry & { priority: number };

export function rankActions(entries: readonly ActionEntry[]): RankedAction[] {
  return entries
    .filter((e) => e.evidence >= e.minimum && e.relativeSize >= 1 && Number.isFinite(e.certainty) && e.certainty > 0)
    .map((e) => ({ ...e, priority: e.relativeSize * e.certainty }))
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name) || a.effect.localeCompare(b.effect));
}

/**
 * The flags measured as a paired difference against co-panellists (or the panel), each with its unit
 * and its size relative to the flag's threshold (1 = just at it).
 */
const PAIRED_EFFECTS: Record<
  "halo" | "central_tendency" | "erratic",
  (rater: RaterEffectSummary) => { difference: PairedDifference | null; relativeSize: number | null; unit: string }
> = {
  halo: (r) => ({
    difference: r.spreadDifference,
    relativeSize: r.spreadRatio === null ? null : (1 - r.spreadRatio) / (1 - HALO_MAX_RATIO),
    unit: "points of spread across dimensions vs co-panellists",
  }),
  central_tendency: (r) => ({
    difference: r.rangeDifference,
    relativeSize: r.rangeRatio === null ? null : (1 - r.rangeRatio) / (1 - CENTRAL_MAX_RATIO),
    unit: "points of movement between candidates vs co-panellists",
  }),
  erratic: (r) => ({
    difference: r.misfitDifference,
    relativeSize: r.misfitRatio === null ? null : (r.misfitRatio - 1) / (ERRATIC_MIN_RATIO - 1),
    unit: "points² of misfit to the model vs the panel",
  }),
};

/** The rater model's flagged effects as action entries (only flags: they already passed the FDR test). */
export function raterActions(
  rows: readonly { interviewer: string; name: string; rater: RaterEffectSummary }[],
  scale: Scale,
): ActionEntry[] {
  const minEffect = (LENIENCY_MIN_EFFECT * (scale.max - scale.min)) / 3;
  const entries: ActionEntry[] = [];
  for (const { interviewer, name, rater } of rows) {
    const base = {
      interviewer,
      name,
      evidence: rater.sharedCandidates,
      minimum: MIN_SHARED_CANDIDATES,
      evidenceUnit: "shared candidates",
      percent: false,
      baseline: null,
      links: [],
    };
    for (const flag of rater.flags) {
      if (
        (flag === "lenient" || flag === "severe") &&
        rater.effect !== null &&
        rater.ciLow !== null &&
        rater.ciHigh !== null &&
        rater.p.leniency !== null
      ) {
        entries.push({
          ...base,
          effect: flag,
          size: rater.effect,
          ciLow: rater.ciLow,
          ciHigh: rater.ciHigh,
          unit: "points vs the panel",
          interval: "normal",
          relativeSize: Math.abs(rater.effect) / minEffect,
          certainty: 1 - rater.p.leniency,
        });
      } else if (flag !== "lenient" && flag !== "severe") {
        const paired = PAIRED_EFFECTS[flag](rater);
        const p = rater.p[flag === "central_tendency" ? "central" : flag];
        if (paired.difference === null || paired.relativeSize === null || p === null) continue;
        const { mean, ciLow, ciHigh } = paired.difference;
        entries.push({
          ...base,
          effect: flag,
          size: mean,
          ciLow,
          ciHigh,
          unit: paired.unit,
          interval: "t",
          relativeSize: paired.relativeSize,
          certainty: 1 - p,
        });
      }
    }
  }
  return entries;
}

/** The lead's-loop effects that are flagged (enough evidence, past the threshold, held after the correction). */
export function loopActions(measures: readonly LoopEffectMeasure[], names: Record<string, string>): ActionEntry[] {
  return measures.flatMap((m) =>
    m.flagged && m.size !== null && m.ciLow !== null && m.ciHigh !== null && m.relativeSize !== null && m.p !== null
      ? [
          {
            interviewer: m.interviewer,
            name: names[m.interviewer] ?? m.interviewer,
            effect: m.effect,
            size: m.size,
            ciLow: m.ciLow,
            ciHigh: m.ciHigh,
            unit: m.unit,
            relativeSize: m.relativeSize,
            certainty: 1 - m.p,
            evidence: m.evidence,
            minimum: m.minimum,
            evidenceUnit: m.evidenceUnit,
            interval: m.interval,
            percent: m.percent,
            baseline: m.baseline,
            links: m.links,
          },
        ]
      : [],
  );
}

interface ScorecardIndex {
  /** Candidate -> interviewer -> their scores of that candidate. */
  cards: Map<string, Map<string, number[]>>;
  /** Interviewer -> the candidates they rated. */
  candidatesOf: Map<string, string[]>;
}

// Built once per ratings array: every action asks for its interviewer's evidence, and rebuilding
// the index from 400,000 ratings per action was most of a cold dashboard computation (#16).
const indexes = new WeakMap<readonly Rating[], ScorecardIndex>();

function scorecardIndex(ratings: readonly Rating[]): ScorecardIndex {
  const known = indexes.get(ratings);
  if (known) return known;
  const cards = new Map<string, Map<string, number[]>>();
  const candidatesOf = new Map<string, string[]>();
  // A scorecard's ratings usually come together (the export's order): the same card as the last
  // rating's takes its scores list without two lookups.
  let last: Rating | undefined;
  let lastScores: number[] = [];
  for (const r of ratings) {
    if (last !== undefined && r.candidate === last.candidate && r.interviewer === last.interviewer) {
      lastScores.push(r.score);
      continue;
    }
    last = r;
    let byInterviewer = cards.get(r.candidate);
    if (!byInterviewer) cards.set(r.candidate, (byInterviewer = new Map()));
    const scores = byInterviewer.get(r.interviewer);
    if (scores) (lastScores = scores).push(r.score);
    else {
      byInterviewer.set(r.interviewer, (lastScores = [r.score]));
      const mine = candidatesOf.get(r.interviewer);
      if (mine) mine.push(r.candidate);
      else candidatesOf.set(r.interviewer, [r.candidate]);
    }
  }
  const index = { cards, candidatesOf };
  indexes.set(ratings, index);
  return index;
}

/**
 * The shared candidates that show an effect most plainly, at most `limit`: for lenient/severe the
 * largest own-minus-peers mean in that direction; for halo the flattest own scorecard against the
 * peers'; for central tendency the candidates the peers put furthest from the middle of the scale
 * while this interviewer stayed near it; for erratic the furthest from the co-panellists either way.
 */
export function evidenceCandidates(
  ratings: readonly Rating[],
  interviewer: string,
  effect: ConversationEffect,
  scale: Scale,
  limit = 3,
): string[] {
  const middle = (scale.min + scale.max) / 2;
  const { cards, candidatesOf } = scorecardIndex(ratings);
  // Sums in the order the lists hold (as reduce takes them), without building the peers' lists.
  const mean = (xs: number[]) => {
    let sum = 0;
    for (const x of xs) sum += x;
    return sum / xs.length;
  };
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidatesOf.get(interviewer) ?? []) {
    const byInterviewer = cards.get(candidate)!;
    const own = byInterviewer.get(interviewer);
    let peers = 0;
    let peerMeans = 0;
    let peerSpreads = 0;
    byInterviewer.forEach((scores, key) => {
      if (key === interviewer) return;
      peers += 1;
      peerMeans += mean(scores);
      if (effect === "halo") peerSpreads += spread(scores);
    });
    if (!own || peers === 0) continue;
    const peerMean = peerMeans / peers;
    const score =
      effect === "lenient"
        ? mean(own) - peerMean
        : effect === "severe"
          ? peerMean - mean(own)
          : effect === "halo"
            ? peerSpreads / peers - spread(own)
            : effect === "central_tendency"
              ? Math.abs(peerMean - middle) - Math.abs(mean(own) - middle)
              : effect === "erratic"
                ? Math.abs(mean(own) - peerMean)
                : 0;
    if (score > 0) scored.push({ candidate, score });
  }
  return firstInOrder(scored, limit, (a, b) => b.score - a.score || a.candidate.localeCompare(b.candidate)).map(
    (s) => s.candidate,
  );
}
