// The main thread's long tasks in a V8 CPU profile (.cpuprofile, as profile-preload.mjs writes it):
// a task is a run of consecutive samples that are not "(idle)" (the thread waiting in the event
// loop's poll), so its length is how long the event loop could answer nothing. Each task over the
// threshold is listed with what it was: the frames that were on most of its samples (inclusive),
// and where its time was spent (self). Used by profile-dashboard.ts; by hand on a kept profile:
//   npx tsx tests/bench/profile-tasks.ts FILE.cpuprofile [THRESHOLD_MS]
import { readFileSync } from "node:fs";
import process from "node:process";

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const frameKey = ({ functionName, url, lineNumber }: ProfileNode["callFrame"]) =>
  `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(build|app)\//, "$1/")}:${lineNumber + 1}`;

/** Frames on nearly every stack, which say nothing about what a task was. */
const GENERIC =
  /^(\(root\)|\(program\)|processTicksAndRejections|listOnTimeout|processTimers|processImmediate|emit|emitListeningNT|runMicrotasks|\(anonymous\)) /;

export interface Task {
  startMs: number;
  ms: number;
  /** Inclusive frames, most samples first: [frame, ms]. */
  inclusive: [string, number][];
  self: [string, number][];
}

export function longTasks(profile: CpuProfile, thresholdMs: number): Task[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === "(idle)";
  const tasks: Task[] = [];
  let at = 0; // µs since the profile's start, of sample k
  let run: { start: number; samples: [number, number][] } | null = null;
  const close = () => {
    if (!run) return;
    const us = run.samples.reduce((sum, [, d]) => sum + d, 0);
    if (us / 1000 >= thresholdMs) {
      const inclusive = new Map<string, number>();
      const self = new Map<string, number>();
      for (const [id, d] of run.samples) {
        const key = frameKey(byId.get(id)!.callFrame);
        self.set(key, (self.get(key) ?? 0) + d);
        const seen = new Set<string>();
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          const frame = frameKey(byId.get(n)!.callFrame);
          if (seen.has(frame) || GENERIC.test(frame)) continue;
          seen.add(frame);
          inclusive.set(frame, (inclusive.get(frame) ?? 0) + d);
        }
      }
      const top = (map: Map<string, number>, n: number): [string, number][] =>
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([k, v]) => [k, v / 1000]);
      tasks.push({ startMs: run.start / 1000, ms: us / 1000, inclusive: top(inclusive, 14), self: top(self, 6) });
    }
    run = null;
  };
  profile.samples.forEach((id, k) => {
    // A sample's time is the gap to the next one (the last sample has none).
    const d = profile.timeDeltas[k + 1] ?? 0;
    at += profile.timeDeltas[k] ?? 0;
    if (isIdle(id)) return close();
    run ??= { start: at, samples: [] };
    run.samples.push([id, d]);
  });
  close();
  return tasks;
}

export function describeTasks(tasks: Task[], thresholdMs: number): string {
  if (tasks.length === 0) return `no main-thread task of ${thresholdMs} ms or more`;
  const lines = [`main-thread tasks of ${thresholdMs} ms or more: ${tasks.length}`];
  for (const task of tasks) {
    lines.push(`- at ${(task.startMs / 1000).toFixed(2)} s: ${task.ms.toFixed(1)} ms`);
    for (const [frame, ms] of task.inclusive) lines.push(`    ${ms.toFixed(1).padStart(6)} ms  ${frame}`);
    lines.push(`    self: ${task.self.map(([frame, ms]) => `${frame} ${ms.toFixed(1)}`).join("; ")}`);
  }
  return lines.join("\n");
}

/** task-cpu-probe.mjs's record: the main thread's tasks by CPU time. */
export interface CpuTasks {
  minMs: number;
  total: { count: number; cpuMs: number };
  tasks: { atMs: number; cpuMs: number; wallMs: number; type: string }[];
}

export function describeCpuTasks({ minMs, total, tasks }: CpuTasks): string {
  const sorted = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs);
  const over = (ms: number) => tasks.filter((t) => t.cpuMs >= ms).length;
  return [
    `main-thread tasks by CPU time: ${total.count} tasks, ${(total.cpuMs / 1000).toFixed(2)} s of CPU; ` +
      `${over(minMs)} of ${minMs} ms or more, ${over(20)} of 20 ms or more, ${over(50)} of 50 ms or more; the longest:`,
    ...sorted
      .slice(0, 25)
      .map(
        (t) => `  ${t.cpuMs.toFixed(1).padStart(6)} ms CPU (${t.wallMs.toFixed(1)} ms wall) at ${t.atMs} ms, ${t.type}`,
      ),
  ].join("\n");
}

if (process.argv[1]?.endsWith("profile-tasks.ts")) {
  const [file, threshold = "20"] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: profile-tasks FILE.cpuprofile [THRESHOLD_MS]\n");
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  process.stdout.write(`${describeTasks(longTasks(profile, Number(threshold)), Number(threshold))}\n`);
}
