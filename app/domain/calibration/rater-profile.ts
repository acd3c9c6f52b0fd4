import type { RatingTable } from "./rating-table";
import { addToMoments, createMoments, meanOf, standardDeviationOf, subtractMoments } from "./summary-stats";
import { scaleCategories, type Scale, type ScorecardRedFlags } from "./types";

export interface ScoreCount {
  score: number;
  count: number;
}

/** How an interviewer uses the scale. */
export interface RaterSpread {
  sd: number | null;
  /** Share of ratings at either end of the scale. */
  extremeShare: number | null;
  /** Share of ratings in the central category (odd scales) or two central categories (even scales). */
  middleShare: number | null;
  /** One entry per scale category, used or not. */
  distribution: ScoreCount[];
  categoriesUsed: number[];
}

export interface RaterHalo {
  /** Scorecards that rated two dimensions or more. */
  scorecards: number;
  /** Share of those that gave the same rating on every dimension. */
  share: number | null;
}

export interface RaterRedFlags {
  scorecards: number;
  meanRedFlags: number | null;
  /** Mean red flags per scorecard of every other interviewer. */
  peerMeanRedFlags: number | null;
  difference: number | null;
}

/**
 * The central categories, excluding the ends: {2, 3} on 1–4, {3} on 1–5, {5} on 0–10. Central
 * tendency is the habit of avoiding the ends in favour of the middle, so the ends never count.
 */
function middleCategories(scale: Scale): Set<number> {
  const centre = (scale.min + scale.max) / 2;
  return new Set(scaleCategories(scale).filter((c) => Math.abs(c - centre) < 1 && c !== scale.min && c !== scale.max));
}

export function computeSpreads(table: RatingTable, scale: Scale): RaterSpread[] {
  const categories = scaleCategories(scale);
  const middle = middleCategories(scale);
  const counts = table.interviewers.map(() => new Float64Array(categories.length));
  const moments = table.interviewers.map(() => createMoments());
  for (let i = 0; i < table.size; i++) {
    counts[table.interviewerOf[i]][table.scoreOf[i] - scale.min] += 1;
    addToMoments(moments[table.interviewerOf[i]], table.scoreOf[i]);
  }
  return counts.map((perCategory, interviewer) => {
    const n = moments[interviewer].n;
    const shareOf = (selected: (score: number) => boolean): number | null =>
      n === 0 ? null : categories.reduce((sum, score, k) => sum + (selected(score) ? perCategory[k] : 0), 0) / n;
    return {
      sd: standardDeviationOf(moments[interviewer]),
      extremeShare: shareOf((score) => score === scale.min || score === scale.max),
      middleShare: middle.size === 0 ? null : shareOf((score) => middle.has(score)),
      distribution: categories.map((score, k) => ({ score, count: perCategory[k] })),
      categoriesUsed: categories.filter((_, k) => perCategory[k] > 0),
    };
  });
}

/** Halo: the share of an interviewer's multi-dimension scorecards with one rating repeated on every dimension. */
export function computeHalo(table: RatingTable): RaterHalo[] {
  const { scorecards, scoreOf, interviewerOf } = table;
  const eligible = new Float64Array(table.interviewers.length);
  const uniform = new Float64Array(table.interviewers.length);
  for (let s = 0; s < scorecards.count; s++) {
    const from = scorecards.start[s];
    const to = scorecards.start[s + 1];
    if (to - from < 2) continue;
    const interviewer = interviewerOf[scorecards.order[from]];
    eligible[interviewer] += 1;
    let same = true;
    for (let p = from + 1; p < to && same; p++) same = scoreOf[scorecards.order[p]] === scoreOf[scorecards.order[from]];
    if (same) uniform[interviewer] += 1;
  }
  return Array.from(eligible, (n, interviewer) => ({
    scorecards: n,
    share: n === 0 ? null : uniform[interviewer] / n,
  }));
}

/**
 * Mean red flags per scorecard of each interviewer against everyone else's (indexed like
 * table.interviewers). Scorecards of interviewers with no rating are left out, as they are from the
 * rest of the report.
 */
export function computeRedFlagRates(table: RatingTable, scorecards: readonly ScorecardRedFlags[]): RaterRedFlags[] {
  const idOf = new Map(table.interviewers.map((name, id) => [name, id]));
  const own = table.interviewers.map(() => createMoments());
  const everyone = createMoments();
  for (const scorecard of scorecards) {
    const id = idOf.get(scorecard.interviewer);
    if (id === undefined) continue;
    addToMoments(own[id], scorecard.redFlags);
    addToMoments(everyone, scorecard.redFlags);
  }
  return own.map((mine) => {
    const meanRedFlags = meanOf(mine);
    const peerMeanRedFlags = meanOf(subtractMoments(everyone, mine));
    return {
      scorecards: mine.n,
      meanRedFlags,
      peerMeanRedFlags,
      difference: meanRedFlags === null || peerMeanRedFlags === null ? null : meanRedFlags - peerMeanRedFlags,
    };
  });
}
