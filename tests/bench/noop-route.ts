// The bare Remix action of the framework floor: served by autosave-noop-server.ts, loaded by
// autosave-floors.ts. A module of its own so the floor server does not pull in the load generator.
export const NOOP_ROUTE_ID = "routes/__bench.noop";
export const NOOP_PATH = "/__bench/noop";
