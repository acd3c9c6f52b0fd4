// The rubric is data: versioned in the database, edited by admins, validated by
// RubricSchema (app/schemas/rubric-schema.ts). These types are its shape.

export const LEVELS = ["mid", "senior", "staff"] as const;
export type LevelKey = (typeof LEVELS)[number];

export function isLevel(value: string): value is LevelKey {
  return (LEVELS as readonly string[]).includes(value);
}

/** The four-point recommendation, most negative first. */
export const RECOMMENDATIONS = ["strong_no", "no", "yes", "strong_yes"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export function isRecommendation(value: string): value is Recommendation {
  return (RECOMMENDATIONS as readonly string[]).includes(value);
}

/** An integer rating scale, both ends included. */
export interface Scale {
  min: number;
  max: number;
}

export interface Anchor {
  score: number;
  text: string;
}

export interface Dimension {
  key: string;
  name: string;
  /** Percent of the weighted score; the dimensions' weights sum to 100. */
  weight: number;
  covers: string;
  anchors: Anchor[];
  probes: string[];
  source: string;
}

export interface ScoreCap {
  dimension: string;
  max: number;
}

export interface RedFlag {
  key: string;
  name: string;
  description: string;
  caps: ScoreCap[];
  source: string;
}

export interface StarPart {
  key: string;
  name: string;
  prompt: string;
}

export interface Level {
  key: LevelKey;
  name: string;
  scope: string;
}

export interface RecommendationOption {
  key: Recommendation;
  name: string;
  /** Weighted scores this recommendation agrees with; outside it, a justification is required. */
  consistentWith: { min: number; max: number };
}

export interface Variant {
  key: string;
  /** Null where the seed names the focus but leaves the company blank. */
  company: string | null;
  name: string;
  focus: string;
  question: string;
  probes: string[];
  /** Per-dimension weights overriding the defaults, or null to use them. */
  weights: Record<string, number> | null;
  rationale: string;
}

export interface Rubric {
  question: string;
  intent: string;
  scale: Scale;
  dimensions: Dimension[];
  redFlags: RedFlag[];
  star: StarPart[];
  answerGuide: { minSeconds: number; maxSeconds: number; source: string };
  levels: Level[];
  recommendations: RecommendationOption[];
  variants: Variant[];
  rationale: string;
}
