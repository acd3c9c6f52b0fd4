import { missingEvidence, withEnoughEvidence } from "./evidence";
import type { InterviewerCalibration } from "./report";

/**
 * An interviewer's use of the scale, halo share and red flags per scorecard, each shown only on the
 * one minimum of candidates they share with co-panellists (a hundred ratings of two candidates say
 * little about how they use the scale); `profileWithheld` says what is missing. The CLI shows the same.
 */
export function interviewerProfile(i: InterviewerCalibration) {
  const shared = i.rater.sharedCandidates;
  return {
    sd: withEnoughEvidence(i.spread.sd, shared),
    extremeShare: withEnoughEvidence(i.spread.extremeShare, shared),
    middleShare: withEnoughEvidence(i.spread.middleShare, shared),
    haloShare: withEnoughEvidence(i.halo.share, shared),
    redFlagMean: withEnoughEvidence(i.redFlags.meanRedFlags, shared),
    profileWithheld: missingEvidence(shared, "shared candidates"),
  };
}
