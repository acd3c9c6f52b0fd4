import { useState, useSyncExternalStore } from "react";
import { createValueStore, type ValueStore } from "./value-store";

// Which dimension is open (the one being scored) lives in a store, not in the editor's state: j, k,
// Tab or a click into a folded card change it, and only the card that folds, the card that unfolds
// and the coach (the note g and d act on) show it. In the editor's state every j re-rendered the
// editor, its form, the live bar, the coach and the dialogs.

export type CurrentDimensionStore = ValueStore<number>;

/** The editor's store, made once. */
export function useCurrentDimensionStore(): CurrentDimensionStore {
  const [store] = useState(() => createValueStore(0));
  return store;
}

/** The open dimension's index: re-renders when it changes. */
export function useCurrentDimension(store: CurrentDimensionStore): number {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Whether this card is the open one: re-renders only when that changes (the card folds or unfolds). */
export function useIsCurrentDimension(store: CurrentDimensionStore, index: number): boolean {
  const isCurrent = () => store.get() === index;
  return useSyncExternalStore(store.subscribe, isCurrent, isCurrent);
}
