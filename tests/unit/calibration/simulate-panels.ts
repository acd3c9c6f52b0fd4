// Deterministic simulated interview data with known truth, shared by the property tests and the bench.
import type { Rating, Recommendation, Scale } from "../../../app/domain/calibration/types";
import { createRandom as createSeededRandom, standardNormal as normal } from "../../../app/domain/random";

/** The project's seeded PRNG (app/domain/random.ts) as a bare uniform [0, 1) function. */
export const createRandom = (seed: number): (() => number) => createSeededRandom(seed).next;

export { standardNormal as normal } from "../../../app/domain/random";

export interface PanelSimulationOptions {
  scorecards: number;
  interviewers: number;
  candidates: number;
  scale?: Scale;
  /** SD of interviewer severity (scale points). */
  severitySd?: number;
  noiseSd?: number;
}

export interface PanelSimulation {
  ratings: Rating[];
  scale: Scale;
  /** Each candidate's true mean over the dimensions, on the rating scale before rounding. */
  trueScore: Map<string, number>;
  severity: Map<string, number>;
}

export const DIMENSIONS = ["ownership", "impact", "learning", "communication"] as const;
const DIMENSION_EFFECTS = [0.2, -0.1, -0.2, 0.1];
const VARIANTS = ["generic", "amazon", "meta"];
const LEVELS = ["mid", "senior", "staff+"];

function recommend(meanScore: number, scale: Scale): Recommendation {
  const position = (meanScore - scale.min) / (scale.max - scale.min);
  return position >= 0.8 ? "strong_yes" : position >= 0.5 ? "yes" : position >= 0.25 ? "no" : "strong_no";
}

/**
 * Panels of 2–4 distinct interviewers per candidate (sizes drawn so they add up to `scorecards`;
 * fewer candidates are used if there are not scorecards enough for two each), four dimensions,
 * ratings = round(ability + dimension effect − severity + noise), clamped to the scale.
 */
export function simulatePanels(seed: number, options: PanelSimulationOptions): PanelSimulation {
  const random = createRandom(seed);
  const scale = options.scale ?? { min: 1, max: 4 };
  const centre = (scale.min + scale.max) / 2;
  const spread = (scale.max - scale.min) / 3;
  const maxPanel = Math.min(4, options.interviewers);
  const candidateCount = Math.min(options.candidates, Math.floor(options.scorecards / 2));
  const panelSizes = new Array<number>(candidateCount).fill(2);
  for (let extra = options.scorecards - 2 * candidateCount; extra > 0;) {
    const j = Math.floor(random() * candidateCount);
    if (panelSizes[j] < maxPanel) {
      panelSizes[j] += 1;
      extra -= 1;
    }
  }
  const interviewerNames = Array.from(
    { length: options.interviewers },
    (_, i) => `interviewer-${String(i).padStart(4, "0")}`,
  );
  const severity = new Map(
    interviewerNames.map((name) => [name, (options.severitySd ?? 0.5) * spread * normal(random)]),
  );
  const trueScore = new Map<string, number>();
  const meanDimensionEffect = DIMENSION_EFFECTS.reduce((s, x) => s + x, 0) / DIMENSION_EFFECTS.length;
  const ratings: Rating[] = [];
  panelSizes.forEach((panelSize, j) => {
    const candidate = `candidate-${String(j).padStart(6, "0")}`;
    const ability = centre + 0.6 * spread * normal(random);
    trueScore.set(candidate, ability + meanDimensionEffect * spread);
    const variant = VARIANTS[Math.floor(random() * VARIANTS.length)];
    const level = LEVELS[Math.floor(random() * LEVELS.length)];
    const panel = new Set<string>();
    while (panel.size < panelSize) panel.add(interviewerNames[Math.floor(random() * interviewerNames.length)]);
    for (const interviewer of panel) {
      const date = `2024-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
      const scores = DIMENSION_EFFECTS.map((effect) => {
        const latent =
          ability +
          effect * spread -
          (severity.get(interviewer) as number) +
          (options.noiseSd ?? 0.5) * spread * normal(random);
        return Math.min(scale.max, Math.max(scale.min, Math.round(latent)));
      });
      const recommendation = recommend(scores.reduce((s, x) => s + x, 0) / scores.length, scale);
      DIMENSIONS.forEach((dimension, k) => {
        ratings.push({
          candidate,
          interviewer,
          dimension,
          score: scores[k],
          variant,
          level,
          date,
          recommendation,
          rubricVersion: "1",
        });
      });
    }
  });
  return { ratings, scale, trueScore, severity };
}
