import { useSyncExternalStore } from "react";
import { createValueStore, type ValueStore } from "./value-store";

// The save status lives outside React state: it changes on every edit ("pending") and several
// times per save, and only the status line and the submit buttons show it. They subscribe here,
// so a change of status re-renders them, never the whole editor.

/** What the status line says: where the card stands against the server. */
export type SaveStatus =
  | { state: "idle" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "saved"; at: string }
  | { state: "offline"; submitQueued: boolean }
  | { state: "error"; message: string };

export type SaveStatusStore = ValueStore<SaveStatus>;

const same = (a: SaveStatus, b: SaveStatus) => JSON.stringify(a) === JSON.stringify(b);

export function createSaveStatusStore(initial: SaveStatus = { state: "idle" }): SaveStatusStore {
  return createValueStore(initial, same);
}

export function useSaveStatus(store: SaveStatusStore): SaveStatus {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Whether a save is in flight: its readers re-render when that changes, not at every status. */
export function useSaving(store: SaveStatusStore): boolean {
  const saving = () => store.get().state === "saving";
  return useSyncExternalStore(store.subscribe, saving, saving);
}
