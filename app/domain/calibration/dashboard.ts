import { evidenceCandidates, loopActions, rankActions, raterActions } from "./action-list";
import { MIN_SHARED_CANDIDATES, withEnoughEvidence as honest } from "./evidence";
import { interviewerProfile } from "./interviewer-profile";
import type { CountRecord, LoopEffectMeasure, PracticeCell } from "./loop-effects";
import type { CalibrationReport } from "./report";
import { RECOMMENDATIONS, scaleCategories, type Rating, type Recommendation } from "./types";

// Chart-ready views of a calibration report for the dashboard. Components draw these and compute
// nothing; every figure resting on less than MIN_SHOWN units of comparable evidence (shared
// candidates, candidates rated by two or more, candidates in common) is withheld (value null, the
// count kept, and a sentence saying what is missing). Never counted in raw ratings (evidence.ts).

export const MIN_SHOWN = MIN_SHARED_CANDIDATES;

/**
 * Krippendorff (2004, Content Analysis, 2nd ed., §11.4.4): rely on variables with alpha >= .800;
 * alpha >= .667 allows only tentative conclusions.
 */
export const AGREEMENT_MARKS = { tentative: 0.667, reliable: 0.8 } as const;

export interface DashboardContext {
  report: CalibrationReport;
  ratings: readonly Rating[];
  interviewerNames: Record<string, string>;
  dimensionNames: Record<string, string>;
  variantNames: Record<string, string>;
  /**
   * Set by an interviewer filter: the interviewers (keys) the view is about. The report still holds
   * their co-panellists, so each statistic compares them with peers; interviewer lists show only these.
   */
  focus?: readonly string[];
  /** The evidence behind the lead's-loop effects (loop-effects.ts); absent, those effects are not measured. */
  loop?: LoopEvidence;
  /** Those effects already measured (measureLoopEffects of the same evidence), in place of `loop`. */
  loopEffects?: LoopEffectMeasure[];
}

export interface LoopEvidence {
  /** Red flags per submitted scorecard in view (imports left out). */
  redFlags: readonly { candidate: string; interviewer: string; redFlags: number }[];
  practice: readonly PracticeCell[];
  amendments: readonly CountRecord[];
  overdue: readonly CountRecord[];
  decisions: readonly CountRecord[];
}

/** The report's interviewers the view is about: all of them, or the focused ones. */
function focusedInterviewers(ctx: DashboardContext) {
  const focus = ctx.focus ? new Set(ctx.focus) : null;
  return focus ? ctx.report.interviewers.filter((i) => focus.has(i.interviewer)) : ctx.report.interviewers;
}

const nameOf = (names: Record<string, string>, key: string) => names[key] ?? key;

export function agreementBand(alpha: number | null): "reliable" | "tentative" | "unreliable" | null {
  if (alpha === null) return null;
  return alpha >= AGREEMENT_MARKS.reliable
    ? "reliable"
    : alpha >= AGREEMENT_MARKS.tentative
      ? "tentative"
      : "unreliable";
}

/** The overview's panel-size planner, per variant. */
export function overviewVariantReliability(ctx: DashboardContext) {
  return ctx.report.variantReliability.map((v) => ({
    variant: v.variant,
    name: nameOf(ctx.variantNames, v.variant),
    sharedCandidates: v.sharedCandidates,
    reliability: v.reliability,
    withheld: v.withheld,
  }));
}

export function buildOverview(ctx: DashboardContext, loop: readonly LoopEffectMeasure[] = [], splitLimit = 5) {
  const { report } = ctx;
  const focus = ctx.focus ? new Set(ctx.focus) : null;
  const inFocus = focus ? loop.filter((m) => focus.has(m.interviewer)) : loop;
  return {
    totals: report.totals,
    agreement: report.dimensions.map((d) => {
      // Comparable evidence: candidates rated on this dimension by two interviewers or more.
      const alpha = honest(d.alpha.ordinal, d.pairableCandidates);
      return {
        dimension: d.dimension,
        name: nameOf(ctx.dimensionNames, d.dimension),
        alpha,
        n: d.pairableCandidates,
        band: agreementBand(alpha),
      };
    }),
    model: report.model,
    variantReliability: overviewVariantReliability(ctx),
    recommendations: {
      kappa: honest(report.disagreements.recommendationKappa, report.recommendationCandidates),
      n: report.recommendationCandidates,
    },
    /** Interviewers with enough shared candidates to be judged at all. */
    judged: focusedInterviewers(ctx).filter((i) => i.rater.withheld === null).length,
    flagged: focusedInterviewers(ctx)
      .filter((i) => i.rater.flags.length > 0)
      .map((i) => ({
        interviewer: i.interviewer,
        name: nameOf(ctx.interviewerNames, i.interviewer),
        flags: i.rater.flags,
        ...i.leniency,
        rater: i.rater,
      })),
    split: buildQueue(ctx, splitLimit),
    /** Who needs a calibration conversation, about what: ranked (action-list.ts), with the candidates that show it. */
    actions: rankActions([
      ...raterActions(
        focusedInterviewers(ctx).map((i) => ({
          interviewer: i.interviewer,
          name: nameOf(ctx.interviewerNames, i.interviewer),
          rater: i.rater,
        })),
        report.scale,
      ).map((a) => ({
        ...a,
        links: evidenceCandidates(ctx.ratings, a.interviewer, a.effect, report.scale).map((label) => ({
          label,
          candidateId: candidateIdOf(ctx.ratings).get(label),
        })),
      })),
      ...loopActions(inFocus, ctx.interviewerNames),
    ]),
  };
}

/** The first `limit` entries of the disagreement queue with their dimension's name (the views show only those). */
export function buildQueue(ctx: DashboardContext, limit = Number.POSITIVE_INFINITY) {
  return ctx.report.disagreements.queue.slice(0, limit).map((d) => ({
    ...d,
    spreadDimensionName: d.spreadDimension ? nameOf(ctx.dimensionNames, d.spreadDimension) : null,
  }));
}

/** One recommendation per scorecard (candidate x interviewer), counted per interviewer. */
function recommendationMix(ratings: readonly Rating[]) {
  // Each scorecard's recommendation once: its interviewers per candidate (no key string per rating).
  const seen = new Map<string, Set<string>>();
  const mix = new Map<string, Record<Recommendation, number>>();
  // The last rating whose card is in `seen`: a scorecard's ratings usually come together (the
  // export's order), so most are the same card as it.
  let last: Rating | undefined;
  for (const r of ratings) {
    if (!r.recommendation) continue;
    if (last !== undefined && last.candidate === r.candidate && last.interviewer === r.interviewer) continue;
    last = r;
    let cards = seen.get(r.candidate);
    if (cards === undefined) seen.set(r.candidate, (cards = new Set()));
    if (cards.has(r.interviewer)) continue;
    cards.add(r.interviewer);
    const counts =
      mix.get(r.interviewer) ??
      (Object.fromEntries(RECOMMENDATIONS.map((k) => [k, 0])) as Record<Recommendation, number>);
    counts[r.recommendation as Recommendation] += 1;
    mix.set(r.interviewer, counts);
  }
  return mix;
}

export function buildInterviewerView(ctx: DashboardContext) {
  const mix = recommendationMix(ctx.ratings);
  const rows = focusedInterviewers(ctx).map((i) => {
    const counts =
      mix.get(i.interviewer) ??
      (Object.fromEntries(RECOMMENDATIONS.map((k) => [k, 0])) as Record<Recommendation, number>);
    return {
      interviewer: i.interviewer,
      name: nameOf(ctx.interviewerNames, i.interviewer),
      ratings: i.ratings,
      leniency: i.leniency,
      rater: i.rater,
      recommendations: { ...counts, total: RECOMMENDATIONS.reduce((sum, k) => sum + counts[k], 0) },
      ...interviewerProfile(i),
      distribution: i.spread.distribution,
      haloScorecards: i.halo.scorecards,
      peerRedFlagMean: i.redFlags.peerMeanRedFlags,
      redFlagScorecards: i.redFlags.scorecards,
      drift: i.drift.map((m) => ({ month: m.month, leniency: m.leniency, ciLow: m.ciLow, ciHigh: m.ciHigh, n: m.n })),
    };
  });
  // Largest |leniency| first, so the outliers lead; withheld figures last.
  const byLeniency = [...rows].sort(
    (a, b) => Math.abs(b.leniency.leniency ?? -1) - Math.abs(a.leniency.leniency ?? -1),
  );
  return { rows: byLeniency, months: [...new Set(rows.flatMap((r) => r.drift.map((d) => d.month)))].sort() };
}

/** A heat map past this many interviewers is unreadable (and heavy): it shows the best-paired ones. */
export const HEATMAP_LIMIT = 30;

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The interviewers with the most qualifying pairs, in name order. */
function busiestInterviewers(pairs: { a: string; b: string }[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const p of pairs) for (const k of [p.a, p.b]) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([k]) => k)
    .sort();
}

export function buildDimensionView(ctx: DashboardContext) {
  const categories = scaleCategories(ctx.report.scale);
  // Counts per dimension and category; a rubric has a handful of dimensions, so a short list
  // searched by name beats hashing every rating's name.
  const { min, max } = ctx.report.scale;
  const dimensions: string[] = [];
  const perDimension: Float64Array[] = [];
  for (const r of ctx.ratings) {
    let d = dimensions.indexOf(r.dimension);
    if (d < 0) d = dimensions.push(r.dimension) - 1;
    (perDimension[d] ??= new Float64Array(max - min + 1))[r.score - min] += 1;
  }
  const countOf = (dimension: string, score: number) => {
    const d = dimensions.indexOf(dimension);
    return d < 0 ? 0 : perDimension[d][score - min];
  };
  return ctx.report.dimensions.map((d) => {
    const byPair = new Map(d.pairs.map((p) => [pairKey(p.a, p.b), p]));
    const interviewers = busiestInterviewers(d.pairs, HEATMAP_LIMIT);
    const kappaOf = (a: string, b: string) => byPair.get(pairKey(a, b));
    return {
      dimension: d.dimension,
      name: nameOf(ctx.dimensionNames, d.dimension),
      distribution: categories.map((score) => ({ score, count: countOf(d.dimension, score) })),
      ratings: d.ratings,
      candidates: d.candidates,
      pairableCandidates: d.pairableCandidates,
      alpha: d.alpha,
      alphaInterval: d.alphaInterval,
      band: agreementBand(d.alpha.ordinal),
      icc: d.icc,
      fleissKappa: d.fleissKappa,
      heatmap: {
        pairedInterviewers: new Set(d.pairs.flatMap((p) => [p.a, p.b])).size,
        interviewers: interviewers.map((k) => ({ key: k, name: nameOf(ctx.interviewerNames, k) })),
        cells: interviewers.map((a) =>
          interviewers.map((b) => {
            const pair = a === b ? undefined : kappaOf(a, b);
            return pair ? { n: pair.n, kappa: pair.kappa.quadratic } : null;
          }),
        ),
      },
    };
  });
}

const candidateIds = new WeakMap<readonly Rating[], Map<string, number>>();

/** Each candidate's database id by the candidate key the ratings group on (for links; never parsed from the key). */
function candidateIdOf(ratings: readonly Rating[]): Map<string, number> {
  let ids = candidateIds.get(ratings);
  if (ids === undefined) {
    ids = new Map();
    for (const r of ratings) if (r.candidateId !== undefined) ids.set(r.candidate, r.candidateId);
    candidateIds.set(ratings, ids);
  }
  return ids;
}
