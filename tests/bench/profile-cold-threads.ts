// The cold dashboard as the server's worker computes it (computeDashboardInParallel with the real
// helper thread: the loop records, the rater model and the planner there), by hand (not a bench section): each
// thread's CPU time per pass, read from /proc/self/task/<tid>/stat, beside the pass's wall time.
// On a quiet machine the wall time is about the busier thread's CPU; on a shared one read the CPU.
//   node --max-semi-space-size=64 --import tsx tests/bench/profile-cold-threads.ts [--db /tmp/big.db] [--passes 3]
// This process's main thread plays the worker; the helper thread is the one it starts (with the
// server's COMPUTE_THREAD_LIMITS). The flag gives the main thread the worker's young generation
// (192 MB = 64 MB semi-spaces); add --trace-gc to see the collector's pauses.
import { readdirSync, readFileSync } from "node:fs";
import { computeDashboardInParallel } from "~/models/calibration.server";
import { startCalibrationHelper } from "~/server/calibration-helper";
import { runInBackground } from "~/server/thread-priority";
import { bigDatabaseOptions } from "./cpu-steps";

// --marks: each pass's start and end on the monotonic clock (µs), for cold-timeline.ts.
const { path, passes, flags } = await bigDatabaseOptions(3, ["marks"]);
process.env.DATABASE_PATH = path;

/** CPU ms (user + system) of each thread of this process, by thread id. */
function threadCpu(): Map<number, number> {
  const ticks = 1000 / 100; // USER_HZ is 100 on Linux
  const cpu = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * ticks);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return cpu;
}

// At the calibration worker's priority, as its helper thread is (both are at nice 10 in the server):
// otherwise this thread would win the CPU from the helper on a busy machine and claim more of the fits.
runInBackground();
const main = process.pid;
const helper = startCalibrationHelper(() => undefined)!;
try {
  for (let pass = 1; pass <= passes; pass++) {
    const before = threadCpu();
    const start = performance.now();
    const startTicks = process.hrtime.bigint() / 1000n;
    await computeDashboardInParallel({}, helper);
    const wall = performance.now() - start;
    if (flags.has("marks")) process.stdout.write(`mark ${pass} ${startTicks} ${process.hrtime.bigint() / 1000n}\n`);
    const spent = [...threadCpu()].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const);
    const worker = spent.find(([tid]) => tid === main)?.[1] ?? 0;
    const others = spent.filter(([tid]) => tid !== main).sort((a, b) => b[1] - a[1]);
    const total = spent.reduce((sum, [, ms]) => sum + ms, 0);
    process.stdout.write(
      `pass ${pass}: wall ${wall.toFixed(0)} ms; CPU: worker (this thread) ${worker.toFixed(0)} ms, ` +
        `busiest other thread (the helper) ${others[0]?.[1].toFixed(0) ?? 0} ms, all threads ${total.toFixed(0)} ms\n`,
    );
  }
} finally {
  await helper.stop();
}
