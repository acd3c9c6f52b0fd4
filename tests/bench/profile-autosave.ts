// Where an autosave's time goes, by hand (not a bench section): the real built server on a small
// database of its own (autosave-fixture.ts's startAutosaveFixture), profiled with V8's sampling
// profiler (profile-preload.mjs: NODE_OPTIONS may not carry --cpu-prof)
// while 50 interviewers autosave flat out (the autosave section's closed loop), then the profile
// summarised: each area's share of the server's main-thread samples and the inclusive time of
// the request path's steps, in ms per request.
//   npx tsx tests/bench/profile-autosave.ts [--seconds 10] [--keep DIR] [--framework] [--big]
// With --big, the autosave is profiled on the bench's own server and 100,000-scorecard database
// (big-server.ts; BENCH_BIG_DATABASE_CACHE=FILE keeps that database between runs).
// With --framework, the framework floor's server (autosave-noop-server.ts, a bare Remix action)
// is profiled instead, under the same load: what the autosave adds is the difference.
// Output on stdout; the .cpuprofile file stays in DIR (default: a temporary folder, removed) and
// opens in Chrome DevTools' Performance panel.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { startAutosaveFixture, type AutosaveFixture } from "./autosave-fixture";
import { bigServer } from "./big-server";
import { NOOP_SERVER_SCRIPT, startBenchServer } from "./autosave-floors";
import { loadAutosave, seatsNow } from "./autosave-load";
import { runInterviewerLoad, type LoadResult } from "./interviewer-load";
import { NOOP_PATH } from "./noop-route";
import { profileRun } from "./profile-kit";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Areas by the script a function lives in (first match wins). */
const AREAS: [string, RegExp][] = [
  ["zod", /node_modules\/zod\//],
  ["drizzle", /node_modules\/drizzle-orm\//],
  ["remix server-runtime", /node_modules\/@remix-run\/(server-runtime|node|router)\//],
  ["remix express adapter", /node_modules\/@remix-run\/express\//],
  [
    "express + middleware",
    /node_modules\/(express|helmet|body-parser|send|serve-static|finalhandler|router|path-to-regexp|compression)\//,
  ],
  ["undici (Request/Response/streams)", /node:internal\/deps\/undici|undici/],
  [
    "cookie signing (webcrypto)",
    /node:internal\/crypto\/webcrypto|node:internal\/crypto\/(hmac|keys|util)|cookie-signature/,
  ],
  ["app code (build/index.js)", /\/build\/index\.js/],
  ["node http/net", /node:(_http|http|net|internal\/http|internal\/stream_base|_stream|internal\/streams)/],
  ["other node internals", /^node:/],
];

/** The request path's steps (function names in the server build), inclusive. */
const STEPS = [
  "readJsonDataBodies",
  "createRemixRequest",
  "requestHandler",
  "matchRoutes",
  "handleDataRequest",
  "handleResourceRequest",
  "queryRoute",
  "callRouteAction",
  "safelySetHeader",
  "answerAutosave",
  "answerScorecardPost",
  "requirePanelInterview",
  "requireUser",
  "readSessionId",
  "findUserBySession",
  "getPanelInterview",
  "getScorecardBasis",
  "scorecardDraftSchema",
  "safeParse",
  "saveScorecard",
  "writeContent",
  "writeDraftSnapshot",
  "readDraftSnapshot",
  "toState",
  "action",
  "json",
  "sendRemixResponse",
  "(garbage collector)",
];

function summarise(profile: CpuProfile, requests: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample time per node from timeDeltas (the gap before each sample is charged to it).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, k) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...selfUs]
    .filter(([id]) => byId.get(id)!.callFrame.functionName === "(idle)")
    .reduce((a, [, us]) => a + us, 0);
  const busyUs = totalUs - idleUs;
  const area = new Map<string, number>();
  const step = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") continue;
    const a =
      AREAS.find(([, re]) => re.test(node.callFrame.url))?.[0] ??
      (node.callFrame.url ? "other" : `(${node.callFrame.functionName || "native"})`);
    area.set(a, (area.get(a) ?? 0) + us);
    // Inclusive: charged once to each distinct step name on the stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      if (STEPS.includes(name) && !seen.has(name)) {
        seen.add(name);
        step.set(name, (step.get(name) ?? 0) + us);
      }
    }
  }
  const pct = (us: number) => `${((us / busyUs) * 100).toFixed(1).padStart(5)}%`;
  const perRequest = (us: number) => `${(us / 1000 / requests).toFixed(3)} ms/req`;
  const lines = [
    `profile: ${(totalUs / 1e6).toFixed(1)} s sampled, main thread busy ${(busyUs / 1e6).toFixed(1)} s (${((busyUs / totalUs) * 100).toFixed(0)}%), ${requests} requests: ${perRequest(busyUs)} busy`,
    "",
    "self time by area (share of busy time):",
    ...[...area]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 16)
      .map(([name, us]) => `  ${pct(us)}  ${perRequest(us)}  ${name}`),
    "",
    "inclusive time of the request path's steps:",
    ...STEPS.filter((s) => step.has(s)).map((s) => `  ${pct(step.get(s)!)}  ${perRequest(step.get(s)!)}  ${s}`),
    "",
    "top self-time functions:",
  ];
  const fn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
  }
  lines.push(
    ...[...fn]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([name, us]) => `  ${pct(us)}  ${name}`),
  );
  return lines.join("\n");
}

const { seconds, context, profileFile, finish, flag } = profileRun("autosave", ["framework", "big"]);
const root = context.root;
const preload = pathToFileURL(join(root, "tests/bench/profile-preload.mjs")).href;
rmSync(profileFile, { force: true }); // a kept folder's profile of an earlier run
rmSync(`${profileFile}.pid`, { force: true });
const profileEnv = (script: string) => ({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(" "),
  BENCH_PROFILE_FILE: profileFile,
  BENCH_PROFILE_SCRIPT: script,
});

/** profile-preload.mjs wrote the server's pid: SIGUSR2 starts the profiler, a second one writes the profile. */
async function profiled(load: (signal: () => Promise<void>) => Promise<LoadResult>): Promise<LoadResult> {
  const pid = Number(readFileSync(`${profileFile}.pid`, "utf8"));
  const result = await load(async () => void process.kill(pid, "SIGUSR2"));
  for (let k = 0; k < 600 && !existsSync(profileFile); k++) await new Promise((done) => setTimeout(done, 100));
  return result;
}

/** The framework floor's server under the autosave's load (autosave-floors.ts's, profiled). */
async function profileFramework(fixture: AutosaveFixture): Promise<LoadResult> {
  const server = await startBenchServer(root, NOOP_SERVER_SCRIPT, profileEnv(NOOP_SERVER_SCRIPT));
  try {
    const common = { rubricVersionId: fixture.rubricVersionId, runningSince: Date.now() - 600_000 };
    const seats = async () => seatsNow(fixture, () => NOOP_PATH);
    await runInterviewerLoad(server.url, await seats(), { ...common, seconds: 3 });
    return await profiled(async (signal) => {
      const measuredSeats = await seats();
      await signal();
      const result = await runInterviewerLoad(server.url, measuredSeats, { ...common, seconds });
      await signal();
      return result;
    });
  } finally {
    await server.stop();
  }
}

try {
  const framework = flag("framework");
  const serverEnv: Record<string, string> = framework ? {} : profileEnv("app/server/start.ts");
  // The large database's server is stopped by `finish` (big-server.ts defers it).
  const fixture = flag("big")
    ? {
        ...(await bigServer(context, {
          // big-server.ts sets NODE_OPTIONS itself (its event-loop probe): the preload goes in `imports`.
          imports: framework ? [] : [preload],
          env: Object.fromEntries(Object.entries(serverEnv).filter(([name]) => name !== "NODE_OPTIONS")),
        })),
        stop: async () => {},
      }
    : await startAutosaveFixture(context, { serverEnv });
  let result;
  try {
    result = framework
      ? await profileFramework(fixture)
      : await profiled((signal) => loadAutosave(fixture, { seconds, warmupSeconds: 3, before: signal, after: signal }));
  } finally {
    await fixture.stop();
  }
  process.stderr.write(
    `load: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx\n`,
  );
  const requests = result.responses;
  process.stdout.write(`${summarise(JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile, requests)}\n`);
  process.stderr.write(`profile: ${profileFile}\n`);
} finally {
  await finish();
}
