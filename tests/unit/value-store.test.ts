import { describe, expect, it } from "vitest";
import { createValueStore } from "~/components/scorecard/value-store";

describe("a value store (the scorecard's open dimension and save status)", () => {
  it("tells its listeners of a change, not of a value the same as the current one", () => {
    const store = createValueStore(0);
    const heard: number[] = [];
    const stop = store.subscribe(() => heard.push(store.get()));
    store.set(2);
    store.set(2);
    store.set((n) => n + 1);
    stop();
    store.set(7);
    expect(heard).toEqual([2, 3]);
    expect(store.get()).toBe(7);
  });

  it("compares with the given sameness", () => {
    const store = createValueStore({ state: "idle" }, (a, b) => a.state === b.state);
    let heard = 0;
    store.subscribe(() => (heard += 1));
    store.set({ state: "idle" });
    store.set({ state: "saving" });
    expect(heard).toBe(1);
  });
});
