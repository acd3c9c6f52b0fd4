import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoteSignals } from "~/components/scorecard/note-signals";
import { analyseNote } from "~/domain/coach/analyse-note";
import { coachDismissalKey, dismissedInNote, keepDismissals } from "~/domain/coach/dismissals";
import { openSuggestions, segmentNote, signalKey, suggestionForKey } from "~/domain/coach/suggestions";
import { SHORTCUTS } from "~/components/scorecard/shortcut-list";

const text = "“We kind of assumed the contract was updated.” Mistakes were made.";
const signals = analyseNote(text);

describe("suggestions on a note", () => {
  it("cuts the note at every signal boundary, overlapping spans included, and loses no character", () => {
    const segments = segmentNote(text, signals);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    const covered = segments.filter((s) => s.signals.length).map((s) => [s.text, s.signals.map((x) => x.kind)]);
    expect(covered).toContainEqual(["kind of assumed", ["blame_diffusion", "hedging"]]);
    expect(covered).toContainEqual(["was updated", ["passive_voice"]]);
  });

  it("offers one suggestion per flag, none for a raised flag, a dismissed one, or hedging", () => {
    const none = { dismissed: new Set<string>(), raisedFlags: [] };
    expect(openSuggestions(signals, none).map((s) => s.flag)).toEqual(["blame_diffusion", "passive_voice"]);
    expect(openSuggestions(signals, { ...none, raisedFlags: ["blame_diffusion"] }).map((s) => s.flag)).toEqual([
      "passive_voice",
    ]);
    const firstPassive = signals.find((s) => s.kind === "passive_voice")!;
    // Dismissing the first passive span leaves the second ("were made") to suggest the flag.
    const after = openSuggestions(signals, { ...none, dismissed: new Set([signalKey(firstPassive)]) });
    expect(after.map((s) => text.slice(s.start, s.end))).toEqual(["We kind of assumed", "were made"]);
  });

  it("maps g to raising and d to dismissing the first open suggestion, and nothing else", () => {
    const open = openSuggestions(signals, { dismissed: new Set(), raisedFlags: [] });
    expect(suggestionForKey("g", open)).toEqual({ action: "raise", flag: "blame_diffusion" });
    expect(suggestionForKey("d", open)).toEqual({ action: "dismiss", key: signalKey(open[0]) });
    expect(suggestionForKey("f", open)).toBeNull();
    expect(suggestionForKey("g", [])).toBeNull();
  });

  it("renders underlines, the flag beside them and the two buttons, without raising anything", () => {
    const raised: string[] = [];
    const html = renderToStaticMarkup(
      createElement(NoteSignals, {
        text,
        signals,
        dismissed: new Set<string>(),
        raisedFlags: [],
        flagName: (k: string) => ({ passive_voice: "Passive voice", blame_diffusion: "Blame diffusion" })[k] ?? k,
        onRaise: (f: string) => raised.push(f),
        onDismiss: () => {},
      }),
    );
    expect(html).toContain('<mark class="coach-span coach-passive_voice"');
    expect(html).toContain("was updated</mark>");
    expect(html).toMatch(
      /Blame diffusion.*Raise<span[^>]*>[^<]*<\/span><kbd>g<\/kbd>.*Dismiss<span[^>]*>[^<]*<\/span><kbd>d<\/kbd>/,
    );
    expect(html).toContain("Passive voice");
    expect(raised).toEqual([]);
  });

  it("keeps dismissals per note, and drops those of notes that are gone", () => {
    const key = coachDismissalKey("n1", signalKey({ kind: "passive_voice", start: 4, end: 20 }));
    expect(key).toBe("n1|passive_voice:4-20");
    const list = [key, "n2|hedging:0-3", "n10|generic_lesson:1-5"];
    expect([...dismissedInNote("n1", list)]).toEqual(["passive_voice:4-20"]);
    expect(keepDismissals([...list, key], [{ id: "n1" }, { id: "n10" }])).toEqual(
      ["n10|generic_lesson:1-5", "n1|passive_voice:4-20"].sort(),
    );
  });

  it("the coach's keys are in the shortcut list and no other shortcut uses them", () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys.split(/\s*\/\s*|\s*\+\s*/));
    expect(SHORTCUTS.find((s) => /Evidence coach/.test(s.action))?.keys).toBe("g / d");
    expect(keys.filter((k) => k === "g" || k === "d")).toEqual(["g", "d"]);
  });
});
