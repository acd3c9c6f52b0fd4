import type { Dimension, LevelKey, Recommendation } from "./rubric/types";

// Calibration practice: interviewers score a worked answer (an exemplar) and are compared with
// its reference key. A difference is the interviewer's rating minus the key's, so a positive
// signed mean means they score above the key (lenient) and a negative one below it (harsh);
// the mean absolute difference says how far they land from it, whatever the direction.

export interface ReferenceKey {
  /** The key's rating per dimension, on the rubric's scale. */
  ratings: Record<string, number>;
  recommendation: Recommendation;
  redFlags: string[];
  /** One line per dimension: why the key gives that rating, from the anchors and the source. */
  rationale: Record<string, string>;
}

export interface Exemplar {
  title: string;
  /** The worked answer, verbatim from its source. */
  answer: string;
  /** Where the answer comes from. */
  source: string;
  level: LevelKey;
  referenceKey: ReferenceKey;
}

/** One rating of one practice scorecard. */
export interface PracticeRating {
  interviewerId: number;
  exemplarId: number;
  dimension: string;
  score: number;
}

export interface DistanceCell {
  /** Ratings compared with the key. */
  n: number;
  /** Mean of |rating − key|. */
  meanAbsolute: number;
  /** Mean of rating − key: above zero, they score above the key. */
  meanSigned: number;
}

export interface InterviewerDistances {
  interviewerId: number;
  byDimension: Record<string, DistanceCell>;
  /** Over every compared rating, all dimensions together. */
  overall: DistanceCell;
  /** Distinct exemplars with at least one compared rating. */
  exemplars: number;
}

function cellOf(differences: number[]): DistanceCell {
  const n = differences.length;
  const sum = (f: (d: number) => number) => differences.reduce((acc, d) => acc + f(d), 0);
  return { n, meanAbsolute: sum(Math.abs) / n, meanSigned: sum((d) => d) / n };
}

/**
 * Per interviewer and dimension, how far their practice ratings land from the reference keys.
 * A rating on a dimension (or exemplar) that has no key is not compared. Sorted furthest first.
 */
export function computeKeyDistances(
  ratings: readonly PracticeRating[],
  keys: ReadonlyMap<number, Pick<ReferenceKey, "ratings">>,
): InterviewerDistances[] {
  const byInterviewer = new Map<number, { all: number[]; dims: Map<string, number[]>; exemplars: Set<number> }>();
  for (const r of ratings) {
    const key = keys.get(r.exemplarId)?.ratings[r.dimension];
    if (key == null) continue;
    let entry = byInterviewer.get(r.interviewerId);
    if (!entry) byInterviewer.set(r.interviewerId, (entry = { all: [], dims: new Map(), exemplars: new Set() }));
    const difference = r.score - key;
    entry.all.push(difference);
    const list = entry.dims.get(r.dimension) ?? [];
    list.push(difference);
    entry.dims.set(r.dimension, list);
    entry.exemplars.add(r.exemplarId);
  }
  return [...byInterviewer.entries()]
    .map(([interviewerId, e]) => ({
      interviewerId,
      byDimension: Object.fromEntries([...e.dims.entries()].map(([dimension, diffs]) => [dimension, cellOf(diffs)])),
      overall: cellOf(e.all),
      exemplars: e.exemplars.size,
    }))
    .sort((a, b) => b.overall.meanAbsolute - a.overall.meanAbsolute || a.interviewerId - b.interviewerId);
}

export interface PracticeScores {
  ratings: Record<string, number | null | undefined>;
  recommendation: Recommendation | null;
  redFlags: string[];
}

export interface KeyComparison {
  dimensions: {
    dimension: string;
    name: string;
    score: number | null;
    key: number | null;
    difference: number | null;
    rationale: string;
  }[];
  recommendation: { yours: Recommendation | null; key: Recommendation; same: boolean };
  redFlags: { both: string[]; onlyYours: string[]; onlyKey: string[] };
  /** Mean |rating − key| over the dimensions both rated; null when none. */
  meanAbsolute: number | null;
}

/** One submitted practice scorecard beside the key, dimension by dimension, in rubric order. */
export function compareWithKey(
  dimensions: readonly Pick<Dimension, "key" | "name">[],
  scores: PracticeScores,
  key: ReferenceKey,
): KeyComparison {
  const rows = dimensions.map((d) => {
    const score = scores.ratings[d.key] ?? null;
    const keyScore = key.ratings[d.key] ?? null;
    return {
      dimension: d.key,
      name: d.name,
      score,
      key: keyScore,
      difference: score != null && keyScore != null ? score - keyScore : null,
      rationale: key.rationale[d.key] ?? "",
    };
  });
  const differences = rows.map((r) => r.difference).filter((d): d is number => d !== null);
  return {
    dimensions: rows,
    recommendation: {
      yours: scores.recommendation,
      key: key.recommendation,
      same: scores.recommendation === key.recommendation,
    },
    redFlags: {
      both: scores.redFlags.filter((f) => key.redFlags.includes(f)),
      onlyYours: scores.redFlags.filter((f) => !key.redFlags.includes(f)),
      onlyKey: key.redFlags.filter((f) => !scores.redFlags.includes(f)),
    },
    meanAbsolute: differences.length ? cellOf(differences).meanAbsolute : null,
  };
}
