import type { buildInterviewerView } from "./dashboard";

// What /calibration/interviewers draws of the interviewer view, and nothing else: the view itself
// carries the model's p-values, paired differences, score distributions and drift intervals, which
// at 300 interviewers made the loader's JSON megabytes the browser parsed and never showed.

type InterviewerView = ReturnType<typeof buildInterviewerView>;

/** A month of drift as the page draws it: [leniency, shared candidates], or null for a month with no rating. */
export type DriftCell = [leniency: number | null, n: number] | null;

export function interviewerPageRows(view: InterviewerView) {
  // Drift as one cell per month of `months` (300 interviewers x 24 months repeated every month's name and interval).
  const column = new Map(view.months.map((m, i) => [m, i]));
  const driftCells = (drift: InterviewerView["rows"][number]["drift"]) => {
    const cells: DriftCell[] = view.months.map(() => null);
    for (const d of drift) cells[column.get(d.month)!] = [d.leniency, d.n];
    return cells;
  };
  return {
    months: view.months,
    rows: view.rows.map((r) => ({
      interviewer: r.interviewer,
      name: r.name,
      ratings: r.ratings,
      leniency: r.leniency,
      rater: {
        effect: r.rater.effect,
        ciLow: r.rater.ciLow,
        ciHigh: r.rater.ciHigh,
        sharedCandidates: r.rater.sharedCandidates,
        misfitRatio: r.rater.misfitRatio,
        flags: r.rater.flags,
        withheld: r.rater.withheld,
      },
      recommendations: r.recommendations,
      sd: r.sd,
      extremeShare: r.extremeShare,
      middleShare: r.middleShare,
      haloShare: r.haloShare,
      haloScorecards: r.haloScorecards,
      redFlagMean: r.redFlagMean,
      peerRedFlagMean: r.peerRedFlagMean,
      redFlagScorecards: r.redFlagScorecards,
      profileWithheld: r.profileWithheld,
      drift: driftCells(r.drift),
    })),
  };
}
