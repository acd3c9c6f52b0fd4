import { useState, useSyncExternalStore } from "react";

// Which dimension is open (the one being scored) lives in a store, not in the editor's state: j, k,
// Tab or a click into a folded card change it, and only the card that folds, the card that unfolds
// and the coach (the note g and d act on) show it. In the editor's state every j re-rendered the
// editor, its form, the live bar, the coach and the dialogs.

export interface CurrentDimensionStore {
  get(): number;
  set(index: number): void;
  subscribe(listener: () => void): () => void;
}

function createCurrentDimensionStore(): CurrentDimensionStore {
  let current = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(index) {
      if (index === current) return;
      current = index;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The editor's store, made once. */
export function useCurrentDimensionStore(): CurrentDimensionStore {
  const [store] = useState(createCurrentDimensionStore);
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
