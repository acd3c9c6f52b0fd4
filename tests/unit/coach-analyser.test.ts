import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseNote, COACHED_FLAGS, FLAG_FOR_KIND } from "~/domain/coach/analyse-note";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { readCorpus } from "../support/coach-corpus";

const spans = (text: string) => analyseNote(text).map((s) => [s.kind, text.slice(s.start, s.end), s.flag]);

describe("analyseNote", () => {
  it("points at the span that shows the signal, with the rubric's flag", () => {
    expect(spans("The assumption was made that it would be compatible.")).toEqual([
      ["passive_voice", "was made", "passive_voice"],
    ]);
    expect(spans('"It was a small thing really."')).toEqual([["minimising", "a small thing", "consequence_free"]]);
    expect(spans('"I guess it was on me."')).toEqual([["hedging", "I guess", null]]);
    expect(spans("No one checked the config.")).toEqual([["blame_diffusion", "No one checked", "blame_diffusion"]]);
  });

  it("keeps offsets exact around emoji, curly quotes, dashes and contractions", () => {
    const text = "😀 Notes — “the contract wasn’t updated” and then: “we dropped the ball”.";
    const found = analyseNote(text);
    expect(found.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ["passive_voice", "wasn’t updated"],
      ["blame_diffusion", "we dropped"],
    ]);
  });

  it("says nothing about active sentences with 'was' or a 'we' the candidate leads", () => {
    for (const text of [
      "I was leading the migration and I was wrong about the timeline.",
      "The launch was late by two weeks.",
      "We shipped the fix on Tuesday after I wrote the patch.",
      "I added a rollback step to the release checklist.",
      "",
      "   ",
    ])
      expect(analyseNote(text), text).toEqual([]);
  });

  it("gives a lesson with a mechanism in the same note no flag", () => {
    expect(analyseNote("I learned to communicate better, so I now send a written summary after every call.")).toEqual(
      [],
    );
    expect(spans("I learned to communicate better.")[0]?.[0]).toBe("generic_lesson");
  });

  it("stays within the text and maps every kind to a rubric red flag on the whole corpus", () => {
    for (const flag of COACHED_FLAGS) expect(DEFAULT_RUBRIC.redFlags.map((f) => f.key)).toContain(flag);
    for (const { text } of readCorpus()) {
      for (const s of analyseNote(text)) {
        expect(0 <= s.start && s.start < s.end && s.end <= text.length).toBe(true);
        expect(s.flag).toBe(FLAG_FOR_KIND[s.kind]);
      }
    }
  }, 120_000); // about 10 ms a note; generous, the machine is shared

  it("never throws and keeps every span inside the text, whatever is typed", () => {
    const words = fc.constantFrom(
      "was",
      "made",
      "we",
      "the team",
      "I",
      "learned",
      "better",
      "n't",
      "’s",
      "—",
      "“",
      "\u0000",
      "😀",
      "\n",
      " ",
      ".",
      "kind of",
    );
    const note = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.array(words, { maxLength: 40 }).map((w) => w.join(" ")),
    );
    fc.assert(
      fc.property(note, (text) => {
        const found = analyseNote(text);
        for (const s of found) expect(0 <= s.start && s.start < s.end && s.end <= text.length).toBe(true);
        expect(found.map((s) => s.start)).toEqual([...found.map((s) => s.start)].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
