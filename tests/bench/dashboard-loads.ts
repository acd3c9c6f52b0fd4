// The dashboard section's loads of the overview loader as the signed-in lead: cold (a filter the
// server has not computed since it started), warm (from its cache), busy (while submits arrive), and
// the JSON each view's loader sends.
import { setTimeout as sleep } from "node:timers/promises";

import type { BenchContext } from "./bench-kit";
import type { BigServer } from "./big-server";
import { bumpDataVersion, DASHBOARD_DATA, leadGet, recordSubmit } from "./dashboard-requests";
import type { EventLoopReading } from "./event-loop-probe-client";

/** Cold runs stop early (after at least MIN_COLD_RUNS) once they have taken this long: the bench stays bounded on a slow or busy machine. */
const COLD_BUDGET_MS = 60_000;
const MIN_COLD_RUNS = 3;

// dashboard.busy_*: loads during a working day. A submit is recorded (an audit row, as the scorecard
// action writes it) every BUSY_SUBMIT_MS while the lead's overview is loaded every BUSY_LOAD_MS:
// each load should answer from the last computed views and leave the refresh to the worker.
export const BUSY_SECONDS = 15;
export const BUSY_SUBMIT_MS = 2_000;
export const BUSY_LOAD_MS = 250;
export const TARGET_BUSY_P99_MS = 100;

const coldPath = (run: number) =>
  `/calibration?to=2999-12-${String(10 + run).padStart(2, "0")}&_data=routes%2Fcalibration._index`;

/**
 * Up to `runs` cold requests, the data version bumped before each, and the server's event loop over
 * them. The server serves the last computed views of a filter at once
 * (app/models/dashboard-snapshot.server.ts), so a cold run is a filter it has not computed since it
 * started: the same rows under a `to` date far in the future, a different date each run (as after a
 * restart).
 */
export async function coldLoads(
  server: BigServer,
  context: BenchContext,
  runs: number,
): Promise<{ cold: number[]; bytes: number; eventLoop: EventLoopReading | null }> {
  const cold: number[] = [];
  let bytes = 0;
  const coldUrl = (run: number) => `${server.url}${coldPath(run)}`;
  await server.probe?.reset();
  for (let run = 0; run < runs; run++) {
    const spent = cold.reduce((sum, ms) => sum + ms, 0);
    if (run >= MIN_COLD_RUNS && spent > COLD_BUDGET_MS) {
      context.log(
        `dashboard: cold runs stopped after ${run}: ${(spent / 1000).toFixed(0)} s spent (budget ${COLD_BUDGET_MS / 1000} s)`,
      );
      break;
    }
    bumpDataVersion(server.databasePath);
    const answer = await leadGet(coldUrl(run), server.lead.cookie);
    if (answer.status !== 200) throw new Error(`GET ${coldPath(run)} answered ${answer.status}`);
    cold.push(answer.ms);
    bytes = answer.bytes;
  }
  const eventLoop = (await server.probe?.read()) ?? null;
  return { cold, bytes, eventLoop };
}

/** `runs` requests of the unfiltered overview after its own first computation (untimed): answered from the cache. */
export async function warmLoads(server: BigServer, runs: number): Promise<number[]> {
  const url = `${server.url}${DASHBOARD_DATA}`;
  const get = async () => {
    const answer = await leadGet(url, server.lead.cookie);
    if (answer.status !== 200) throw new Error(`GET ${DASHBOARD_DATA} answered ${answer.status}`);
    return answer;
  };
  const warm: number[] = [];
  await get(); // the unfiltered view's own first computation, untimed
  for (let run = 0; run < runs; run++) warm.push((await get()).ms);
  return warm;
}

export async function busyLoads(
  server: BigServer,
  context: BenchContext,
): Promise<{ p50: number; p99: number; max: number; loads: number; stale: number; runs: number[] }> {
  context.log(
    `dashboard: busy: the overview every ${BUSY_LOAD_MS} ms for ${BUSY_SECONDS} s, a submit every ${BUSY_SUBMIT_MS} ms…`,
  );
  const runs: number[] = [];
  let stale = 0;
  const end = performance.now() + BUSY_SECONDS * 1000;
  let nextSubmit = performance.now();
  while (performance.now() < end) {
    if (performance.now() >= nextSubmit) {
      recordSubmit(server.databasePath);
      nextSubmit += BUSY_SUBMIT_MS;
    }
    const started = performance.now();
    const res = await fetch(`${server.url}${DASHBOARD_DATA}`, { headers: { Cookie: server.lead.cookie } });
    const body = (await res.json()) as { freshness?: { refreshing: boolean } };
    runs.push(performance.now() - started);
    if (body.freshness?.refreshing) stale += 1;
    await sleep(Math.max(0, BUSY_LOAD_MS - (performance.now() - started)));
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  context.log(
    `dashboard: busy loads (ms): p50 ${at(0.5).toFixed(0)}, p99 ${at(0.99).toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)}; ${stale} of ${runs.length} from the snapshot while newer scorecards were pending`,
  );
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)!, loads: runs.length, stale, runs };
}

/** The JSON each dashboard view's loader sends (unfiltered; computed already, so cheap to ask). */
export async function viewBytes(server: BigServer): Promise<[string, number][]> {
  const views = ["_index", "interviewers", "dimensions", "variants", "candidates", "queue"];
  const out: [string, number][] = [];
  for (const view of views) {
    const path = view === "_index" ? "/calibration" : `/calibration/${view}`;
    const answer = await leadGet(`${server.url}${path}?_data=routes%2Fcalibration.${view}`, server.lead.cookie);
    out.push([view === "_index" ? "overview" : view, answer.bytes / 1024]);
  }
  return out;
}
