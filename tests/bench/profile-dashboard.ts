// Where a dashboard load's main-thread time goes, by hand (not a bench section): the bench's large
// database and server (big-server.ts) with V8's sampling profiler preloaded (profile-preload.mjs),
// the unfiltered dashboard computed once (untimed), then the profiler runs over the interference
// section's paced window: 50 interviewers autosaving once a second each, each from its own phase in
// the second (--in-step: all at once, the burst window), while a lead loads GET /calibration (the
// whole document) every 500 ms. Printed: the main thread's busy time per
// dashboard load, the inclusive time of the functions on the most stacks, the top self times, and
// every main-thread task of 20 ms or more with what it was (profile-tasks.ts). With --refresh the
// data version is bumped as the window starts, as the bench's paced window does, so a refresh of
// the views (on the worker) and its arrival on the main thread are in the profile. Then the
// main thread's tasks by CPU time (task-cpu-probe.mjs), which a busy machine does not inflate.
// With --tasks-only the V8 profiler is not loaded (it takes main-thread CPU of its own): only the
// tasks by CPU time, and the main thread's CPU per dashboard load.
//   npx tsx tests/bench/profile-dashboard.ts [--seconds 10] [--keep DIR] [--no-autosave] [--refresh] [--in-step] [--tasks-only]
// The .cpuprofile stays in DIR (default: a temporary folder, removed); it opens in Chrome DevTools.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { seatsNow } from "./autosave-load";
import { bigServer } from "./big-server";
import { bumpDataVersion } from "./dashboard-requests";
import { describeEventLoop } from "./event-loop-probe-client";
import { runPacedLoad } from "./paced-load";
import { spreadInPeriod } from "./paced-schedule";
import { profileRun } from "./profile-kit";
import { describeCpuTasks, describeTasks, frameKey, longTasks, type CpuProfile } from "./profile-tasks";

function summarise(profile: CpuProfile, loads: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, k) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0)));
  let busyUs = 0;
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") continue;
    busyUs += us;
    self.set(frameKey(node.callFrame), (self.get(frameKey(node.callFrame)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = frameKey(byId.get(at)!.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const row = ([name, us]: [string, number]) =>
    `  ${((us / busyUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000 / Math.max(1, loads)).toFixed(1).padStart(6)} ms/load  ${name}`;
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(row);
  return [
    `main thread busy ${(busyUs / 1e6).toFixed(2)} s over ${loads} dashboard loads (${(busyUs / 1000 / Math.max(1, loads)).toFixed(1)} ms per load, autosaves included)`,
    "",
    "inclusive (share of busy time, ms per dashboard load):",
    ...top(inclusive, 70),
    "",
    "self:",
    ...top(self, 30),
  ].join("\n");
}

const { seconds, flag, context, profileFile, finish } = profileRun("dashboard", [
  "no-autosave",
  "refresh",
  "in-step",
  "tasks-only",
]);
const tasksOnly = flag("tasks-only");
const autosaves = !flag("no-autosave");
const root = context.root;
rmSync(profileFile, { force: true });
rmSync(`${profileFile}.pid`, { force: true });
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
try {
  const server = await bigServer(context, {
    imports: [...(tasksOnly ? [] : ["profile-preload.mjs"]), "task-cpu-probe.mjs"].map(
      (f) => pathToFileURL(join(root, "tests/bench", f)).href,
    ),
    env: {
      ...(tasksOnly ? { BENCH_TASKS_PID_FILE: `${profileFile}.pid` } : {}),
      BENCH_PROFILE_FILE: profileFile,
      BENCH_PROFILE_SCRIPT: "app/server/start.ts",
      BENCH_TASKS_FILE: `${profileFile}.tasks.json`,
      BENCH_TASKS_SCRIPT: "app/server/start.ts",
    },
  });
  const get = async () => {
    const started = performance.now();
    const res = await fetch(`${server.url}/calibration`, { headers: { Cookie: server.lead.cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`GET /calibration answered ${res.status}`);
    return { ms: performance.now() - started, bytes };
  };
  context.log("profile: the dashboard's first computation (untimed)…");
  context.log(`profile: first load ${(await get()).ms.toFixed(0)} ms`);
  const seats = await seatsNow(server);
  const pid = Number(readFileSync(`${profileFile}.pid`, "utf8"));
  await server.probe?.reset();
  process.kill(pid, "SIGUSR2");
  await sleep(200);
  if (flag("refresh")) bumpDataVersion(server.databasePath);
  const loads: number[] = [];
  let bytes = 0;
  const lead = (async () => {
    const end = performance.now() + seconds * 1000;
    const pending: Promise<void>[] = [];
    while (performance.now() < end) {
      pending.push(get().then((answer) => void (loads.push(answer.ms), (bytes = answer.bytes))));
      await sleep(500);
    }
    await Promise.all(pending);
  })();
  const load = autosaves
    ? await runPacedLoad(server.url, seats, {
        seconds,
        spread: flag("in-step") ? "in-step" : "staggered",
        rubricVersionId: server.rubricVersionId,
        runningSince: Date.now() - 600_000,
      })
    : null;
  await lead;
  const eventLoop = await server.probe?.read();
  process.kill(pid, "SIGUSR2");
  for (let k = 0; k < 600 && !tasksOnly && !existsSync(profileFile); k++) await sleep(100);
  const sorted = [...loads].sort((a, b) => a - b);
  context.log(
    `dashboard loads: ${loads.length}, p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} kB; ` +
      (load
        ? `autosave (${load.spread}) ${load.rps} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, send lag p99 ${load.sendLagP99Ms?.toFixed(1)} ms; ` +
          (eventLoop?.saves
            ? `in the server p50 ${eventLoop.saves.p50_ms} ms, p99 ${eventLoop.saves.p99_ms} ms, max ${eventLoop.saves.max_ms} ms, arrivals per 100 ms of the second ${spreadInPeriod(eventLoop.saves.arrivals_ms, 1000, 100).join(" ")}; `
            : "")
        : "") +
      (eventLoop ? `event loop max ${eventLoop.max_ms} ms, ${describeEventLoop(eventLoop)}` : ""),
  );
  if (!tasksOnly) {
    const profile = JSON.parse(readFileSync(profileFile, "utf8")) as CpuProfile;
    process.stdout.write(`${summarise(profile, loads.length)}\n\n${describeTasks(longTasks(profile, 20), 20)}\n`);
  }
  const tasksFile = `${profileFile}.tasks.json`;
  for (let k = 0; k < 100 && !existsSync(tasksFile); k++) await sleep(100);
  if (existsSync(tasksFile)) {
    const tasks = JSON.parse(readFileSync(tasksFile, "utf8")) as Parameters<typeof describeCpuTasks>[0];
    process.stdout.write(
      `\nmain-thread CPU per dashboard load (autosaves included): ${(tasks.total.cpuMs / Math.max(1, loads.length)).toFixed(1)} ms\n` +
        `${describeCpuTasks(tasks)}\n`,
    );
  }
  context.log(`profile: ${profileFile}`);
} finally {
  await finish();
}
