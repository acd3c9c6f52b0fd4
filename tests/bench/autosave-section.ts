// Bench section "autosave": the autosave action's throughput and p50/p99 latency under 50
// concurrent signed-in interviewers, each saving their own draft, against the real built server
// (`npm start`'s entry, a child process) on loopback, with autocannon — the server and the large
// database (100,000 submitted scorecards) shared with the interference and dashboard sections
// (big-server.ts). Read beside two floors measured in the same run, each in a child process of its
// own, with the same load:
//   - framework_rps: a bare Remix resource-route action that does nothing, in the real build and the
//     app's own createApp (autosave-noop-server.ts): what express + Remix cost on their own;
//   - raw_rps: a bare node:http handler doing the same SQLite transaction as one autosave
//     (autosave-raw-server.ts): what storage costs on its own.
// Targets (from issue #16, reported, never asserted): p99 under 50 ms, and rps at least 0.9x
// framework_rps. Beside each rps, the server's CPU time per request (its process group's, from
// /proc): on a shared machine rps measures the CPU a server was given, CPU per request what a
// request cost it, so framework_cpu_ms / cpu_ms (autosave.cpu_ratio) is the steadier ratio. Beside
// them, the server's worst event-loop delay during the measured run (event-loop-probe.mjs): the interference section's figure without a dashboard in the way.
//
// The three loads run one after the other, never at once (2 cores: autocannon takes one). Each
// connection is one interviewer: its own session cookie, its own interview, and the baseRevision
// of its previous reply, so a run has no 409s unless something is wrong.
//
// Where the parts live: the fixture (a server with signed-in interviewers) in autosave-fixture.ts,
// the autocannon load in interviewer-load.ts, the warm-up and measured run in autosave-load.ts (also
// used by dashboard-section.ts's interference, and by profile-autosave.ts), the floors in
// autosave-floors.ts.
import { round, type BenchContext, type BenchSection, type Figure } from "./bench-kit";
import { SEATS } from "./autosave-fixture";
import { loadAutosave, MEASURE_SECONDS, WARMUP_SECONDS } from "./autosave-load";
import { loadFrameworkFloor, loadStorageFloor } from "./autosave-floors";
import { bigServer } from "./big-server";
import { describeEventLoop, type EventLoopReading } from "./event-loop-probe-client";
import type { LoadResult } from "./interviewer-load";
import { NOOP_PATH } from "./noop-route";

/** Connections of the autosave load: the large database's seats (big-server.ts). */
export const INTERVIEWERS = SEATS;
export const TARGET_P99_MS = 50;
/** Issue #16: autosave throughput at least 0.9x the bare Remix action's, in the same run. */
export const TARGET_RATIO = 0.9;

export interface AutosaveBench {
  autosave: LoadResult;
  framework: LoadResult;
  raw: LoadResult;
  /** The server's event-loop delay during the measured autosave run; null without the probe. */
  eventLoop: EventLoopReading | null;
}

/**
 * The three loads, one after another: the bare Remix action, the bare SQLite handler, the autosave
 * action — on the large database and its server (big-server.ts), which the run stops at its end.
 */
export async function benchAutosave(context: BenchContext): Promise<AutosaveBench> {
  const fixture = await bigServer(context);
  const framework = await loadFrameworkFloor(context, fixture);
  const raw = await loadStorageFloor(context, fixture);
  context.log(
    `autosave: the autosave action on the real server: ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s measured, ${fixture.interviewers.length} interviewers…`,
  );
  let eventLoop: EventLoopReading | null = null;
  const autosave = await loadAutosave(fixture, {
    before: async () => void (await fixture.probe?.reset()),
    after: async () => void (eventLoop = (await fixture.probe?.read()) ?? null),
  });
  return { autosave, framework, raw, eventLoop };
}

const cpuMs = (result: LoadResult) => (result.cpuUsPerRequest === null ? null : result.cpuUsPerRequest / 1000);

function describe(result: LoadResult): string {
  const codes = Object.entries(result.statusCounts)
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, n]) => `${n}x${code}`);
  return `${result.non2xx} non-2xx${codes.length ? ` (${codes.join(", ")})` : ""}, ${result.errors} errors, ${result.timeouts} timeouts`;
}

export const autosaveSection: BenchSection = {
  name: "autosave",
  async measure(context) {
    const { autosave, framework, raw, eventLoop } = await benchAutosave(context);
    for (const [name, result] of Object.entries({ autosave, framework, raw })) {
      context.log(
        `autosave: ${name}: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.responses} responses, CPU ${result.cpuUsPerRequest ?? "?"} µs/request (main threads ${result.mainThreadCpuUsPerRequest ?? "?"}), ${describe(result)}`,
      );
      if (result.non2xx > 0 || result.errors > 0) {
        context.log(
          `autosave: warning: ${name} had failures: ${JSON.stringify(result.statusCounts)}${result.firstError ? `; first error: ${result.firstError}` : ""}`,
        );
      }
    }
    const rawRatio = raw.rps > 0 ? round(autosave.rps / raw.rps, 2) : null;
    const load = `${INTERVIEWERS} connections, ${MEASURE_SECONDS} s after ${WARMUP_SECONDS} s warm-up, 100k-scorecard database`;
    const figures: Figure[] = [
      {
        key: "autosave.rps",
        value: autosave.rps,
        unit: "ops/s",
        note: `autosave action, real server, ${load}; ${describe(autosave)}; target >= ${TARGET_RATIO}x framework`,
        baseline: { key: "autosave.framework_rps", ratioKey: "autosave.ratio" },
      },
      { key: "autosave.p50_ms", value: autosave.p50Ms, unit: "ms", note: "autocannon latency p50 (whole ms)" },
      {
        key: "autosave.p99_ms",
        value: autosave.p99Ms,
        unit: "ms",
        note: `autocannon latency p99 (whole ms); target < ${TARGET_P99_MS} ms`,
      },
      {
        key: "autosave.framework_rps",
        value: framework.rps,
        unit: "ops/s",
        note: `bare Remix action (POST ${NOOP_PATH}), createApp + real build; p50 ${framework.p50Ms} / p99 ${framework.p99Ms} ms; ${describe(framework)}`,
      },
      {
        key: "autosave.raw_rps",
        value: raw.rps,
        unit: "ops/s",
        note: `bare node:http + the same SQLite transaction; p50 ${raw.p50Ms} / p99 ${raw.p99Ms} ms; ${describe(raw)}; raw ratio (autosave/raw) ${rawRatio === null ? "n/a" : `${rawRatio.toFixed(2)}x`}`,
      },
      {
        key: "autosave.cpu_ms",
        value: cpuMs(autosave),
        unit: "ms",
        note: "the autosave server's CPU time per answered request (its process group, user + system, from /proc), in the measured run",
      },
      {
        key: "autosave.framework_cpu_ms",
        value: cpuMs(framework),
        unit: "ms",
        note: `the bare Remix action's CPU time per request; its ratio to autosave.cpu_ms is the throughput ratio a machine of its own would show (target >= ${TARGET_RATIO}x), steadier than rps on a loaded machine`,
        baseline: { key: "autosave.cpu_ms", ratioKey: "autosave.cpu_ratio" },
      },
      {
        key: "autosave.event_loop_max_ms",
        value: eventLoop?.max_ms ?? null,
        unit: "ms",
        note: eventLoop
          ? `server's worst event-loop delay in the measured autosave run (perf_hooks, 10 ms resolution: idle reads ~10); ${describeEventLoop(eventLoop)}`
          : "no event-loop probe in the server",
      },
    ];
    return figures;
  },
};
