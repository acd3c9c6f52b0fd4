// The bench's paced autosave schedule (tests/bench/paced-schedule.ts): staggered interviewers save
// from phases spread over the second, in-step ones all at once, 50 saves a second either way.
import { describe, expect, it } from "vitest";

import { nextSave, pacedPhases, quantile, seededRandom, spreadInPeriod } from "../bench/paced-schedule";

describe("pacedPhases", () => {
  it("staggered: one phase per interviewer, each within the period, spread over all of it", () => {
    const phases = pacedPhases(50, 1000, "staggered");
    expect(phases).toHaveLength(50);
    for (const phase of phases) {
      expect(phase).toBeGreaterThanOrEqual(0);
      expect(phase).toBeLessThan(1000);
    }
    // Not in step: 50 distinct phases, and every quarter of the second holds some.
    expect(new Set(phases).size).toBe(50);
    const quarters = spreadInPeriod(phases, 1000, 250);
    expect(quarters.every((n) => n >= 5)).toBe(true);
    expect(quarters.reduce((a, b) => a + b, 0)).toBe(50);
  });

  it("staggered: the same phases for the same seed (repeatable runs), others for another seed", () => {
    expect(pacedPhases(50, 1000, "staggered")).toEqual(pacedPhases(50, 1000, "staggered"));
    expect(pacedPhases(50, 1000, "staggered", 1)).not.toEqual(pacedPhases(50, 1000, "staggered", 2));
  });

  it("in-step: every interviewer at phase 0, the whole period's saves in one instant", () => {
    const phases = pacedPhases(50, 1000, "in-step");
    expect(phases).toEqual(new Array(50).fill(0));
    expect(spreadInPeriod(phases, 1000, 100)[0]).toBe(50);
  });

  it("refuses a count or period that is not a load", () => {
    expect(() => pacedPhases(-1, 1000, "staggered")).toThrow(/count/);
    expect(() => pacedPhases(2.5, 1000, "staggered")).toThrow(/count/);
    expect(() => pacedPhases(5, 0, "staggered")).toThrow(/period/);
  });
});

describe("the schedule over ten seconds", () => {
  it("50 staggered interviewers answered at once make 50 saves in every second, none two in the same ms", () => {
    const phases = pacedPhases(50, 1000, "staggered");
    const sends: number[] = [];
    for (const phase of phases) {
      let due = phase;
      let slot = phase;
      while (due < 10_000) {
        sends.push(due);
        const next = nextSave(slot, 1000, due + 3); // answered 3 ms after it was sent
        expect(next.coalesced).toBe(0);
        due = next.dueMs;
        slot = next.slotMs;
      }
    }
    expect(sends).toHaveLength(500);
    for (let second = 0; second < 10; second++)
      expect(sends.filter((t) => t >= second * 1000 && t < (second + 1) * 1000)).toHaveLength(50);
    expect(new Set(sends.map((t) => Math.floor(t))).size).toBeGreaterThan(450);
  });
});

describe("nextSave", () => {
  it("answered within the period: due one period after the slot, nothing coalesced", () => {
    expect(nextSave(250, 1000, 260)).toEqual({ dueMs: 1250, slotMs: 1250, coalesced: 0 });
  });

  it("answered after the next slot: that save goes at once, its wait counted from its slot", () => {
    // Due at 1250, answered at 1400: dueMs stays 1250 (the latency's start), nothing else passed.
    expect(nextSave(250, 1000, 1400)).toEqual({ dueMs: 1250, slotMs: 1250, coalesced: 0 });
  });

  it("answered after several slots: the later ones are coalesced into that save, the schedule goes on after them", () => {
    expect(nextSave(250, 1000, 3400)).toEqual({ dueMs: 1250, slotMs: 3250, coalesced: 2 });
  });
});

describe("helpers", () => {
  it("seededRandom: numbers in [0, 1), the same sequence for the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let k = 0; k < 100; k++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("spreadInPeriod folds times into the period", () => {
    expect(spreadInPeriod([0, 1050, 2999, 420], 1000, 250)).toEqual([2, 1, 0, 1]);
  });

  it("quantile: nearest rank", () => {
    expect(quantile([], 0.5)).toBeNull();
    const hundred = Array.from({ length: 100 }, (_, k) => 100 - k);
    expect(quantile(hundred, 0.99)).toBe(99);
    expect(quantile(hundred, 1)).toBe(100);
    expect(quantile([5, 1, 3], 0.5)).toBe(3);
  });
});
