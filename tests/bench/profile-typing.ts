// Where a keystroke's time goes on the scorecard, by hand (not a bench section): the typing
// section's run (browser-section.ts: a new card, 4x CPU throttling, the keyboard-only script at 8
// keys a second) with Chromium's sampling profiler and a performance trace on, then summarised:
// the page's main-thread time by trace event (script, style, layout, paint, GC), and the
// functions with the most self and inclusive time, mapped to the source when the build has
// source maps (`npx remix build --sourcemap`; the .map files stay in public/build, which is not
// committed).
//   npx tsx tests/bench/profile-typing.ts [--keep DIR]
// Output on stdout; with --keep, typing.cpuprofile and typing-trace.json stay in DIR (both open in
// Chrome DevTools' Performance panel).
import { writeFileSync } from "node:fs";

import { openTypingCard, start, typeAndRead } from "./browser-section";
import { buildSourceLocator } from "./build-source";
import { profileRun } from "./profile-kit";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}

const run = profileRun("typing");
const { context } = run;
const locate = buildSourceLocator(context.root);

/** "function (source file:line)" for a call frame, through the build's source map when there is one. */
function where(frame: ProfileNode["callFrame"]): string {
  const place = locate(frame.url, frame.lineNumber, frame.columnNumber);
  const path = frame.url.replace(/^https?:\/\/[^/]+/, "");
  if (!place) return `${frame.functionName || "(anonymous)"} ${path || "(native)"}`;
  return `${place.name ?? (frame.functionName || "(anonymous)")} ${place.file}:${place.line}`;
}

function summariseProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    if (name === "(idle)" || name === "(program)") return;
    total += ms;
    const here = where(node.callFrame);
    self.set(here, (self.get(here) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const label = where(byId.get(n)!.callFrame);
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + ms);
    }
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([label, ms]) => `  ${ms.toFixed(0).padStart(7)} ms  ${label}`)
      .join("\n");
  console.log(`script samples (not idle): ${total.toFixed(0)} ms\n\nself time:\n${top(self, 30)}`);
  console.log(`\ninclusive time:\n${top(inclusive, 150)}`);
}

function summariseTrace(events: TraceEvent[]): void {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return console.log("trace: no renderer main thread");
  const totals = new Map<string, number>();
  for (const e of events)
    if (e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur)
      totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\nrenderer main thread, by trace event (nested events counted in each):`);
  for (const [name, ms] of rows) console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

try {
  const running = await start(context);
  const page = await openTypingCard(running, context);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await running.browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink.user_timing"],
  });
  const figures = await typeAndRead(page, context);
  const trace = await running.browser.stopTracing();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  console.log(`typing under the profiler: p98 ${figures.p98} ms, max ${figures.max} ms\n`);
  summariseProfile(profile);
  const parsed = JSON.parse(trace.toString("utf8")) as { traceEvents: TraceEvent[] };
  summariseTrace(parsed.traceEvents);
  // Removed by finish() unless --keep.
  writeFileSync(run.profileFile.replace(/server\.cpuprofile$/, "typing.cpuprofile"), JSON.stringify(profile));
  writeFileSync(run.profileFile.replace(/server\.cpuprofile$/, "typing-trace.json"), trace);
} finally {
  await run.finish();
}
