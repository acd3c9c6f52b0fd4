// The server's main-thread tasks by CPU time, not wall time (by hand, with profile-dashboard.ts):
// on a shared machine a task's wall time is mostly waiting for a core, its CPU time is its own.
// Preloaded (NODE_OPTIONS=--import) like profile-preload.mjs, acting only in the main thread of
// the process whose entry script ends with BENCH_TASKS_SCRIPT. Every callback the event loop runs
// at the top level (an I/O callback, a timer, an immediate, a message: async_hooks before/after at
// depth 0, promise reactions included in the callback that settled them) is timed by the thread's
// CPU clock (/proc/thread-self/schedstat, ns). SIGUSR2 (the profiler's signal) starts recording,
// the next SIGUSR2 writes the tasks of BENCH_TASKS_MIN_MS or more, with their async resource type
// and the names on top of their stack when they began, to BENCH_TASKS_FILE as JSON.
import { createHook } from "node:async_hooks";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_TASKS_FILE;
const script = process.env.BENCH_TASKS_SCRIPT;
const minMs = Number(process.env.BENCH_TASKS_MIN_MS ?? 5);

if (isMainThread && file && script && (process.argv[1] ?? "").replaceAll("\\", "/").endsWith(script)) {
  const cpuNs = () => Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]);
  const types = new Map();
  // A task: a callback of the event loop, with the next-ticks and promise reactions that run after it.
  const CONTINUATIONS = new Set(["PROMISE", "TickObject"]);
  let depth = 0;
  let recording = false;
  let started = 0;
  let open = null; // { cpu, wall, type, endCpu, endWall }
  let tasks = [];
  let total = { count: 0, cpuMs: 0 };
  const close = () => {
    if (!open) return;
    const cpuMs = (open.endCpu - open.cpu) / 1e6;
    total.count += 1;
    total.cpuMs += cpuMs;
    if (cpuMs >= minMs)
      tasks.push({
        atMs: Math.round(open.wall - started),
        cpuMs: Math.round(cpuMs * 10) / 10,
        wallMs: Math.round((open.endWall - open.wall) * 10) / 10,
        type: open.type,
      });
    open = null;
  };
  const hook = createHook({
    init(id, type) {
      types.set(id, type);
    },
    before(id) {
      if (depth++ !== 0 || !recording) return;
      const type = types.get(id) ?? "?";
      if (open && CONTINUATIONS.has(type)) return;
      close();
      const cpu = cpuNs();
      const wall = performance.now();
      open = { cpu, wall, type, endCpu: cpu, endWall: wall };
    },
    after() {
      if (--depth !== 0 || !recording || !open) return;
      open.endCpu = cpuNs();
      open.endWall = performance.now();
    },
    destroy(id) {
      types.delete(id);
    },
  });
  hook.enable();
  // Without the profiler (profile-dashboard.ts --tasks-only), this probe says whom to signal.
  if (process.env.BENCH_TASKS_PID_FILE) writeFileSync(process.env.BENCH_TASKS_PID_FILE, String(process.pid));
  process.on("SIGUSR2", () => {
    if (!recording) {
      recording = true;
      started = performance.now();
      tasks = [];
      total = { count: 0, cpuMs: 0 };
      open = null;
      return;
    }
    close();
    recording = false;
    writeFileSync(`${file}.part`, JSON.stringify({ minMs, total, tasks }));
    renameSync(`${file}.part`, file);
  });
}
