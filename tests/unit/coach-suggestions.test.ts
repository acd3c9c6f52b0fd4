import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoteSignals } from "~/components/scorecard/note-signals";
import { analyseNote } from "~/domain/coach/analyse-note";
import { openSuggestions, segmentNote, signalKey, suggestionForKey } from "~/domain/coach/suggestions";

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
    expect(openSuggestions(signals, { ...none, raisedFlags: ["blame_diffusion"] }).map((s) => s.flag)).toEqual(["passive_voice"]);
    const firstPassive = signals.find((s) => s.kind === "passive_voice")!;
    // Dismissing the first passive span leaves the second ("were made") to suggest the flag.
    const after = openSuggestions(signals, { ...none, dismissed: new Set([signalKey(firstPassive)]) });
    expect(after.map((s) => text.slice(s.start, s.end))).toEqual(["We kind of assumed", "were made"]);
  });

  it("maps g to raising and x to dismissing the first open suggestion, and nothing else", () => {
    const open = openSuggestions(signals, { dismissed: new Set(), raisedFlags: [] });
    expect(suggestionForKey("g", open)).toEqual({ action: "raise", flag: "blame_diffusion" });
    expect(suggestionForKey("x", open)).toEqual({ action: "dismiss", key: signalKey(open[0]) });
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
    expect(html).toMatch(/Blame diffusion.*Raise<kbd>g<\/kbd>.*Dismiss<kbd>x<\/kbd>/);
    expect(html).toContain("Passive voice");
    expect(raised).toEqual([]);
  });
});
