// A seeded generator of rotating-panel ratings with planted rater effects (and null data), for the
// rater-model fixtures and the simulation tests. Deterministic: same seed, same ratings.
import { createRandom } from "../../app/domain/random";
import type { Rating, Scale } from "../../app/domain/calibration/types";

export type RaterStyle = "ordinary" | "lenient" | "severe" | "halo" | "central" | "erratic";

/** SD of the extra noise an erratic rater adds to every rating (scale points). */
export const ERRATIC_NOISE_SD = 0.9;

export interface RaterSpec {
  name: string;
  style: RaterStyle;
  /** Offset in scale points added to every latent rating (lenient > 0, severe < 0). */
  offset: number;
}

export interface RaterSimulationOptions {
  candidates: number;
  raters: RaterSpec[];
  /** Panel size range, both ends included. */
  panel?: [number, number];
  dimensions?: readonly string[];
  dimensionEffects?: readonly number[];
  scale?: Scale;
  candidateSd?: number;
  /** SD of the candidate-by-interviewer (scorecard) effect. */
  scorecardSd?: number;
  noiseSd?: number;
  /** Round and clamp to the scale (true) or keep continuous latent scores (false). */
  discrete?: boolean;
  /** Variants assigned in turn to candidates; omitted means no variant. */
  variants?: readonly string[];
}

export const SIM_DIMENSIONS = ["ownership", "accountability", "repair", "behavioural_change"] as const;

/** Ordinary raters r00..r(n-1) with small random offsets (SD `offsetSd`), plus the planted ones. */
export function raterPanel(
  seed: number,
  ordinary: number,
  planted: { style: RaterStyle; offset?: number }[] = [],
  offsetSd = 0,
): RaterSpec[] {
  const random = createRandom(seed);
  const specs: RaterSpec[] = [];
  for (let i = 0; i < ordinary; i++) {
    specs.push({ name: `r${String(i).padStart(2, "0")}`, style: "ordinary", offset: random.normal(0, offsetSd) });
  }
  planted.forEach((p, k) => specs.push({ name: `${p.style}${k}`, style: p.style, offset: p.offset ?? 0 }));
  return specs;
}

export function simulateRaters(seed: number, options: RaterSimulationOptions): Rating[] {
  const random = createRandom(seed);
  const scale = options.scale ?? { min: 1, max: 4 };
  const dimensions = options.dimensions ?? SIM_DIMENSIONS;
  const effects = options.dimensionEffects ?? [0.1, 0, -0.1, -0.2];
  const [minPanel, maxPanel] = options.panel ?? [2, 4];
  const discrete = options.discrete ?? true;
  const clamp = (x: number, lo = scale.min, hi = scale.max) =>
    discrete ? Math.min(hi, Math.max(lo, Math.round(x))) : x;
  const centre = (scale.min + scale.max) / 2 + 0.1;
  const ratings: Rating[] = [];
  for (let c = 0; c < options.candidates; c++) {
    const candidate = `c${String(c).padStart(5, "0")}`;
    const ability = centre + random.normal(0, options.candidateSd ?? 0.6);
    const size = Math.min(options.raters.length, random.int(minPanel, maxPanel));
    const variant = options.variants?.[c % options.variants.length];
    for (const rater of random.sample(options.raters, size)) {
      // Erratic raters draw extra noise (only they do, so other designs keep their random stream).
      const card =
        random.normal(0, options.scorecardSd ?? 0.2) +
        (rater.style === "erratic" ? random.normal(0, ERRATIC_NOISE_SD) : 0);
      const latent = dimensions.map(
        (_, d) =>
          ability +
          effects[d % effects.length] +
          card +
          rater.offset +
          random.normal(0, options.noiseSd ?? 0.45) +
          (rater.style === "erratic" ? random.normal(0, ERRATIC_NOISE_SD) : 0),
      );
      const mean = latent.reduce((s, x) => s + x, 0) / latent.length;
      dimensions.forEach((dimension, d) => {
        const score =
          rater.style === "halo"
            ? clamp(mean)
            : rater.style === "central"
              ? clamp(latent[d], scale.min + 1, scale.max - 1)
              : clamp(latent[d]);
        ratings.push({ candidate, interviewer: rater.name, dimension, score, ...(variant ? { variant } : {}) });
      });
    }
  }
  return ratings;
}
