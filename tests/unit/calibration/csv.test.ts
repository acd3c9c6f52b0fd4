import { describe, expect, it } from "vitest";

import { parseRatingsCsv, serializeRatingsCsv } from "../../../app/domain/calibration/csv";
import type { Rating } from "../../../app/domain/calibration/types";
import { simulatePanels } from "./simulate-panels";

const HEADER = "candidate,interviewer,dimension,score";

describe("parseRatingsCsv", () => {
  it("reads required and optional columns, in any order and case, with LF or CRLF", () => {
    for (const eol of ["\n", "\r\n"]) {
      const text =
        [
          "Score,Dimension,candidate,interviewer,date,variant,rubric_version",
          "3,ownership,c1,ann,2024-03-01,amazon,2",
          "2,learning,c1,ann,,,",
        ].join(eol) + eol;
      const result = parseRatingsCsv(text);
      expect(result).toEqual({
        ok: true,
        scale: { min: 2, max: 3 },
        ratings: [
          {
            candidate: "c1",
            interviewer: "ann",
            dimension: "ownership",
            score: 3,
            date: "2024-03-01",
            variant: "amazon",
            rubricVersion: "2",
          },
          { candidate: "c1", interviewer: "ann", dimension: "learning", score: 2 },
        ],
        lines: [2, 3],
      });
    }
  });

  it("handles RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes", () => {
    const text = `${HEADER}\n"Doe, Jane","Ann ""the judge""","owner\r\nship",4\n"x",bob,d,1\n`;
    const result = parseRatingsCsv(text);
    expect(result.ok && result.ratings).toEqual([
      { candidate: "Doe, Jane", interviewer: 'Ann "the judge"', dimension: "owner\r\nship", score: 4 },
      { candidate: "x", interviewer: "bob", dimension: "d", score: 1 },
    ]);
  });

  it("uses the declared scale when given, and skips blank lines", () => {
    const result = parseRatingsCsv(`${HEADER}\n\nc,ann,d,2\n\n`, { scale: { min: 1, max: 4 } });
    expect(result.ok && result.scale).toEqual({ min: 1, max: 4 });
    expect(result.ok && result.ratings).toHaveLength(1);
  });

  it.each([
    ["an empty file", "", undefined, null, "the file is empty"],
    ["only blank lines", "\n\r\n", undefined, null, "the file is empty"],
    ["a header and no rows", `${HEADER}\n`, undefined, null, "no ratings after the header"],
    [
      "a missing required column",
      "candidate,interviewer,score\nc,ann,3\n",
      undefined,
      1,
      'missing required column "dimension"',
    ],
    ["an unknown column", `${HEADER},mood\nc,ann,d,3,ok\n`, undefined, 1, 'unknown column "mood"'],
    ["a repeated column", `${HEADER},score\nc,ann,d,3,3\n`, undefined, 1, 'column "score" appears twice'],
    ["a non-integer score", `${HEADER}\nc,ann,d,3\nc,bob,d,3.5\n`, undefined, 3, 'score "3.5" is not an integer'],
    ["an empty score", `${HEADER}\nc,ann,d,\n`, undefined, 2, 'score "" is not an integer'],
    [
      "a candidate_id that is not a positive whole number",
      `${HEADER},candidate_id\nc #1,ann,d,3,1\nc #2,ann,d,3,#2\n`,
      undefined,
      3,
      'candidate_id "#2" is not a positive whole number',
    ],
    [
      "an out-of-scale score",
      `${HEADER}\nc,ann,d,3\nc,bob,d,5\n`,
      { min: 1, max: 4 },
      3,
      "score 5 is outside the scale 1-4",
    ],
    ["too few fields", `${HEADER}\nc,ann,d\n`, undefined, 2, "expected 4 fields, found 3"],
    ["too many fields", `${HEADER}\nc,ann,d,3,4\n`, undefined, 2, "expected 4 fields, found 5"],
    [
      "an unterminated quote",
      `${HEADER}\nc,ann,d,3\n"c2,bob,d,3\nc3,cat,d,3\n`,
      undefined,
      3,
      "unterminated quoted field",
    ],
    ["text after a closing quote", `${HEADER}\n"c"x,ann,d,3\n`, undefined, 2, "unexpected text after a closing quote"],
    ["a quote inside an unquoted field", `${HEADER}\nc"x,ann,d,3\n`, undefined, 2, "quote inside an unquoted field"],
    ["an empty candidate", `${HEADER}\n,ann,d,3\n`, undefined, 2, "candidate is empty"],
    [
      "a bad date",
      "candidate,interviewer,dimension,score,date\nc,ann,d,3,2024-02-30\n",
      undefined,
      2,
      'date "2024-02-30" is not a yyyy-mm-dd date',
    ],
    [
      "a bad recommendation",
      "candidate,interviewer,dimension,score,recommendation\nc,ann,d,3,maybe\n",
      undefined,
      2,
      'recommendation "maybe" is not one of strong_no, no, yes, strong_yes',
    ],
    [
      "a duplicate rating",
      `${HEADER}\nc,ann,d,3\nc,bob,d,3\nc,ann,d,2\n`,
      undefined,
      4,
      "ann rated c on d twice (first on line 2)",
    ],
    ["an invalid declared scale", `${HEADER}\nc,ann,d,3\n`, { min: 4, max: 1 }, null, "invalid scale"],
  ])("reports %s", (_, text, scale, line, message) => {
    expect(parseRatingsCsv(text, { scale })).toEqual({ ok: false, error: { line, message } });
  });

  it("reads candidate_id as a number beside the candidate text, never out of it", () => {
    const text = `${HEADER},candidate_id\nAna #12 #7,ann,d,3,7\nAna #12,ann,d,2,\n`;
    const parsed = parseRatingsCsv(text);
    expect(parsed.ok && parsed.ratings.map((r) => [r.candidate, "candidateId" in r ? r.candidateId : "none"])).toEqual([
      ["Ana #12 #7", 7],
      ["Ana #12", "none"],
    ]);
    const written = serializeRatingsCsv([
      { candidate: "Ana #12 #7", candidateId: 7, interviewer: "a", dimension: "d", score: 1 },
    ]);
    expect(written).toBe(`${HEADER},candidate_id\r\nAna #12 #7,a,d,1,7\r\n`);
  });

  it("numbers lines physically: a record after a quoted line break starts on a later line", () => {
    const text = `${HEADER}\r\n"multi\r\nline",ann,d,3\r\nc,bob,d,x\r\n`;
    expect(parseRatingsCsv(text)).toEqual({ ok: false, error: { line: 4, message: 'score "x" is not an integer' } });
  });
});

describe("serializeRatingsCsv", () => {
  it("quotes only when needed and writes only the optional columns in use", () => {
    const ratings: Rating[] = [
      { candidate: "Doe, Jane", interviewer: 'A "B"', dimension: "d", score: 3 },
      { candidate: "plain", interviewer: "x", dimension: "d", score: 1, level: "senior" },
    ];
    expect(serializeRatingsCsv(ratings)).toBe(
      `${HEADER},level\r\n"Doe, Jane","A ""B""",d,3,\r\nplain,x,d,1,senior\r\n`,
    );
  });

  it("round-trips simulated ratings and awkward names", () => {
    const { ratings } = simulatePanels(3, { scorecards: 200, interviewers: 10, candidates: 80 });
    const awkward: Rating[] = [
      ...ratings,
      {
        candidate: 'quote " comma , and\nnewline',
        interviewer: " spaced ",
        dimension: "é ✓",
        score: 2,
        recommendation: "no",
      },
    ];
    const parsed = parseRatingsCsv(serializeRatingsCsv(awkward), { scale: { min: 1, max: 4 } });
    // One record a line, but the last: its quoted newline starts no record.
    const lines = awkward.map((_, k) => k + 2);
    expect(parsed).toEqual({ ok: true, ratings: awkward, scale: { min: 1, max: 4 }, lines });
  });
});

describe("formula injection", () => {
  const hostile = ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "a=b", "'"];
  it("neutralises every text cell starting with = + - @ tab or CR, and reads each value back exactly", () => {
    const ratings: Rating[] = hostile.map((name, k) => ({
      candidate: name === "" ? "empty" : name,
      interviewer: `${name}@x`,
      dimension: "d",
      score: (k % 4) + 1,
      variant: name || undefined,
    }));
    const text = serializeRatingsCsv(ratings);
    for (const line of text.split("\r\n").slice(1)) {
      for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
    }
    const back = parseRatingsCsv(text);
    expect(back.ok && back.ratings).toEqual(
      ratings.map((r) => (r.variant === undefined ? (({ variant: _, ...rest }) => rest)(r) : r)),
    );
  });

  it("writes numbers as numbers: a negative score is not quoted", () => {
    const text = serializeRatingsCsv([{ candidate: "c", interviewer: "i", dimension: "d", score: -1 }]);
    expect(text.split("\r\n")[1]).toBe("c,i,d,-1");
    expect(parseRatingsCsv(text)).toMatchObject({ ok: true, ratings: [{ score: -1 }] });
  });
});
