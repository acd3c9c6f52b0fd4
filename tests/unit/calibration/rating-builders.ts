// Small builders that turn test tables into long-format ratings.
import type { Rating } from "../../../app/domain/calibration/types";

/** Rows are candidates, columns interviewers, null a missing rating; one dimension. */
export function ratingsFromMatrix(matrix: readonly (readonly (number | null)[])[], dimension = "ownership"): Rating[] {
  return matrix.flatMap((row, c) =>
    row.flatMap((score, i) =>
      score === null ? [] : [{ candidate: `cand-${c}`, interviewer: `int-${i}`, dimension, score }],
    ),
  );
}

/** A scorecard: one interviewer's ratings of one candidate on several dimensions. */
export function scorecard(
  candidate: string,
  interviewer: string,
  scores: Record<string, number>,
  extra: Partial<Rating> = {},
): Rating[] {
  return Object.entries(scores).map(([dimension, score]) => ({ candidate, interviewer, dimension, score, ...extra }));
}
