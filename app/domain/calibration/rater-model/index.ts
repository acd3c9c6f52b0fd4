// The rater model: a linear mixed model of every rating, fitted by REML (see reml.ts and fit.ts).
import type { RatingTable } from "../rating-table";
import { buildRaterDesign } from "./design";
import type { RaterDesign } from "./types";
import { fitRaterModel, type RaterModelFit } from "./fit";

export type { RaterModelFit, VarianceComponents } from "./fit";
export { fitFixedEffects, fitRaterModel, fitVarianceComponents } from "./fit";
export { buildRaterDesign } from "./design";
export type { RaterDesign, Theta } from "./types";

/** The model with one fixed mean per dimension: lmer(score ~ dimension + (1|candidate) + (1|interviewer) + (1|candidate:interviewer)). */
export function fitDimensionModel(table: RatingTable): { design: RaterDesign; fit: RaterModelFit } {
  const design = dimensionDesign(table);
  return { design, fit: fitRaterModel(design) };
}

/** The design of that model: cells are the dimensions. */
export function dimensionDesign(table: RatingTable): RaterDesign {
  return buildRaterDesign({
    candidateOf: table.candidateOf,
    interviewerOf: table.interviewerOf,
    cellOf: table.dimensionOf,
    scoreOf: table.scoreOf,
    candidates: table.candidates.length,
    interviewers: table.interviewers.length,
    cells: table.dimensions.length,
    scorecards: table.scorecards,
  });
}
