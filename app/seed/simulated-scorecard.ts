// The one simulation of a submitted scorecard, shared by the demo seed and the bench's large database,
// so both show the dashboard the same kinds of interviewers. Pure: a seeded Random in, plain data out.
// The order of the random draws is part of the contract: changing it changes every seeded database.
import type { Random } from "~/domain/random";
import { computeWeightedScore, findCapViolations, findRecommendationConflict } from "~/domain/scoring";
import type { Recommendation, Rubric } from "~/domain/rubric/types";

/** How an interviewer tends to score: the tendencies the calibration dashboard looks for. */
export type RaterStyle = "neutral" | "lenient" | "harsh" | "halo" | "central";

const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloe",
  "Dev",
  "Elif",
  "Farah",
  "Gabe",
  "Hana",
  "Ivan",
  "Jun",
  "Kemi",
  "Luis",
  "Maya",
  "Noor",
  "Omar",
  "Pia",
  "Ravi",
  "Sofia",
  "Theo",
  "Uma",
  "Vik",
  "Wen",
  "Yara",
  "Zoe",
];
const LAST_NAMES = [
  "Abbott",
  "Bianchi",
  "Costa",
  "Dubois",
  "Eriksen",
  "Ferreira",
  "Gupta",
  "Haddad",
  "Ito",
  "Jensen",
  "Kim",
  "Larsen",
  "Mensah",
  "Nowak",
  "Ortiz",
  "Petrov",
  "Reyes",
  "Silva",
  "Tan",
  "Varga",
  "Weber",
  "Zhou",
];

/** A made-up "First Last" name (names repeat: two candidates may share one). */
export function drawPersonName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

export const CAP_JUSTIFICATION = "Flag raised early; the rest of the answer earned the higher rating.";
export const RECOMMENDATION_JUSTIFICATION = "Strong signal in the follow-ups that the ratings alone miss.";

const HOUR = 3_600_000;

export interface SimulatedRater {
  style?: RaterStyle;
  /** Added to every latent score: > 0 lenient, < 0 harsh. */
  severity?: number;
}

export interface SimulatedScorecard {
  ratings: Record<string, number>;
  redFlags: string[];
  /** Dimensions rated above a raised flag's cap (each needs a cap justification). */
  cappedDimensions: Set<string>;
  weightedScore: number;
  recommendation: Recommendation;
  /** The recommendation contradicts the weighted score (it needs a justification). */
  recommendationConflict: boolean;
  submittedAt: string;
  revision: number;
  timerElapsedMs: number;
}

/**
 * One rater's submitted scorecard for a candidate of latent `ability` (on the rubric's scale), in
 * `rater`'s style: the Amazon variant is scored harsher on Repair and Behavioural change a little
 * lower everywhere. `keyRatings` (practice on an exemplar) replaces the ability per dimension.
 */
export function simulateScorecard(
  random: Random,
  rubric: Rubric,
  opts: {
    rater: SimulatedRater;
    ability: number;
    variantKey: string;
    scheduledAtMs: number;
    keyRatings?: Record<string, number>;
  },
): SimulatedScorecard {
  const { rater, ability, variantKey, keyRatings } = opts;
  const severity = rater.severity ?? 0;
  const { min, max } = rubric.scale;
  const clamp = (x: number, lo = min, hi = max) => Math.min(hi, Math.max(lo, Math.round(x)));
  const latent = rubric.dimensions.map((d) => {
    const variantEffect = variantKey === "amazon" && d.key === "repair" ? -0.9 : 0;
    const dimensionEffect = d.key === "behavioural_change" ? -0.2 : 0;
    const centre = keyRatings?.[d.key] ?? ability + dimensionEffect + variantEffect;
    return centre + severity + random.normal(0, 0.45);
  });
  const haloScore = clamp(latent.reduce((a, b) => a + b, 0) / latent.length);
  const ratings: Record<string, number> = {};
  rubric.dimensions.forEach((d, i) => {
    ratings[d.key] =
      rater.style === "halo" ? haloScore : rater.style === "central" ? clamp(latent[i], 2, 3) : clamp(latent[i]);
  });

  const redFlags: string[] = [];
  if (ratings.ownership <= 2 && random.chance(0.4))
    redFlags.push(random.pick(["passive_voice", "blame_diffusion", "failure_not_mistake"]));
  if (ratings.behavioural_change <= 2 && random.chance(0.35))
    redFlags.push(random.pick(["no_mechanism", "generic_lesson"]));
  const cappedDimensions = new Set(findCapViolations(rubric, { ratings, redFlags }).map((v) => v.dimension));

  const weightedScore = computeWeightedScore(rubric, variantKey, ratings).score!;
  const leaning = weightedScore + severity * 0.3 + random.normal(0, 0.3);
  const recommendation: Recommendation =
    leaning >= 3.2 ? "strong_yes" : leaning >= 2.5 ? "yes" : leaning >= 1.8 ? "no" : "strong_no";
  const recommendationConflict = Boolean(findRecommendationConflict(rubric, recommendation, weightedScore));

  const submittedAt = new Date(opts.scheduledAtMs + (1 + random.int(0, 20)) * HOUR).toISOString();
  const revision = random.int(8, 40);
  const timerElapsedMs = random.int(35, 48) * 60_000;
  return {
    ratings,
    redFlags,
    cappedDimensions,
    weightedScore,
    recommendation,
    recommendationConflict,
    submittedAt,
    revision,
    timerElapsedMs,
  };
}
