import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { onConnectionClose, preparedOnce } from "~db/client";
import * as t from "~db/schema";
import type { DashboardViews } from "~/domain/calibration/dashboard-views";
import type { CalibrationFilter } from "~/schemas/calibration-filter-schema";
import { computeDashboard } from "./calibration.server";

// The dashboard answers from the last computed views of its filter at once, saying how old they
// are, and refreshes them in the background: at 100,000 scorecards a computation takes seconds, and
// during a working day a scorecard arrives every few seconds, so waiting for fresh figures would
// mean every lead always waits. Only a filter never computed since the server started waits.
//
// Every change that can move a statistic (submit, amendment, import, erasure, rubric edit) writes
// the audit log, so the newest audit id among those actions (DATA_ACTIONS) is the data's version.
// Autosaved drafts do not count, nor does anything else the audit log records (a debrief viewed, a
// conversation noted): the dashboard would say "refreshing" with no figure able to move.
// Refreshes run one at a time (single flight): each takes a whole core, so two at once would only
// make both late and starve the requests the main thread serves.

/** Computes one filter's views; the server sets one that runs on its worker thread (app/server/start.ts). */
export type ComputeDashboard = (filter: CalibrationFilter) => Promise<DashboardViews>;

/** How fresh the views are: when they were computed, and how many scorecards were submitted since. */
export interface DashboardFreshness {
  /** ISO time at which the data they were computed from was read. */
  asOf: string;
  newerScorecards: number;
  /** True while newer data is being computed (the page may ask again shortly). */
  refreshing: boolean;
}

export interface DashboardSnapshot {
  views: DashboardViews;
  freshness: DashboardFreshness;
}

interface Entry {
  filter: CalibrationFilter;
  /** The last computed views, with the data version and time they were computed from. */
  done: { views: DashboardViews; version: number; asOf: string } | null;
  /** A first computation everyone waits for (no views yet). */
  first: Promise<void> | null;
  /** The version a queued or running refresh will compute. */
  wanted: number | null;
}

const CACHE_SIZE = 16;
const cache = new Map<string, Entry>();
// On the next turn, so that a load which starts a refresh answers before the refresh blocks the thread.
const computeOnMainThread: ComputeDashboard = (filter) => {
  const asked = generation;
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      // The database may have been closed since (a test file's end): do not open it again.
      if (asked !== generation) return reject(new Forgotten());
      try {
        resolve(computeDashboard(filter));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
};
const queue: string[] = [];
let running: Promise<void> | null = null;
/** Bumped when the views are forgotten (a closed database, a test's restart): older work is dropped quietly. */
let generation = 0;

class Forgotten extends Error {
  override name = "Forgotten";
}

// Kept on globalThis, not in a module variable: app/server/start.ts loads this module from source
// while the routes use the copy bundled into the Remix build, and both must see the same setting.
const COMPUTE = Symbol.for("panel-scorecard.compute-dashboard");
type WithCompute = typeof globalThis & { [COMPUTE]?: ComputeDashboard };

/** Where computations run: app/server/start.ts passes its worker thread's; tests leave (or set back, undefined) the main thread's. */
export function setDashboardCompute(next: ComputeDashboard | undefined): void {
  (globalThis as WithCompute)[COMPUTE] = next;
}

const compute: ComputeDashboard = (filter) => ((globalThis as WithCompute)[COMPUTE] ?? computeOnMainThread)(filter);

/**
 * The audit actions that change what computeDashboard reads: submitted scorecards and their
 * ratings, red flags and recommendations (submit, amend, import, a panel change, a review reopened
 * into a draft), candidates (erasure) and the rubric's scale and names.
 */
export const DATA_ACTIONS = [
  "scorecard.submitted",
  "scorecard.amended",
  "ratings.imported",
  "candidate.erased",
  "rubric.version_created",
  "interview.panel_changed",
  "review.reopened",
] as const;

// Newest first by id: the scan stops at the first data action, which is recent on a working day.
// Both asked on every dashboard load: prepared once (drizzle's query building was most of their cost).
const newestDataAction = preparedOnce((db) =>
  db
    .select({ id: t.auditLog.id })
    .from(t.auditLog)
    .where(inArray(t.auditLog.action, [...DATA_ACTIONS]))
    .orderBy(desc(t.auditLog.id))
    .limit(1)
    .prepare(),
);
const submitsAfter = preparedOnce((db) =>
  db
    .select({ n: count() })
    .from(t.auditLog)
    .where(and(gt(t.auditLog.id, sql.placeholder("version")), eq(t.auditLog.action, "scorecard.submitted")))
    .prepare(),
);

function dataVersion(): number {
  return newestDataAction().get()?.id ?? 0;
}

function submittedSince(version: number): number {
  return submitsAfter().get({ version })?.n ?? 0;
}

async function computeEntry(entry: Entry, version: number): Promise<void> {
  const asOf = new Date().toISOString();
  const views = await compute(entry.filter);
  if (!entry.done || entry.done.version <= version) entry.done = { views, version, asOf };
}

/** Runs queued refreshes one after another; a refresh computes the newest version when it starts. */
function drain(): void {
  if (running) return;
  const key = queue.shift();
  if (key === undefined) return;
  const entry = cache.get(key);
  if (!entry) return drain();
  const version = dataVersion();
  const started = generation;
  running = computeEntry(entry, version)
    .catch((error: unknown) => {
      // A refresh outlived its database (closed, or the views forgotten): nothing to report.
      // By name: the worker pool (app/server) and the bundled routes each have their own copy of the class.
      if (started !== generation || (error instanceof Error && error.name === "Forgotten")) return;
      console.error(`Dashboard refresh failed: ${String(error)}`);
    })
    .finally(() => {
      entry.wanted = null;
      running = null;
      drain();
    });
}

function remember(key: string, entry: Entry): void {
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

// Requests that waited for a first computation resume one per event-loop turn. Resumed by the same
// promise they would all continue in one microtask checkpoint, each one's loader running straight
// after the other's with no autosave answered in between: with 88 loads waiting (the bench's lead
// asking twice a second through a 44-s computation), that was a 3.0-s stall of the event loop.
let turns: Promise<void> = Promise.resolve();
function nextTurn(): Promise<void> {
  const turn = turns.then(() => new Promise<void>((resume) => setImmediate(resume)));
  turns = turn;
  return turn;
}

/** The filter's views now: fresh, or the last computed ones while a refresh runs in the background. */
export async function loadDashboard(filter: CalibrationFilter): Promise<DashboardSnapshot> {
  // A document's loaders all run in the request's first task, with Remix's dispatch: the page's own
  // work (its views, its links) and Remix's answer after it take a later turn, so an autosave that
  // arrived meanwhile is answered in between (at 100,000 scorecards that first task was ~10 ms).
  await nextTurn();
  const key = JSON.stringify(filter);
  const version = dataVersion();
  let entry = cache.get(key);
  if (!entry) {
    entry = { filter, done: null, first: null, wanted: null };
    const created = entry;
    // The first computation of a filter is awaited by every request for it, outside the refresh queue.
    created.first = computeEntry(created, version).finally(() => (created.first = null));
    created.first.catch(() => cache.get(key) === created && cache.delete(key));
  }
  remember(key, entry);
  if (entry.first) {
    await entry.first;
    await nextTurn();
  }
  const done = entry.done!;
  if (done.version < version && entry.wanted === null) {
    entry.wanted = version;
    queue.push(key);
    drain();
  }
  const stale = done.version < version;
  return {
    views: done.views,
    freshness: {
      asOf: done.asOf,
      newerScorecards: stale ? submittedSince(done.version) : 0,
      refreshing: stale,
    },
  };
}

/** The views of a filter, waiting for fresh ones (for figures computed from several filters at once). */
export async function loadFreshDashboard(filter: CalibrationFilter): Promise<DashboardViews> {
  const snapshot = await loadDashboard(filter);
  if (!snapshot.freshness.refreshing) return snapshot.views;
  return compute(filter);
}

/** Forgets every computed view (tests: a server restart). */
export function forgetDashboards(): void {
  generation += 1;
  cache.clear();
  queue.length = 0;
}

onConnectionClose(forgetDashboards);
