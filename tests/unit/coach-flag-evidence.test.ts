import { describe, expect, it } from "vitest";
import { flagEvidenceByInterviewer, suggestedFlags, summariseFlagEvidence } from "~/domain/coach/flag-evidence";

const card = (interviewerId: number, raisedFlags: string[], noteFlags: string[][]) => ({
  scorecardId: 0,
  interviewerId,
  raisedFlags,
  noteFlags,
});

describe("flag evidence", () => {
  it("reads the flags a note points to, each once", () => {
    expect(suggestedFlags("The decision was made. Mistakes were made. It was a small thing.")).toEqual([
      "passive_voice",
      "consequence_free",
    ]);
    expect(suggestedFlags("I guess it was on me.")).toEqual([]); // hedging suggests no flag
  });

  it("counts suggested flags taken up and raised flags with no supporting note", () => {
    const e = summariseFlagEvidence([
      card(1, ["passive_voice", "generic_lesson"], [["passive_voice"], ["blame_diffusion", "passive_voice"]]),
      card(1, ["claims_immunity", "fake_mistake"], [[]]),
    ]);
    expect(e).toMatchObject({
      scorecards: 2,
      suggested: 2,
      taken: 1,
      raised: 3,
      unsupported: 2,
      uptake: 0.5,
      unsupportedShare: 2 / 3,
    });
    // fake_mistake is a flag the coach cannot read: neither supported nor unsupported.
    const byFlag = (a: { flag: string }, b: { flag: string }) => a.flag.localeCompare(b.flag);
    expect([...e.flags].sort(byFlag)).toEqual([
      { flag: "blame_diffusion", suggested: true, raised: false },
      { flag: "claims_immunity", suggested: false, raised: true },
      { flag: "generic_lesson", suggested: false, raised: true },
      { flag: "passive_voice", suggested: true, raised: true },
    ]);
  });

  it("has no rate without evidence, and splits by interviewer", () => {
    expect(summariseFlagEvidence([])).toMatchObject({ scorecards: 0, uptake: null, unsupportedShare: null });
    const rows = flagEvidenceByInterviewer(
      [
        { interviewerId: 2, name: "B" },
        { interviewerId: 1, name: "A" },
      ],
      [card(1, [], [["no_mechanism"]]), card(2, ["no_mechanism"], [["no_mechanism"]])],
    );
    expect(rows.map((r) => [r.name, r.evidence.uptake, r.evidence.unsupportedShare])).toEqual([
      ["B", 1, 0],
      ["A", 0, null],
    ]);
  });
});
