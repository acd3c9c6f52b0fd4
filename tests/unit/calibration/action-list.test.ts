import { describe, expect, it } from "vitest";
import { evidenceCandidates, rankActions, type ActionEntry } from "../../../app/domain/calibration/action-list";
import type { Rating } from "../../../app/domain/calibration/types";

const entry = (over: Partial<ActionEntry>): ActionEntry => ({
  interviewer: `${over.name ?? "x"}@t`,
  name: "x",
  effect: "lenient",
  size: 0.5,
  ciLow: 0.3,
  ciHigh: 0.7,
  unit: "points",
  relativeSize: 2,
  certainty: 0.99,
  evidence: 10,
  minimum: 5,
  evidenceUnit: "shared candidates",
  interval: "normal",
  percent: false,
  baseline: null,
  links: [],
  ...over,
});

describe("rankActions", () => {
  it.each([
    {
      case: "bigger effect first at equal certainty",
      entries: [entry({ name: "A", relativeSize: 1.5 }), entry({ name: "B", relativeSize: 3 })],
      order: ["B", "A"],
    },
    {
      case: "more certain first at equal size",
      entries: [entry({ name: "A", certainty: 0.9 }), entry({ name: "B", certainty: 0.999 })],
      order: ["B", "A"],
    },
    {
      case: "size × certainty: big but uncertain below smaller but sure",
      entries: [
        entry({ name: "A", relativeSize: 4, certainty: 0.2 }),
        entry({ name: "B", relativeSize: 1.2, certainty: 0.99 }),
      ],
      order: ["B", "A"],
    },
    {
      case: "too little evidence is never listed",
      entries: [entry({ name: "A", evidence: 4 }), entry({ name: "B" })],
      order: ["B"],
    },
    {
      case: "below the effect's threshold is never listed",
      entries: [entry({ name: "A", relativeSize: 0.9 }), entry({ name: "B" })],
      order: ["B"],
    },
    {
      case: "no certainty is never listed",
      entries: [entry({ name: "A", certainty: 0 }), entry({ name: "B", certainty: Number.NaN })],
      order: [],
    },
    { case: "ties by name", entries: [entry({ name: "Zed" }), entry({ name: "Amy" })], order: ["Amy", "Zed"] },
  ])("$case", ({ entries, order }) => {
    expect(rankActions(entries).map((a) => a.name)).toEqual(order);
  });

  it("states the priority it ranked by", () => {
    expect(rankActions([entry({ relativeSize: 2, certainty: 0.5 })])[0].priority).toBeCloseTo(1);
  });
});

describe("evidenceCandidates", () => {
  const scale = { min: 1, max: 4 };
  const card = (candidate: string, interviewer: string, scores: number[]): Rating[] =>
    scores.map((score, k) => ({ candidate, interviewer, dimension: `d${k}`, score }));
  const ratings = [
    ...card("c1", "me", [4, 4]),
    ...card("c1", "peer", [2, 2]),
    ...card("c2", "me", [3, 3]),
    ...card("c2", "peer", [3, 3]),
    ...card("c3", "me", [4, 3]),
    ...card("c3", "peer", [3, 3]),
    ...card("c4", "me", [1, 4]),
    ...card("c4", "peer", [1, 4]),
    ...card("c5", "peer", [1, 1]),
  ];
  it.each([
    { effect: "lenient" as const, expected: ["c1", "c3"] },
    { effect: "severe" as const, expected: [] },
    { effect: "halo" as const, expected: [] },
  ])("$effect: the shared candidates that show it, plainest first", ({ effect, expected }) => {
    expect(evidenceCandidates(ratings, "me", effect, scale)).toEqual(expected);
  });
  it("halo: own flat scorecards where peers separated the dimensions", () => {
    const halo = [
      ...card("h1", "me", [3, 3]),
      ...card("h1", "peer", [1, 4]),
      ...card("h2", "me", [2, 3]),
      ...card("h2", "peer", [1, 4]),
    ];
    expect(evidenceCandidates(halo, "me", "halo", scale)).toEqual(["h1", "h2"]);
  });
});
