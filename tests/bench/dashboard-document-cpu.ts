// What one dashboard document costs the server's main thread, in CPU time (by hand, not a bench
// section): the bench's large database and server (big-server.ts), the views computed once
// (untimed), then COUNT documents (GET /calibration as the lead, whole body read) one after
// another with nothing else running, each read between two readings of the main thread's own CPU
// clock (/proc/PID/task/PID/schedstat, from outside: nothing is loaded into the server for it).
// CPU time, not wall time: on a shared machine a request's wall time is mostly waiting for a core.
// With --tasks the main thread's tasks are also timed by CPU (task-cpu-probe.mjs, which adds a
// little CPU of its own to every task) and the longest ones are listed: a save that arrives during
// a task waits for its end, so the longest task is what a save can wait behind.
//   npx tsx tests/bench/dashboard-document-cpu.ts [--count 40] [--tasks] [--profile FILE.cpuprofile] [--path /calibration] [--save FILE.html]
// With --profile, V8's sampling profiler runs over the documents (profile-preload.mjs); it costs CPU of its own.
// BENCH_BIG_DATABASE_CACHE=/tmp/big.db keeps the large database between runs (big-database-cache.ts).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { bigServer } from "./big-server";
import { profileRun } from "./profile-kit";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "40" },
    tasks: { type: "boolean", default: false },
    profile: { type: "string" },
    save: { type: "string" },
    path: { type: "string", default: "/calibration" },
  },
});
const count = Number(values.count);
const { context, profileFile, finish } = profileRun("document-cpu", [], []);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The server's node process: the leaf below the tsx CLI that was spawned. */
function leafProcess(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return children.length === 0 ? pid : leafProcess(Number(children[0]));
}
const threadCpuMs = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
const processCpuMs = (pid: number) => {
  // utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  const tasksFile = `${profileFile}.tasks.json`;
  const server = await bigServer(context, {
    imports: [...(values.tasks ? ["task-cpu-probe.mjs"] : []), ...(values.profile ? ["profile-preload.mjs"] : [])].map(
      (f) => pathToFileURL(join(context.root, "tests/bench", f)).href,
    ),
    env: {
      ...(values.tasks
        ? { BENCH_TASKS_FILE: tasksFile, BENCH_TASKS_SCRIPT: "app/server/start.ts", BENCH_TASKS_MIN_MS: "1" }
        : {}),
      ...(values.profile ? { BENCH_PROFILE_FILE: values.profile, BENCH_PROFILE_SCRIPT: "app/server/start.ts" } : {}),
    },
  });
  const pid = leafProcess(server.server.child.pid!);
  const get = async () => {
    const res = await fetch(`${server.url}${values.path}`, { headers: { Cookie: server.lead.cookie } });
    const body = await res.arrayBuffer();
    const bytes = body.byteLength;
    if (values.save) writeFileSync(values.save, Buffer.from(body));
    if (res.status !== 200) throw new Error(`GET ${values.path} answered ${res.status}`);
    return bytes;
  };
  context.log("document-cpu: the views' first computation (untimed)…");
  await get();
  for (let k = 0; k < 5; k++) await get(); // warm: the code paths compiled
  await sleep(500);
  const signalled = values.tasks || values.profile;
  if (signalled) process.kill(pid, "SIGUSR2");
  await sleep(100);
  const main: number[] = [];
  const whole: number[] = [];
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const [t0, p0] = [threadCpuMs(pid), processCpuMs(pid)];
    bytes = await get();
    await sleep(30); // the answer's last writes and the socket's callbacks
    main.push(threadCpuMs(pid) - t0);
    whole.push(processCpuMs(pid) - p0);
  }
  const sorted = [...main].sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  process.stdout.write(
    `${values.path}: ${count} documents of ${(bytes / 1024).toFixed(1)} kB of HTML; main-thread CPU per document ` +
      `median ${quantile(sorted, 0.5).toFixed(1)} ms, mean ${mean(main).toFixed(1)} ms, p90 ${quantile(sorted, 0.9).toFixed(1)} ms; ` +
      `whole process (all threads, 10 ms ticks) mean ${mean(whole).toFixed(1)} ms\n`,
  );
  if (signalled) process.kill(pid, "SIGUSR2");
  if (values.profile) {
    for (let k = 0; k < 100 && !existsSync(values.profile); k++) await sleep(100);
    context.log(`document-cpu: V8 profile in ${values.profile}`);
  }
  if (values.tasks) {
    for (let k = 0; k < 100 && !existsSync(tasksFile); k++) await sleep(100);
    const { tasks, total } = JSON.parse(readFileSync(tasksFile, "utf8")) as {
      total: { count: number; cpuMs: number };
      tasks: { cpuMs: number; type: string }[];
    };
    const longest = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs);
    const perDoc = (n: number) => (n / count).toFixed(1);
    process.stdout.write(
      `tasks (probe's own CPU included): ${perDoc(total.count)} a document, ${perDoc(total.cpuMs)} ms of CPU a document; ` +
        `of 10 ms or more: ${perDoc(tasks.filter((t) => t.cpuMs >= 10).length)} a document; ` +
        `longest per document, p50 ${quantile(
          longest
            .slice(0, count)
            .map((t) => t.cpuMs)
            .sort((a, b) => a - b),
          0.5,
        ).toFixed(1)} ms; the ${Math.min(12, longest.length)} longest: ` +
        `${longest
          .slice(0, 12)
          .map((t) => `${t.cpuMs} (${t.type})`)
          .join(", ")}\n`,
    );
  }
} finally {
  await finish();
}
