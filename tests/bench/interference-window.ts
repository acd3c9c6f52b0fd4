// One window of the interference section: the autosave load (50 interviewers, autocannon, as in
// autosave-section.ts) while a lead loads the unfiltered dashboard page (GET /calibration, the full
// document) every LEAD_INTERVAL_MS, open loop (a request every 500 ms whether or not the previous one
// has answered), from a thread of its own (lead-worker.mjs: the lead is another person's browser,
// so reading its documents must not delay the interviewers' saves in the measuring process). The
// data version is bumped first, so the window starts with the dashboard's computation on the
// server's worker thread (the realistic worst case: the first lead to open it after a change). The
// window is at least INTERFERENCE_SECONDS long and lasts until AFTER_FIRST_MS after the first
// dashboard answer (at most MAX_WINDOW_SECONDS), so the answer's way back through the main thread is
// in it.
import { Worker } from "node:worker_threads";

import { seatsNow } from "./autosave-load";
import { median, type BenchContext } from "./bench-kit";
import type { BigServer } from "./big-server";
import { bumpDataVersion, DASHBOARD_DOCUMENT } from "./dashboard-requests";
import { describeEventLoop, type EventLoopReading } from "./event-loop-probe-client";
import { runInterviewerLoad, type LoadResult } from "./interviewer-load";
import { runPacedLoad, PERIOD_MS, type PacedLoadResult } from "./paced-load";
import { spreadInPeriod, type PacedSpread } from "./paced-schedule";
import { assertAlive } from "./process-group";

export const INTERFERENCE_SECONDS = 10;
const AFTER_FIRST_MS = 2_000;
const MAX_WINDOW_SECONDS = 45;
export const LEAD_INTERVAL_MS = 500;

interface LeadRequest {
  /** When it was sent, ms after the window started. */
  sentMs: number;
  ms: number | null;
  status: number | null;
  bytes: number;
  error: string | null;
}

/** What lead-worker.mjs posts. */
type LeadMessage =
  | { type: "sent"; index: number; sentAt: number }
  | { type: "answer"; index: number; ms: number; status: number; bytes: number; error?: undefined }
  | { type: "answer"; index: number; error: string }
  | { type: "ready" }
  | { type: "done" };

const isPaced = (load: LoadResult | PacedLoadResult): load is PacedLoadResult => "coalesced" in load;

export const fmtMs = (ms: number | null) => (ms === null ? "n/a" : ms.toFixed(0));

export interface InterferenceWindow {
  load: LoadResult | PacedLoadResult;
  eventLoop: EventLoopReading | null;
  seconds: number;
  requests: LeadRequest[];
  firstMs: number | null;
  dashboardP50: number | null;
  dashboardMax: number | null;
  statuses: string;
}

/**
 * One window: the data version bumped, the probe reset, the autosave load (closed loop, or paced:
 * each interviewer saving once a second, `pacing` says from which phase: paced-schedule.ts) and the
 * lead's requests every LEAD_INTERVAL_MS, until
 * INTERFERENCE_SECONDS have passed and the first dashboard answer is AFTER_FIRST_MS old.
 */
export async function interferenceWindow(
  context: BenchContext,
  server: BigServer,
  label: string,
  pacing?: PacedSpread,
): Promise<InterferenceWindow> {
  const common = { rubricVersionId: server.rubricVersionId, runningSince: Date.now() - 600_000 };
  // The lead's requests come from a thread of their own (lead-worker.mjs says why).
  const lead = new Worker(new URL("./lead-worker.mjs", import.meta.url), {
    workerData: { url: `${server.url}${DASHBOARD_DOCUMENT}`, cookie: server.lead.cookie, intervalMs: LEAD_INTERVAL_MS },
  });
  const leadReady = new Promise<void>((resolve, reject) => {
    lead.on("message", (message: LeadMessage) => message.type === "ready" && resolve());
    lead.once("error", reject);
  });
  const seats = await seatsNow(server);
  await leadReady;
  bumpDataVersion(server.databasePath);
  await server.probe?.reset();
  const started = performance.now();
  const startedAt = performance.timeOrigin + started;
  const requests: LeadRequest[] = [];
  let firstAnswerAt: number | null = null;
  let stopLoad: (() => void) | null = null;
  const leadDone = new Promise<void>((resolve, reject) => {
    lead.on("message", (message: LeadMessage) => {
      if (message.type === "done") return resolve();
      if (message.type === "ready") return;
      if (message.type === "sent") {
        requests[message.index] = { sentMs: message.sentAt - startedAt, ms: null, status: null, bytes: 0, error: null };
        return;
      }
      const request = requests[message.index];
      if (message.error !== undefined) request.error = message.error;
      else {
        Object.assign(request, { ms: message.ms, status: message.status, bytes: message.bytes });
        firstAnswerAt ??= performance.now();
      }
    });
    lead.on("error", reject);
    lead.on("exit", () => resolve());
  });
  lead.postMessage("start");
  const check = setInterval(() => {
    const now = performance.now();
    if (
      stopLoad &&
      firstAnswerAt !== null &&
      now - started >= INTERFERENCE_SECONDS * 1000 &&
      now - firstAnswerAt >= AFTER_FIRST_MS
    ) {
      stopLoad();
      stopLoad = null;
    }
  }, LEAD_INTERVAL_MS / 5);
  let load: LoadResult | PacedLoadResult;
  try {
    const control = (stop: () => void) => (stopLoad = stop);
    load = pacing
      ? await runPacedLoad(server.url, seats, { ...common, seconds: MAX_WINDOW_SECONDS, spread: pacing, control })
      : await runInterviewerLoad(server.url, seats, { ...common, seconds: MAX_WINDOW_SECONDS, control });
  } finally {
    clearInterval(check);
    lead.postMessage("stop");
  }
  const seconds = (performance.now() - started) / 1000;
  const eventLoop = (await server.probe?.read()) ?? null;
  const open = requests.filter((r) => r.ms === null && r.error === null).length;
  if (open > 0) context.log(`interference: ${label}: waiting for ${open} dashboard request(s) still open…`);
  await leadDone;
  await lead.terminate();
  assertAlive(server.server.child, server.server.output);

  const latencies = requests.filter((r) => r.ms !== null).map((r) => r.ms!);
  const count = (r: LeadRequest) => (r.error ? "error" : r.status === null ? "open" : String(r.status));
  const statuses = Object.entries(
    requests.reduce<Record<string, number>>((acc, r) => ((acc[count(r)] = (acc[count(r)] ?? 0) + 1), acc), {}),
  )
    .map(([code, n]) => `${n}x${code}`)
    .join(", ");
  const result: InterferenceWindow = {
    load,
    eventLoop,
    seconds,
    requests,
    firstMs: requests[0]?.ms ?? null,
    dashboardP50: latencies.length ? median(latencies) : null,
    dashboardMax: latencies.length ? Math.max(...latencies) : null,
    statuses,
  };
  const bytes = requests.find((r) => r.status === 200)?.bytes ?? 0;
  context.log(
    `interference: ${label}: window ${seconds.toFixed(1)} s: autosave ${load.rps} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${load.non2xx} non-2xx, ${load.errors} errors; ` +
      `event loop max ${eventLoop?.max_ms ?? "n/a"} ms, ${eventLoop ? describeEventLoop(eventLoop) : "no probe"}; ` +
      `dashboard: ${requests.length} requests (${statuses}), first ${fmtMs(result.firstMs)} ms, p50 ${fmtMs(result.dashboardP50)} ms, max ${fmtMs(result.dashboardMax)} ms, ${Math.round(bytes / 1024)} kB each`,
  );
  context.log(
    `interference: ${label}: dashboard requests (sent at s: ms): ${requests.map((r) => `${(r.sentMs / 1000).toFixed(1)}: ${r.error ? "error" : fmtMs(r.ms)}`).join(", ")}`,
  );
  if (eventLoop?.saves) {
    const { saves: seen } = eventLoop;
    const spread = spreadInPeriod(seen.arrivals_ms, PERIOD_MS, PERIOD_MS / 10);
    context.log(
      `interference: ${label}: saves as the server saw them: ${seen.count}, in the server p50 ${seen.p50_ms} ms, p99 ${seen.p99_ms} ms, max ${seen.max_ms} ms; ` +
        `arrivals per tenth of a second (modulo ${PERIOD_MS} ms): ${spread.join(" ")}` +
        (isPaced(load) ? `; client: send lag p99 ${fmtMs(load.sendLagP99Ms)} ms, ${load.coalesced} coalesced` : ""),
    );
  }
  const failed = requests.filter((r) => r.error !== null || (r.status !== null && r.status !== 200));
  if (failed.length)
    context.log(
      `interference: ${label}: warning: ${failed.length} dashboard request(s) failed; first: ${failed[0].error ?? `status ${failed[0].status}`}`,
    );
  if (load.non2xx > 0 || load.errors > 0)
    context.log(
      `interference: ${label}: warning: autosave failures: ${JSON.stringify(load.statusCounts)}${load.firstError ? `; first error: ${load.firstError}` : ""}`,
    );
  return result;
}
