import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT, mergeDraft, setField } from "~/domain/scorecard/merge-draft";
import type { DraftContent, EvidenceNote } from "~/domain/scorecard-content";

const note = (id: string, text: string, elapsedSeconds = 10, dimension = "ownership"): EvidenceNote => ({
  id,
  dimension,
  elapsedSeconds,
  text,
});
const card = (over: Partial<DraftContent> = {}): DraftContent => ({ ...structuredClone(EMPTY_DRAFT), ...over });

const base = card({
  ratings: { ownership: 2, accountability: 3 },
  capJustifications: {},
  redFlags: ["passive_voice"],
  star: ["situation"],
  recommendation: "no",
  notes: [note("a", "first note", 5), note("b", "second note", 20)],
  coachDismissed: ["a|hedging:0-5"],
});

interface Row {
  name: string;
  mine: Partial<DraftContent>;
  theirs: Partial<DraftContent>;
  merged: Partial<DraftContent>;
  conflicts?: { field: string; mine: unknown; theirs: unknown }[];
}

const rows: Row[] = [
  {
    name: "nothing changed",
    mine: {},
    theirs: {},
    merged: {},
  },
  {
    name: "disjoint ratings",
    mine: { ratings: { ownership: 3, accountability: 3 } },
    theirs: { ratings: { ownership: 2, accountability: 3, repair: 4 } },
    merged: { ratings: { ownership: 3, accountability: 3, repair: 4 } },
  },
  {
    name: "the same rating changed alike on both sides",
    mine: { ratings: { ownership: 4, accountability: 3 } },
    theirs: { ratings: { ownership: 4, accountability: 3 } },
    merged: { ratings: { ownership: 4, accountability: 3 } },
  },
  {
    name: "the same rating changed differently: a conflict, theirs kept until chosen",
    mine: { ratings: { ownership: 4, accountability: 3 } },
    theirs: { ratings: { ownership: 1, accountability: 3 } },
    merged: { ratings: { ownership: 1, accountability: 3 } },
    conflicts: [{ field: "ratings.ownership", mine: 4, theirs: 1 }],
  },
  {
    name: "a rating cleared on one side, untouched on the other",
    mine: { ratings: { ownership: 2 } },
    theirs: {},
    merged: { ratings: { ownership: 2 } },
  },
  {
    name: "a rating cleared on one side and changed on the other",
    mine: { ratings: { ownership: 2 } },
    theirs: { ratings: { ownership: 2, accountability: 4 } },
    merged: { ratings: { ownership: 2, accountability: 4 } },
    conflicts: [{ field: "ratings.accountability", mine: null, theirs: 4 }],
  },
  {
    name: "justifications per dimension",
    mine: { capJustifications: { ownership: "first person throughout" } },
    theirs: { capJustifications: { repair: "fixed it in an hour" } },
    merged: { capJustifications: { ownership: "first person throughout", repair: "fixed it in an hour" } },
  },
  {
    name: "different red flags raised on each side, one lowered",
    mine: { redFlags: ["passive_voice", "generic_lesson"] },
    theirs: { redFlags: ["fake_mistake"] },
    merged: { redFlags: ["fake_mistake", "generic_lesson"] },
  },
  {
    name: "STAR ticks from both sides",
    mine: { star: ["situation", "task"] },
    theirs: { star: ["result", "situation"] },
    merged: { star: ["result", "situation", "task"] },
  },
  {
    name: "recommendation on one side, its justification on the other",
    mine: { recommendation: "strong_yes" },
    theirs: { recommendationJustification: "the repair was exceptional" },
    merged: { recommendation: "strong_yes", recommendationJustification: "the repair was exceptional" },
  },
  {
    name: "the recommendation changed differently on both sides",
    mine: { recommendation: "yes" },
    theirs: { recommendation: "strong_no" },
    merged: { recommendation: "strong_no" },
    conflicts: [{ field: "recommendation", mine: "yes", theirs: "strong_no" }],
  },
  {
    name: "a note added on each side: both kept, in clock order",
    mine: { notes: [note("a", "first note", 5), note("b", "second note", 20), note("m", "mine", 30)] },
    theirs: { notes: [note("a", "first note", 5), note("t", "theirs", 25), note("b", "second note", 20)] },
    merged: {
      notes: [note("a", "first note", 5), note("b", "second note", 20), note("t", "theirs", 25), note("m", "mine", 30)],
    },
  },
  {
    name: "a note added on one side, another edited on the other",
    mine: { notes: [note("a", "first note", 5), note("b", "second note", 20), note("m", "mine", 30)] },
    theirs: { notes: [note("a", "first note, edited", 5), note("b", "second note", 20)] },
    merged: { notes: [note("a", "first note, edited", 5), note("b", "second note", 20), note("m", "mine", 30)] },
  },
  {
    name: "the same note edited differently on both sides",
    mine: { notes: [note("a", "mine edit", 5), note("b", "second note", 20)] },
    theirs: { notes: [note("a", "their edit", 5), note("b", "second note", 20)] },
    merged: { notes: [note("a", "their edit", 5), note("b", "second note", 20)] },
    conflicts: [{ field: "notes.a", mine: note("a", "mine edit", 5), theirs: note("a", "their edit", 5) }],
  },
  {
    name: "a note deleted on one side, untouched on the other: deleted",
    mine: { notes: [note("b", "second note", 20)] },
    theirs: {},
    merged: { notes: [note("b", "second note", 20)] },
  },
  {
    name: "a note deleted on one side and edited on the other: a conflict",
    mine: { notes: [note("b", "second note", 20)] },
    theirs: { notes: [note("a", "first note, edited", 5), note("b", "second note", 20)] },
    merged: { notes: [note("a", "first note, edited", 5), note("b", "second note", 20)] },
    conflicts: [{ field: "notes.a", mine: null, theirs: note("a", "first note, edited", 5) }],
  },
  {
    name: "answer marks from one side, the clock from the other",
    mine: { timing: { clockStartedAt: null, answerStartSeconds: 60, answerEndSeconds: 190 } },
    theirs: { timing: { clockStartedAt: 1_000, answerStartSeconds: null, answerEndSeconds: null } },
    merged: { timing: { clockStartedAt: 1_000, answerStartSeconds: 60, answerEndSeconds: 190 } },
  },
  {
    name: "the clock started on both sides: the earlier start stands, no conflict",
    mine: { timing: { clockStartedAt: 5_000, answerStartSeconds: null, answerEndSeconds: null } },
    theirs: { timing: { clockStartedAt: 3_000, answerStartSeconds: null, answerEndSeconds: null } },
    merged: { timing: { clockStartedAt: 3_000, answerStartSeconds: null, answerEndSeconds: null } },
  },
  {
    name: "the clock started in both tabs: the one running longest is the interview's",
    mine: { timer: { elapsedMs: 0, runningSince: 9_000 } },
    theirs: { timer: { elapsedMs: 0, runningSince: 4_000 } },
    merged: { timer: { elapsedMs: 0, runningSince: 4_000 } },
  },
  {
    name: "a running clock beats a paused one",
    mine: { timer: { elapsedMs: 5_000, runningSince: null } },
    theirs: { timer: { elapsedMs: 0, runningSince: 4_000 } },
    merged: { timer: { elapsedMs: 0, runningSince: 4_000 } },
  },
  {
    name: "the answer end marked differently on both sides",
    mine: { timing: { clockStartedAt: null, answerStartSeconds: null, answerEndSeconds: 150 } },
    theirs: { timing: { clockStartedAt: null, answerStartSeconds: null, answerEndSeconds: 170 } },
    merged: { timing: { clockStartedAt: null, answerStartSeconds: null, answerEndSeconds: 170 } },
    conflicts: [{ field: "timing.answerEndSeconds", mine: 150, theirs: 170 }],
  },
  {
    name: "coach suggestions dismissed on each side: both stay dismissed",
    mine: { coachDismissed: ["a|hedging:0-5", "a|passive_voice:6-20"] },
    theirs: { coachDismissed: ["a|hedging:0-5", "b|generic_lesson:0-11"] },
    merged: { coachDismissed: ["a|hedging:0-5", "a|passive_voice:6-20", "b|generic_lesson:0-11"] },
  },
  {
    name: "the same suggestion dismissed on both sides: kept once",
    mine: { coachDismissed: ["a|hedging:0-5", "b|passive_voice:0-9"] },
    theirs: { coachDismissed: ["a|hedging:0-5", "b|passive_voice:0-9"] },
    merged: { coachDismissed: ["a|hedging:0-5", "b|passive_voice:0-9"] },
  },
  {
    name: "a dismissal undone on one side, another added on the other",
    mine: { coachDismissed: [] },
    theirs: { coachDismissed: ["a|hedging:0-5", "b|passive_voice:0-9"] },
    merged: { coachDismissed: ["b|passive_voice:0-9"] },
  },
];

describe("mergeDraft", () => {
  it.each(rows)("$name", ({ mine, theirs, merged, conflicts = [] }) => {
    const result = mergeDraft(base, card({ ...base, ...mine }), card({ ...base, ...theirs }));
    const expected = card({ ...base, ...merged });
    expected.redFlags = [...expected.redFlags].sort();
    expected.star = [...expected.star].sort();
    expected.coachDismissed = [...expected.coachDismissed].sort();
    expected.notes = [...expected.notes].sort((a, b) => a.elapsedSeconds - b.elapsedSeconds);
    expect(result.merged).toEqual(expected);
    expect(result.conflicts.map(({ field, mine: m, theirs: t }) => ({ field, mine: m, theirs: t }))).toEqual(conflicts);
  });

  it("is symmetric in what it keeps when nothing conflicts", () => {
    const mine = card({ ...base, ratings: { ownership: 2, accountability: 3, repair: 1 } });
    const theirs = card({ ...base, star: ["situation", "action"] });
    expect(mergeDraft(base, mine, theirs).merged).toEqual(mergeDraft(base, theirs, mine).merged);
  });

  it("a choice settles a conflict by writing one field", () => {
    const { merged, conflicts } = mergeDraft(
      base,
      card({ ...base, recommendation: "yes" }),
      card({ ...base, recommendation: "strong_no" }),
    );
    setField(merged, conflicts[0].field, conflicts[0].mine);
    expect(merged.recommendation).toBe("yes");
  });
});
