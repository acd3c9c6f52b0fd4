import { describe, expect, it } from "vitest";
import { fleissKappa, RECOMMENDATIONS } from "~/domain/calibration";
import { classifyVoteChange, computeDecisionAgreement, decisionOf, type DecidedDebrief } from "~/domain/debrief-votes";

describe("vote changes", () => {
  it("names the side a recommendation argues for", () => {
    expect(RECOMMENDATIONS.map(decisionOf)).toEqual(["no_hire", "no_hire", "hire", "hire"]);
  });

  it("classifies a re-vote against the mean of the others' independent votes", () => {
    expect(classifyVoteChange("yes", "yes", ["no"])).toBe("unchanged");
    expect(classifyVoteChange("strong_yes", "yes", ["no", "strong_no"])).toBe("toward");
    expect(classifyVoteChange("yes", "strong_yes", ["no", "no"])).toBe("away");
    // Others at yes and no: centre 1.5; "no"(1) → "yes"(2) keeps the same distance.
    expect(classifyVoteChange("no", "yes", ["yes", "no"])).toBe("sideways");
    expect(classifyVoteChange("no", "yes", [])).toBe("sideways");
  });
});

describe("agreement with final decisions", () => {
  const debriefs: DecidedDebrief[] = [
    {
      interviewId: 1,
      decision: "hire",
      votes: [
        { interviewerId: 10, independent: "strong_yes", revote: null },
        { interviewerId: 20, independent: "no", revote: "yes" },
        { interviewerId: 30, independent: "yes", revote: null },
      ],
    },
    {
      interviewId: 2,
      decision: "no_hire",
      votes: [
        { interviewerId: 10, independent: "yes", revote: "strong_yes" },
        { interviewerId: 20, independent: "no", revote: null },
      ],
    },
  ];

  it("counts per interviewer how often their votes argued for the decision, and which way they changed", () => {
    const { interviewers, decided } = computeDecisionAgreement(debriefs);
    expect(decided).toBe(2);
    expect(interviewers).toEqual([
      {
        interviewerId: 10,
        debriefs: 2,
        independentAgreed: 1,
        finalAgreed: 1,
        changed: 1,
        toward: 0,
        away: 1,
        sideways: 0,
      },
      {
        interviewerId: 20,
        debriefs: 2,
        independentAgreed: 1,
        finalAgreed: 2,
        changed: 1,
        toward: 1,
        away: 0,
        sideways: 0,
      },
      {
        interviewerId: 30,
        debriefs: 1,
        independentAgreed: 1,
        finalAgreed: 1,
        changed: 0,
        toward: 0,
        away: 0,
        sideways: 0,
      },
    ]);
  });

  it("gives Fleiss' kappa through the one calibration implementation, before and after the discussion", () => {
    const agreement = computeDecisionAgreement(debriefs);
    expect(agreement.kappaIndependent).toBe(
      fleissKappa(
        [
          ["strong_yes", "no", "yes"],
          ["yes", "no"],
        ],
        RECOMMENDATIONS,
      ),
    );
    expect(agreement.kappaFinal).toBe(
      fleissKappa(
        [
          ["strong_yes", "yes", "yes"],
          ["strong_yes", "no"],
        ],
        RECOMMENDATIONS,
      ),
    );
    expect(computeDecisionAgreement([]).kappaIndependent).toBeNull();
  });
});
