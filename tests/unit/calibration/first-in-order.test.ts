import { describe, expect, it } from "vitest";
import { firstInOrder } from "~/domain/calibration/first-in-order";

describe("firstInOrder", () => {
  const byScoreThenName = (a: { score: number; name: string }, b: { score: number; name: string }) =>
    b.score - a.score || a.name.localeCompare(b.name);

  it("gives what a stable sort's first items are, ties in their given order", () => {
    // A fixed pseudo-random sequence, so a failure repeats: few distinct scores and names, many ties.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 8) % n;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: next(40) }, (_, k) => ({
        score: next(4) / 2,
        name: ["Ana", "Bo", "Émile", "Zoë", "ana"][next(5)],
        k,
      }));
      for (const limit of [0, 1, 3, 5, 50])
        expect(firstInOrder(items, limit, byScoreThenName)).toEqual([...items].sort(byScoreThenName).slice(0, limit));
    }
  });

  it("keeps the earlier of two equal items", () => {
    const a = { score: 1, name: "x" };
    const b = { score: 1, name: "x" };
    expect(firstInOrder([a, b], 1, byScoreThenName)[0]).toBe(a);
    expect(firstInOrder([b, a], 1, byScoreThenName)[0]).toBe(b);
  });
});
