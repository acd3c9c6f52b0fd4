// The paced autosave load: one keep-alive connection per seat (node:http, an agent of one socket
// each), each interviewer saving once a PERIOD_MS at its own phase (paced-schedule.ts: staggered,
// seeded-random phases; or in step, all at once). Why not autocannon's connectionRate: it starts
// every connection's one-second timer in the same instant, so its "paced" load is always the
// in-step burst, and it corrects latencies with an expected interval of ceil(1/rate) = 1 ms.
//
// A save's latency runs from its SCHEDULED time to the end of its answer: a save that had to wait
// for the interviewer's previous one (one in flight, as the editor does) counts that wait, so a slow
// server cannot hide behind a client that sends less (coordinated omission). Periods wholly spent
// waiting are coalesced into the next save, as the editor would (counted: `coalesced`).
import { Agent, request } from "node:http";

import { round } from "./bench-kit";
import { draftBody, type LoadResult, type Seat } from "./interviewer-load";
import { nextSave, pacedPhases, quantile, type PacedSpread } from "./paced-schedule";

export const PERIOD_MS = 1_000;

export interface PacedLoadResult extends LoadResult {
  spread: PacedSpread;
  /** Saves whose scheduled time passed while the interviewer's previous save was still in flight. */
  coalesced: number;
  /** When each save left the client, ms after the load's start (to check the spread). */
  sentMs: number[];
  /** How late a save left against its scheduled time (timer lag in this process), p99, ms. */
  sendLagP99Ms: number | null;
}

function post(agent: Agent, url: URL, seat: Seat, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(body),
    };
    if (seat.cookie) headers.Cookie = seat.cookie;
    const req = request(
      { agent, host: url.hostname, port: url.port, method: "POST", path: seat.path, headers, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Each seat saves once a PERIOD_MS from its phase (`spread`), for `seconds` or until stopped, one
 * save in flight per seat; each reply's revision is the next save's base (as interviewer-load.ts).
 */
export async function runPacedLoad(
  url: string,
  seats: Seat[],
  opts: {
    seconds: number;
    spread: PacedSpread;
    rubricVersionId: number;
    runningSince: number;
    control?: (stop: () => void) => void;
  },
): Promise<PacedLoadResult> {
  const base = new URL(url);
  const phases = pacedPhases(seats.length, PERIOD_MS, opts.spread);
  const started = performance.now();
  const endAt = opts.seconds * 1000;
  let stopped = false;
  const wakers = new Set<() => void>();
  const stop = () => {
    stopped = true;
    for (const wake of wakers) wake();
  };
  opts.control?.(stop);
  const until = (ms: number) =>
    new Promise<void>((resolve) => {
      const wait = Math.max(0, ms - (performance.now() - started));
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, wait);
      wakers.add(wake);
    });

  const latencies: number[] = [];
  const lags: number[] = [];
  const sentMs: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let coalesced = 0;
  let firstError: string | null = null;

  const interviewer = async (seat: Seat, phase: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      let scheduled = phase;
      let slot = phase;
      for (;;) {
        await until(scheduled);
        const now = performance.now() - started;
        if (stopped || now >= endAt) return;
        sentMs.push(now);
        lags.push(now - scheduled);
        try {
          const answer = await post(
            agent,
            base,
            seat,
            draftBody(seat.revision, opts.rubricVersionId, opts.runningSince),
          );
          latencies.push(performance.now() - started - scheduled);
          statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
          if (answer.status === 200 || answer.status === 409) {
            try {
              const reply = JSON.parse(answer.text) as { revision?: number; state?: { revision?: number } | null };
              const revision = answer.status === 200 ? reply.revision : reply.state?.revision;
              if (typeof revision === "number") seat.revision = revision;
            } catch {
              // Not JSON: keep the revision (a 409 on the next save then says so in statusCounts).
            }
          }
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (message === "timeout") timeouts += 1;
          errors += 1;
          firstError ??= message;
        }
        const next = nextSave(slot, PERIOD_MS, performance.now() - started);
        scheduled = next.dueMs;
        slot = next.slotMs;
        coalesced += next.coalesced;
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(seats.map((seat, i) => interviewer(seat, phases[i])));
  const seconds = Math.min(endAt, performance.now() - started) / 1000;
  const responses = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statusCounts)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  const whole = (v: number | null) => (v === null ? 0 : Math.round(v));
  return {
    spread: opts.spread,
    rps: round(responses / seconds, 1),
    p50Ms: whole(quantile(latencies, 0.5)),
    p99Ms: whole(quantile(latencies, 0.99)),
    p97_5Ms: whole(quantile(latencies, 0.975)),
    meanMs: latencies.length ? round(latencies.reduce((a, b) => a + b, 0) / latencies.length, 2) : 0,
    responses,
    non2xx: responses - ok,
    errors,
    timeouts,
    statusCounts,
    firstError,
    seconds: round(seconds, 1),
    cpuUsPerRequest: null,
    coalesced,
    sentMs,
    sendLagP99Ms: quantile(lags, 0.99),
  };
}
