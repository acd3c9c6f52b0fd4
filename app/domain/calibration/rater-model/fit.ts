import { inverseFromLowerInverse, invertLower } from "./dense-cholesky";
import type { RaterDesign, Theta } from "./types";
import { nelderMead } from "./nelder-mead";
import { identifiable, momentStart } from "./fit-start";
import { boxNewton } from "./newton";
import { createWorkspace, eliminate, remlCriterion, type Elimination } from "./reml";

export interface VarianceComponents {
  candidate: number;
  interviewer: number;
  scorecard: number;
  residual: number;
}

export interface RaterModelFit {
  method: "REML";
  converged: boolean;
  evaluations: number;
  theta: Theta;
  /** Which terms could be estimated from this design (the others are fixed at 0). */
  estimated: { candidate: boolean; interviewer: boolean; scorecard: boolean };
  variance: VarianceComponents;
  /** Null when the scores do not vary (the criterion is −∞ there). */
  remlCriterion: number | null;
  /** Fixed-effect cell means, on the rating scale, indexed like the design's cells. */
  cellMeans: Float64Array;
  /** Covariance of the cell means (cells × cells, row-major): σ² [A⁻¹]_ββ. */
  cellCovariance: Float64Array;
  /** Conditional modes (BLUPs) b_i = θ_i ũ_i; positive = scores higher than the panel expects. */
  interviewerEffect: Float64Array;
  /** lme4's conditional SD: sqrt of σ² θ_i² [(ΛᵀZᵀZΛ + I)⁻¹]_ii (given β̂, as ranef(condVar = TRUE)). */
  interviewerSe: Float64Array;
  candidateEffect: Float64Array;
  candidateSe: Float64Array;
  /**
   * Prediction-error SD of mean(cell means) + b_c, the candidate's rater-adjusted score, including
   * the uncertainty of β and of every interviewer effect (σ² gᵀA⁻¹g; Henderson 1975, Biometrics 31).
   */
  adjustedSe: Float64Array;
}

/**
 * Relative SDs past this are "the residual is nil" (ratings that fit the panel exactly): the REML
 * optimum then lies at θ → ∞, where the elimination's pivots overflow and the Cholesky fails.
 * 10⁴ (a variance ratio of 10⁸) is far beyond any real panel, so no real fit is changed by it.
 */
const THETA_MAX = 1e4;

function thetaOf(x: readonly number[], free: (keyof Theta)[]): Theta {
  const theta: Theta = { candidate: 0, interviewer: 0, scorecard: 0 };
  free.forEach((key, k) => (theta[key] = Math.min(THETA_MAX, Math.abs(x[k]))));
  return theta;
}

/**
 * REML fit of score = μ_cell + candidate + interviewer + candidate:interviewer + ε, the model of
 * lme4::lmer(score ~ cell + (1|candidate) + (1|interviewer) + (1|candidate:interviewer), REML = TRUE).
 * The profiled criterion is minimised over θ ≥ 0 (as |x|, so boundary fits at 0 are reachable) by a
 * box-constrained quasi-Newton method (newton.ts) from method-of-moments starting values (or `startAt`,
 * where the criterion is lower there), with Nelder–Mead as a fallback.
 */
export function fitRaterModel(design: RaterDesign, startAt?: Theta): RaterModelFit {
  const optimum = optimiseTheta(design, startAt);
  const elimination = eliminate(design, optimum.theta, true);
  // A borrowed start can lead Newton off to where the system is singular (e.g. the related model
  // fitted its data exactly, so its θ is huge): then fit from this design's own starting values.
  if (elimination === null && startAt !== undefined) return fitRaterModel(design);
  return summarise(design, optimum.theta, elimination as Elimination, optimum);
}

/**
 * The same REML fit, variance components only: what the panel-size planner needs (Φ(k) rests on
 * them alone). It skips summarise's inverse of the reduced system and the per-candidate
 * prediction errors, which cost several criterion evaluations each and are not shown per variant.
 */
export function fitVarianceComponents(
  design: RaterDesign,
  startAt?: Theta,
): Pick<RaterModelFit, "converged" | "evaluations" | "theta" | "variance"> {
  const optimum = optimiseTheta(design, startAt);
  const elimination = optimum.atOptimum ?? eliminate(design, optimum.theta, false);
  if (elimination === null && startAt !== undefined) return fitVarianceComponents(design);
  return varianceFit(design, optimum, elimination as Elimination);
}

/**
 * The same REML fit, variance components and fixed effects only: what the variant comparison needs
 * (its cell means and their covariance). The covariance is σ² times the cells' block of the reduced
 * system's inverse, and that block is (L₂₂L₂₂ᵀ)⁻¹ with L₂₂ the cells' corner of the system's Cholesky
 * factor (the cells come last: L₂₂L₂₂ᵀ is the Schur complement of the interviewers, whose inverse is
 * that block; Golub & Van Loan 2013, §3.2.11). So no inverse of the whole system and no per-candidate
 * pass: summarise's costs at ~30 cells.
 */
export function fitFixedEffects(
  design: RaterDesign,
  startAt?: Theta,
): Pick<RaterModelFit, "converged" | "evaluations" | "theta" | "variance" | "cellMeans" | "cellCovariance"> {
  const optimum = optimiseTheta(design, startAt);
  const found = optimum.atOptimum ?? eliminate(design, optimum.theta, false);
  if (found === null && startAt !== undefined) return fitFixedEffects(design);
  const elimination = found as Elimination;
  const fit = varianceFit(design, optimum, elimination);
  const { interviewers: nI, cells: p } = design;
  const m = elimination.m;
  const corner = new Float64Array(p * p);
  for (let f = 0; f < p; f++)
    for (let g = 0; g <= f; g++) corner[f * p + g] = elimination.factor[(nI + f) * m + nI + g];
  const inverse = inverseFromLowerInverse(invertLower(corner, p), p, p);
  const sigma2 = fit.variance.residual;
  return {
    ...fit,
    cellMeans: Float64Array.from(design.cellMean, (mean, f) => mean + elimination.solution[nI + f]),
    cellCovariance: inverse.map((value) => sigma2 * value),
  };
}

function varianceFit(
  design: RaterDesign,
  optimum: ReturnType<typeof optimiseTheta>,
  elimination: Elimination,
): Pick<RaterModelFit, "converged" | "evaluations" | "theta" | "variance"> {
  const sigma2 = optimum.noSpread ? 0 : elimination.prss / (design.ratings - design.cells);
  const { theta } = optimum;
  return {
    converged: optimum.converged,
    evaluations: optimum.evaluations,
    theta,
    variance: {
      candidate: sigma2 * theta.candidate ** 2,
      interviewer: sigma2 * theta.interviewer ** 2,
      scorecard: sigma2 * theta.scorecard ** 2,
      residual: sigma2,
    },
  };
}

/** θ at the REML optimum, with how it was reached; θ = 0 where nothing varies or nothing is identifiable. */
function optimiseTheta(design: RaterDesign, startAt?: Theta) {
  const estimated = identifiable(design);
  const free = (["candidate", "interviewer", "scorecard"] as const).filter((key) => estimated[key]);
  const dof = design.ratings - design.cells;
  const noSpread = design.sumSquares <= 1e-12 * Math.max(1, design.ratings) || dof <= 0;

  let theta: Theta = { candidate: 0, interviewer: 0, scorecard: 0 };
  let converged = true;
  let evaluations = 0;
  let atOptimum: Elimination | null = null;
  if (!noSpread && free.length > 0) {
    const moments = momentStart(design);
    const workspace = createWorkspace(design);
    const lowest: Lowest = { value: Number.POSITIVE_INFINITY, x: [], elimination: null };
    const objective = (x: number[]) => {
      const elimination = eliminate(design, thetaOf(x, free), false, workspace);
      if (elimination === null || elimination.prss <= 0) return Number.POSITIVE_INFINITY;
      const value = remlCriterion(design, elimination);
      if (value < lowest.value) keepLowest(lowest, x, value, elimination);
      return value;
    };
    // A related model's estimates (the report's dimension model, for the variant model on the same
    // panels) may start Newton next to the optimum, or farther than this design's own moment
    // estimates (on the bench's database the variant model's criterion is 705,443 at the dimension
    // model's θ, 705,377 at its moment start, 705,376 at the optimum: 31 evaluations against 19):
    // so the descent begins at the lower of the two, for one evaluation more.
    const own = free.map((key) => moments[key]);
    let result = boxNewton(objective, startAt === undefined ? own : free.map((key) => startAt[key]), {
      otherStarts: startAt === undefined ? [] : [own],
    });
    evaluations = result.evaluations;
    if (!result.converged) {
      // Newton lost its way (a flat or kinked criterion): a simplex from where it stopped.
      const simplex = nelderMead(objective, result.x, { step: 0.1, fTolerance: 1e-9, xTolerance: 1e-6 });
      evaluations += simplex.evaluations;
      if (simplex.value <= result.value) result = simplex;
    }
    converged = result.converged;
    theta = thetaOf(result.x, free);
    const found = result.x;
    if (lowest.x.length === found.length && lowest.x.every((v, k) => v === found[k])) atOptimum = lowest.elimination;
  }
  return { theta, converged, evaluations, estimated, noSpread, atOptimum };
}

/**
 * The lowest criterion evaluated so far and its elimination, copied out of the workspace (the next
 * evaluation overwrites it). The optimum found is almost always that point: then the variance
 * components and fixed effects are read from this copy (the same arithmetic, so the same figures)
 * instead of eliminating once more at the optimum.
 */
interface Lowest {
  value: number;
  x: number[];
  elimination: Elimination | null;
}

function keepLowest(lowest: Lowest, x: number[], value: number, e: Elimination): void {
  lowest.value = value;
  lowest.x = x.slice();
  const kept = lowest.elimination;
  if (kept === null) lowest.elimination = { ...e, factor: Float64Array.from(e.factor), rhs: Float64Array.from(e.rhs) };
  else {
    kept.factor.set(e.factor);
    kept.rhs.set(e.rhs);
    Object.assign(kept, { logDet: e.logDet, prss: e.prss, solution: e.solution });
  }
}

function summarise(
  design: RaterDesign,
  theta: Theta,
  e: Elimination,
  meta: { converged: boolean; evaluations: number; estimated: RaterModelFit["estimated"]; noSpread: boolean },
): RaterModelFit {
  const { interviewers: nI, cells: p, candidates: C } = design;
  const m = e.m;
  const sigma2 = meta.noSpread ? 0 : e.prss / (design.ratings - p);
  const x = e.solution;
  const w = invertLower(e.factor, m);
  const full = inverseFromLowerInverse(w, m, m, m);
  const interviewerBlock = inverseFromLowerInverse(w, m, nI, nI);

  const cellMeans = Float64Array.from(design.cellMean, (mean, f) => mean + x[nI + f]);
  const cellCovariance = new Float64Array(p * p);
  for (let f = 0; f < p; f++)
    for (let g = 0; g < p; g++) cellCovariance[f * p + g] = sigma2 * full[(nI + f) * m + nI + g];
  const interviewerEffect = new Float64Array(nI);
  const interviewerSe = new Float64Array(nI);
  for (let i = 0; i < nI; i++) {
    interviewerEffect[i] = theta.interviewer * x[i];
    interviewerSe[i] = Math.sqrt(sigma2 * theta.interviewer ** 2 * interviewerBlock[i * nI + i]);
  }

  const candidateEffect = new Float64Array(C);
  const candidateSe = new Float64Array(C);
  const adjustedSe = new Float64Array(C);
  const h = new Float64Array(m);
  const nonzero = new Int32Array(m);
  for (let c = 0; c < C; c++) {
    const pivot = e.candidatePivot[c];
    let dot = 0;
    for (let k = e.couplingStart[c]; k < e.couplingStart[c + 1]; k++) dot += e.couplingValue[k] * x[e.couplingIndex[k]];
    candidateEffect[c] = (theta.candidate * (e.candidateRhs[c] - dot)) / pivot;
    // [A⁻¹]_cc = 1/P + vᵀ S⁻¹ v with v = coupling/P (block inverse; Golub & Van Loan §3.2.11 / Schur).
    let uOnly = 1 / pivot;
    for (let k = e.couplingStart[c]; k < e.couplingStart[c + 1]; k++) {
      const a = e.couplingIndex[k];
      if (a >= nI) continue;
      for (let l = e.couplingStart[c]; l < e.couplingStart[c + 1]; l++) {
        const b = e.couplingIndex[l];
        if (b < nI) uOnly += (e.couplingValue[k] * e.couplingValue[l] * interviewerBlock[a * nI + b]) / (pivot * pivot);
      }
    }
    candidateSe[c] = Math.sqrt(sigma2 * theta.candidate ** 2 * uOnly);
    // g = θ_c on the candidate, 1/p on each cell: gᵀA⁻¹g = g_c²/P + hᵀ S⁻¹ h, h = g_x − coupling·g_c/P.
    const gc = theta.candidate;
    for (let f = 0; f < p; f++) h[nI + f] = 1 / p;
    for (let k = e.couplingStart[c]; k < e.couplingStart[c + 1]; k++)
      h[e.couplingIndex[k]] -= (e.couplingValue[k] * gc) / pivot;
    let quadratic = (gc * gc) / pivot;
    let count = 0;
    for (let k = e.couplingStart[c]; k < e.couplingStart[c + 1]; k++)
      if (e.couplingIndex[k] < nI) nonzero[count++] = e.couplingIndex[k];
    for (let f = 0; f < p; f++) nonzero[count++] = nI + f;
    for (let k = 0; k < count; k++) {
      const row = nonzero[k] * m;
      for (let l = 0; l < count; l++) quadratic += h[nonzero[k]] * h[nonzero[l]] * full[row + nonzero[l]];
    }
    adjustedSe[c] = Math.sqrt(sigma2 * quadratic);
    for (let k = 0; k < count; k++) h[nonzero[k]] = 0;
  }

  return {
    method: "REML",
    converged: meta.converged,
    evaluations: meta.evaluations,
    theta,
    estimated: meta.estimated,
    variance: {
      candidate: sigma2 * theta.candidate ** 2,
      interviewer: sigma2 * theta.interviewer ** 2,
      scorecard: sigma2 * theta.scorecard ** 2,
      residual: sigma2,
    },
    remlCriterion: meta.noSpread ? null : remlCriterion(design, e),
    cellMeans,
    cellCovariance,
    interviewerEffect,
    interviewerSe,
    candidateEffect,
    candidateSe,
    adjustedSe,
  };
}
