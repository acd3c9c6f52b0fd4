import { effectLabel, type ConversationEffect } from "../conversation-effects";
import { MIN_SHARED_CANDIDATES, missingEvidence } from "./evidence";
import { benjaminiHochberg, FDR_Q, normalCdf } from "./multiplicity";
import { interviewerMisfit } from "./rater-fit";
import type { RaterModelFit } from "./rater-model";
import type { RatingTable } from "./rating-table";
import { studentTCdf, studentTQuantile } from "./student-t";
import type { Scale } from "./types";

// Rater-effect flags (Myford & Wolfe 2003, "Detecting and measuring rater effects using many-facet
// Rasch measurement: Part I", J. Applied Measurement 4(4), 386–422; Part II, 2004, 5(2), 189–227):
// leniency/severity, halo and central tendency, each judged against the co-panellists who rated the
// same candidates, and erratic (poor fit to the model, against the panel in view), each tested with Benjamini–Hochberg control of the false discovery rate at FDR_Q
// across the interviewers tested, and each flagged only when the effect is also large enough to matter.

/** No flag for an interviewer with fewer candidates also rated by someone else (the one minimum, evidence.ts). */
export { MIN_SHARED_CANDIDATES };
/** |model effect| at least this (scale points on 1–4; scaled to other scales) to be lenient/severe. */
export const LENIENCY_MIN_EFFECT = 0.25;
/** Halo: own within-scorecard spread at most this share of co-panellists' spread on the same candidates. */
export const HALO_MAX_RATIO = 0.35;
/**
 * Central tendency: own scorecard means move between candidates at most this share (RMS, around the
 * interviewer's own mean) of what the co-panellists' move on the same candidates. Scorecard means,
 * so that a halo rater (flat across dimensions, but following the candidate) is not mistaken for a
 * central one; around each one's own mean, so that leniency is not mistaken for range.
 */
export const CENTRAL_MAX_RATIO = 0.75;
/**
 * Erratic: own scorecards' mean squared model residual at least this multiple of the panel's
 * (rater-fit.ts). 1.5 is the upper end of the mean squares Linacre (2002) calls "productive for
 * measurement" (0.5–1.5), the upper control limit Myford & Wolfe (2003) use for rater fit.
 */
export const ERRATIC_MIN_RATIO = 1.5;

/** The rater model's flags: four of the one list of effects in app/domain/conversation-effects.ts. */
export const RATER_FLAGS = [
  "lenient",
  "severe",
  "halo",
  "central_tendency",
  "erratic",
] as const satisfies readonly ConversationEffect[];
export type RaterFlag = (typeof RATER_FLAGS)[number];
export const FLAG_LABEL = Object.fromEntries(RATER_FLAGS.map((f) => [f, effectLabel(f)])) as Record<RaterFlag, string>;

/** Own minus co-panellists' per shared candidate, averaged, with a 95% t interval (clustered by candidate). */
export interface PairedDifference {
  mean: number;
  ciLow: number;
  ciHigh: number;
  n: number;
}

export interface RaterEffectSummary {
  /** Candidates this interviewer rated that at least one other interviewer rated too. */
  sharedCandidates: number;
  effect: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Own mean within-scorecard SD across dimensions ÷ co-panellists' on the same candidates. */
  spreadRatio: number | null;
  /** RMS movement of own scorecard means between candidates ÷ co-panellists' on the same candidates. */
  rangeRatio: number | null;
  /** Halo: own minus co-panellists' within-scorecard SD (points), per shared candidate. */
  spreadDifference: PairedDifference | null;
  /** Central tendency: own minus co-panellists' RMS movement of scorecard means (points), per shared candidate. */
  rangeDifference: PairedDifference | null;
  /** Own scorecards' mean squared model residual ÷ the panel's, on shared candidates (rater-fit.ts); 1 is typical. */
  misfitRatio: number | null;
  /** Erratic: own scorecards' mean square minus the panel's (points²), per shared candidate. */
  misfitDifference: PairedDifference | null;
  /** The p-values behind the flags (before the false-discovery correction); null when untested. */
  p: { leniency: number | null; halo: number | null; central: number | null; erratic: number | null };
  flags: RaterFlag[];
  /** Why no flag could be considered, e.g. "needs 5 shared candidates, has 2". */
  withheld: string | null;
}

interface Paired {
  own: number;
  peers: number;
  differences: number[];
  /** Per candidate, |own deviation| minus co-panellists' RMS deviation, in points (for the interval shown). */
  rms: number[];
}

function oneSidedLowerP(differences: readonly number[]): number | null {
  const n = differences.length;
  if (n < 2) return null;
  const mean = differences.reduce((s, x) => s + x, 0) / n;
  const variance = differences.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  if (variance === 0) return mean < 0 ? 0 : 1;
  return studentTCdf(mean / Math.sqrt(variance / n), n - 1);
}

function pairedDifference(differences: readonly number[]): PairedDifference | null {
  const n = differences.length;
  if (n < 2) return null;
  const mean = differences.reduce((s, x) => s + x, 0) / n;
  const half = studentTQuantile(0.975, n - 1) * (sampleSd(differences)! / Math.sqrt(n));
  return { mean, ciLow: mean - half, ciHigh: mean + half, n };
}

function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
}

function sumOf(values: Float64Array, n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += values[k];
  return sum;
}

/** sampleSd of the first n values (NaN, not null, below two). */
function sampleSdOf(values: Float64Array, n: number): number {
  if (n < 2) return Number.NaN;
  const mean = sumOf(values, n) / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (values[k] - mean) ** 2;
  return Math.sqrt(squares / (n - 1));
}

/**
 * Per interviewer, over the candidates they share with co-panellists: the difference between their
 * scorecard's spread across dimensions and the co-panellists' mean spread on that candidate (halo),
 * and between how far their scorecard means move between candidates and the co-panellists' (central
 * tendency). One difference per candidate, so the t-tests are clustered by candidate.
 */
export function comparePeers(table: RatingTable) {
  const nI = table.interviewers.length;
  const shared = new Int32Array(nI);
  const halo: Paired[] = Array.from({ length: nI }, () => ({ own: 0, peers: 0, differences: [], rms: [] }));
  const central: Paired[] = Array.from({ length: nI }, () => ({ own: 0, peers: 0, differences: [], rms: [] }));
  const { scorecards, scoreOf, interviewerOf, candidateOf } = table;
  const overall = new Float64Array(nI);
  const counts = new Float64Array(nI);
  for (let r = 0; r < table.size; r++) {
    overall[interviewerOf[r]] += scoreOf[r];
    counts[interviewerOf[r]] += 1;
  }
  for (let i = 0; i < nI; i++) overall[i] /= Math.max(1, counts[i]);
  // One candidate's scorecards at a time, in scratch arrays (no objects per scorecard); every sum
  // is taken in the order it always was, so the figures are the same to the last bit.
  let largest = 0;
  for (let k = 0; k < scorecards.count; k++) largest = Math.max(largest, scorecards.start[k + 1] - scorecards.start[k]);
  const scores = new Float64Array(largest);
  const cardInterviewer = new Int32Array(nI);
  const cardSpread = new Float64Array(nI);
  const cardMean = new Float64Array(nI);
  // Squared deviation of a scorecard mean from its interviewer's own overall mean (so leniency is not
  // mistaken for range).
  const cardDeviation = new Float64Array(nI);
  let s = 0;
  while (s < scorecards.count) {
    const candidate = candidateOf[scorecards.order[scorecards.start[s]]];
    let end = s;
    while (end < scorecards.count && candidateOf[scorecards.order[scorecards.start[end]]] === candidate) end++;
    const cards = end - s;
    if (cards >= 2) {
      for (let k = s; k < end; k++) {
        const m = scorecards.start[k + 1] - scorecards.start[k];
        for (let q = 0; q < m; q++) scores[q] = scoreOf[scorecards.order[scorecards.start[k] + q]];
        const c = k - s;
        const interviewer = interviewerOf[scorecards.order[scorecards.start[k]]];
        cardInterviewer[c] = interviewer;
        cardSpread[c] = sampleSdOf(scores, m);
        cardMean[c] = sumOf(scores, m) / m;
        cardDeviation[c] = (cardMean[c] - overall[interviewer]) ** 2;
      }
      for (let c = 0; c < cards; c++) {
        const interviewer = cardInterviewer[c];
        shared[interviewer] += 1;
        // Own against the co-panellists' mean on this candidate.
        const own = cardDeviation[c];
        let peerSum = 0;
        let spreadSum = 0;
        let spreads = 0;
        for (let o = 0; o < cards; o++) {
          if (o === c) continue;
          peerSum += cardDeviation[o];
          if (!Number.isNaN(cardSpread[o])) {
            spreadSum += cardSpread[o];
            spreads += 1;
          }
        }
        const peer = peerSum / (cards - 1);
        central[interviewer].own += own;
        central[interviewer].peers += peer;
        central[interviewer].differences.push(own - peer);
        central[interviewer].rms.push(Math.sqrt(own) - Math.sqrt(peer));
        if (!Number.isNaN(cardSpread[c]) && spreads > 0) {
          const peerSpread = spreadSum / spreads;
          halo[interviewer].own += cardSpread[c];
          halo[interviewer].peers += peerSpread;
          halo[interviewer].differences.push(cardSpread[c] - peerSpread);
        }
      }
    }
    s = end;
  }
  return { shared, halo, central };
}

export function flagRaters(table: RatingTable, fit: RaterModelFit | null, scale: Scale): RaterEffectSummary[] {
  const nI = table.interviewers.length;
  const { shared, halo, central } = comparePeers(table);
  const eligible = Array.from(shared, (n) => n >= MIN_SHARED_CANDIDATES);
  const minEffect = (LENIENCY_MIN_EFFECT * (scale.max - scale.min)) / 3;
  const modelled = fit !== null && fit.estimated.interviewer;

  // Two-sided z test of the conditional mode against its conditional SD (the effect is already
  // shrunk toward 0 by the model, so little evidence cannot make it large).
  const leniencyP = Array.from({ length: nI }, (_, i) => {
    if (!eligible[i] || !modelled) return null;
    const se = fit.interviewerSe[i];
    if (!(se > 0)) return null;
    return 2 * (1 - normalCdf(Math.abs(fit.interviewerEffect[i]) / se));
  });
  const haloP = halo.map((h, i) => (eligible[i] ? oneSidedLowerP(h.differences) : null));
  const centralP = central.map((c, i) => (eligible[i] ? oneSidedLowerP(c.differences) : null));
  const leniencyHeld = benjaminiHochberg(leniencyP, FDR_Q);
  const haloHeld = benjaminiHochberg(haloP, FDR_Q);
  const centralHeld = benjaminiHochberg(centralP, FDR_Q);
  // Erratic: one-sided, own misfit above the panel's (the test takes the lower tail, so negate).
  const misfit = fit === null ? null : interviewerMisfit(table, fit);
  const erraticP = Array.from({ length: nI }, (_, i) =>
    eligible[i] && misfit !== null ? oneSidedLowerP(misfit[i].differences.map((d) => -d)) : null,
  );
  const erraticHeld = benjaminiHochberg(erraticP, FDR_Q);

  return table.interviewers.map((_, i) => {
    const effect = modelled ? fit.interviewerEffect[i] : null;
    const se = modelled ? fit.interviewerSe[i] : null;
    const spreadRatio = halo[i].peers > 0 ? halo[i].own / halo[i].peers : null;
    const rangeRatio = central[i].peers > 0 ? Math.sqrt(central[i].own / central[i].peers) : null;
    const flags: RaterFlag[] = [];
    if (leniencyHeld[i] && effect !== null && Math.abs(effect) >= minEffect)
      flags.push(effect > 0 ? "lenient" : "severe");
    if (haloHeld[i] && spreadRatio !== null && spreadRatio <= HALO_MAX_RATIO) flags.push("halo");
    if (centralHeld[i] && rangeRatio !== null && rangeRatio <= CENTRAL_MAX_RATIO) flags.push("central_tendency");
    const misfitRatio = misfit?.[i].ratio ?? null;
    if (erraticHeld[i] && misfitRatio !== null && misfitRatio >= ERRATIC_MIN_RATIO) flags.push("erratic");
    return {
      sharedCandidates: shared[i],
      effect,
      se,
      ciLow: effect !== null && se !== null ? effect - 1.96 * se : null,
      ciHigh: effect !== null && se !== null ? effect + 1.96 * se : null,
      spreadRatio,
      rangeRatio,
      spreadDifference: pairedDifference(halo[i].differences),
      rangeDifference: pairedDifference(central[i].rms),
      misfitRatio,
      misfitDifference: misfit === null ? null : pairedDifference(misfit[i].differences),
      p: { leniency: leniencyP[i], halo: haloP[i], central: centralP[i], erratic: erraticP[i] },
      flags,
      withheld: missingEvidence(shared[i], "shared candidates"),
    };
  });
}
