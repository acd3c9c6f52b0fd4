import { fleissKappa } from "./calibration/fleiss-kappa";
import { RECOMMENDATIONS, type Recommendation } from "./calibration/types";

// The structured debrief's arithmetic: which side a vote is on, whether a re-vote moved toward
// the rest of the panel, and per interviewer how their votes compare with the final decisions.

export const DECISIONS = ["hire", "no_hire"] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = { hire: "Hire", no_hire: "No hire" };

/** The decision a recommendation argues for: yes and strong yes for hire, the others against. */
export function decisionOf(recommendation: Recommendation): Decision {
  return recommendation === "yes" || recommendation === "strong_yes" ? "hire" : "no_hire";
}

const position = (r: Recommendation) => RECOMMENDATIONS.indexOf(r);

/** Fewer decided debriefs than this and an interviewer's agreement rate is withheld (its n is shown). */
export const MIN_DECIDED_DEBRIEFS = 5;

export type VoteChange = "unchanged" | "toward" | "away" | "sideways";

/**
 * How a re-vote moved against the rest of the panel's independent votes (their mean on the
 * four-point scale, the voter left out): toward it, away from it, or a change that is neither
 * (the same distance on the other side). With nobody else on the panel there is nothing to move toward.
 */
export function classifyVoteChange(
  independent: Recommendation,
  revote: Recommendation,
  othersIndependent: readonly Recommendation[],
): VoteChange {
  if (independent === revote) return "unchanged";
  if (othersIndependent.length === 0) return "sideways";
  const centre = othersIndependent.reduce((sum, r) => sum + position(r), 0) / othersIndependent.length;
  const before = Math.abs(position(independent) - centre);
  const after = Math.abs(position(revote) - centre);
  return after < before ? "toward" : after > before ? "away" : "sideways";
}

export interface DebriefVote {
  interviewerId: number;
  independent: Recommendation;
  revote: Recommendation | null;
}

export interface DecidedDebrief {
  interviewId: number;
  decision: Decision;
  votes: DebriefVote[];
}

export interface InterviewerDecisionRecord {
  interviewerId: number;
  /** Decided debriefs this interviewer voted in. */
  debriefs: number;
  /** Of those, how many times their independent vote argued for the final decision. */
  independentAgreed: number;
  /** The same for the vote they ended on (the re-vote, else the independent vote). */
  finalAgreed: number;
  changed: number;
  toward: number;
  away: number;
  sideways: number;
}

export interface DecisionAgreement {
  interviewers: InterviewerDecisionRecord[];
  decided: number;
  /** Fleiss' kappa over the panels' independent votes, and over the votes they ended on. */
  kappaIndependent: number | null;
  kappaFinal: number | null;
}

export function computeDecisionAgreement(debriefs: readonly DecidedDebrief[]): DecisionAgreement {
  const records = new Map<number, InterviewerDecisionRecord>();
  const record = (id: number) => {
    let r = records.get(id);
    if (!r)
      records.set(
        id,
        (r = {
          interviewerId: id,
          debriefs: 0,
          independentAgreed: 0,
          finalAgreed: 0,
          changed: 0,
          toward: 0,
          away: 0,
          sideways: 0,
        }),
      );
    return r;
  };
  for (const debrief of debriefs) {
    for (const vote of debrief.votes) {
      const r = record(vote.interviewerId);
      const ended = vote.revote ?? vote.independent;
      r.debriefs++;
      if (decisionOf(vote.independent) === debrief.decision) r.independentAgreed++;
      if (decisionOf(ended) === debrief.decision) r.finalAgreed++;
      const others = debrief.votes.filter((v) => v !== vote).map((v) => v.independent);
      const change = classifyVoteChange(vote.independent, ended, others);
      if (change !== "unchanged") {
        r.changed++;
        r[change]++;
      }
    }
  }
  return {
    interviewers: [...records.values()].sort((a, b) => a.interviewerId - b.interviewerId),
    decided: debriefs.length,
    kappaIndependent: fleissKappa(
      debriefs.map((d) => d.votes.map((v) => v.independent)),
      RECOMMENDATIONS,
    ),
    kappaFinal: fleissKappa(
      debriefs.map((d) => d.votes.map((v) => v.revote ?? v.independent)),
      RECOMMENDATIONS,
    ),
  };
}
