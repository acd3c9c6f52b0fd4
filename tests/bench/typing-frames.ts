// What happens inside the typing bench's slowest keys (not a bench section; run by hand): the typing
// section's run (browser-section.ts: a new card, 4x CPU throttling, the keyboard-only script at 8
// keys a second) under a Chromium trace of every process, then, for the slowest interactions, the
// timeline from the keydown to the frame that showed it: the renderer main thread's tasks and what
// is in them (event handlers, timers, animation frames, network replies, style recalculation with
// its element count, layout with its dirty and total objects and root, prepaint/paint/layerize/
// commit, GC, scrolls), then each other thread's busy time in the window (compositor, raster
// workers, the viz compositor), and Chromium's own EventLatency stages for the key.
// Times: wall ms from the keydown, and CPU ms (thread time) in brackets; at 4x the main thread's wall
// time is ~4x its CPU. On a shared machine compare the counts and CPU, not wall times.
//   npx remix build [--sourcemap] && npx tsx tests/bench/typing-frames.ts [--slowest N] [--keep DIR] [--invalidations]
// With --keep, typing-frames-trace.json stays in DIR (it opens in Chrome DevTools' Performance panel).
// --invalidations adds Chromium's invalidation tracking (what dirtied style and layout, with stacks):
// it makes every DOM change in the handlers several times slower, so read its handler times as such.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { openTypingCard, start, typeAndRead, type Interaction } from "./browser-section";
import { profileRun } from "./profile-kit";
import type { TraceEvent } from "./trace-event";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { slowest: { type: "string", default: "8" }, keep: { type: "string" }, invalidations: { type: "boolean" } },
  strict: false,
});
const slowest = Number(values.slowest);
const run = profileRun("typing-frames", [], values.keep ? ["--keep", String(values.keep)] : []);
const { context } = run;

// The events worth naming on the main thread, and what of their arguments to show.
const SHOWN = new Set([
  "EventDispatch",
  "FunctionCall",
  "TimerFire",
  "FireAnimationFrame",
  "FireIdleCallback",
  "XHRReadyStateChange",
  "ResourceReceiveResponse",
  "ResourceFinish",
  "ResourceReceivedData",
  "RunMicrotasks",
  "V8.Execute",
  "UpdateLayoutTree",
  "ScheduleStyleRecalculation",
  "InvalidateLayout",
  "Layout",
  "PrePaint",
  "Paint",
  "PaintImage",
  "Layerize",
  "Commit",
  "UpdateLayer",
  "UpdateLayerTree",
  "HitTest",
  "ScrollLayer",
  "MinorGC",
  "MajorGC",
  "BlinkGC.AtomicPhase",
  "V8.GC_SCAVENGER",
  "V8.GC_MARK_COMPACTOR",
  "ParseHTML",
  "IntersectionObserverController::computeIntersections",
  "ComputeIntersections",
  "BeginMainThreadFrame",
  "BeginFrame",
  "ProxyMain::BeginMainFrame",
  "ThreadProxy::BeginMainFrame",
  "LocalFrameView::RunPostLifecycleSteps",
  "Document::updateStyle",
  "Animation",
  "ScrollIntoView",
]);

function describeArgs(e: TraceEvent): string {
  const a = e.args ?? {};
  const d = (a.data ?? {}) as Record<string, unknown>;
  switch (e.name) {
    case "EventDispatch":
      return String(d.type ?? "");
    case "FunctionCall":
      return `${String(d.functionName ?? "") || "(anon)"} ${String(d.url ?? "").replace(/^.*\//, "")}:${String(d.lineNumber ?? "")}`;
    case "TimerFire":
    case "FireAnimationFrame":
      return String(d.timerId ?? d.id ?? "");
    case "UpdateLayoutTree":
      return `${a.elementCount ?? "?"} elements`;
    case "Layout":
      return `${a.beginData?.dirtyObjects ?? "?"} of ${a.beginData?.totalObjects ?? "?"} objects${a.beginData?.partialLayout ? " (partial)" : ""}, roots ${JSON.stringify(a.endData?.layoutRoots ?? a.endData?.root ?? []).slice(0, 120)}`;
    case "Paint":
      return `${JSON.stringify(d.clip ?? "").slice(0, 60)} layer ${String(d.layerId ?? "")}`;
    case "ResourceReceiveResponse":
    case "ResourceFinish":
    case "XHRReadyStateChange":
      return String(d.url ?? d.requestId ?? "").replace(/^https?:\/\/[^/]+/, "");
    case "MinorGC":
    case "MajorGC":
      return `${Math.round(Number(a.usedHeapSizeBefore ?? 0) / 1024)}→${Math.round(Number(a.usedHeapSizeAfter ?? 0) / 1024)} KB`;
    default:
      return "";
  }
}

const ms = (us: number | undefined) => ((us ?? 0) / 1000).toFixed(1);

try {
  const running = await start(context);
  const page = await openTypingCard(running, context);
  await running.browser.startTracing(page, {
    categories: [
      "devtools.timeline",
      "disabled-by-default-devtools.timeline",
      "disabled-by-default-devtools.timeline.frame",
      ...(values.invalidations ? ["disabled-by-default-devtools.timeline.invalidationTracking"] : []),
      "blink.user_timing",
      "v8",
      "benchmark",
      "input",
      "toplevel",
      "scheduler",
    ],
  });
  await page.evaluate(() => performance.mark("typing-frames-zero"));
  const zeroNow = await page.evaluate(() => performance.getEntriesByName("typing-frames-zero")[0].startTime);
  const figures = await typeAndRead(page, context);
  const traceText = (await running.browser.stopTracing()).toString("utf8");
  const interactions = await page.evaluate(() => [
    ...(window as unknown as { __interactions: Map<number, Interaction> }).__interactions.values(),
  ]);
  const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
  if (values.keep) writeFileSync(run.profileFile.replace(/server\.cpuprofile$/, "typing-frames-trace.json"), traceText);

  const zero = events.find((e) => e.name === "typing-frames-zero");
  if (!zero) throw new Error("the trace has no typing-frames-zero mark");
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === "M" && e.name === "thread_name") threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const toTs = (now: number) => zero.ts + (now - zeroNow) * 1000;

  // Per thread, complete events sorted, with their depth (nesting by time on the same thread).
  const byThread = new Map<string, (TraceEvent & { depth: number })[]>();
  for (const e of events) {
    if (e.ph !== "X") continue;
    const key = `${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push({ ...e, depth: 0 });
  }
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: TraceEvent[] = [];
    for (const e of list) {
      while (stack.length && stack.at(-1)!.ts + (stack.at(-1)!.dur ?? 0) <= e.ts) stack.pop();
      e.depth = stack.length;
      stack.push(e);
    }
  }
  const mainKey = `${zero.pid}:${zero.tid}`;
  const main = byThread.get(mainKey)!;

  console.log(`typing under the trace: p98 ${figures.p98} ms, max ${figures.max} ms (4x CPU)`);
  const worst = [...interactions].sort((a, b) => b.duration - a.duration).slice(0, slowest);
  for (const it of worst) {
    const from = toTs(it.start);
    const procEnd = toTs(it.start + it.wait + it.run);
    const to = toTs(it.start + it.duration);
    console.log(
      `\n=== ${it.duration.toFixed(0)} ms: ${it.what} — ${it.wait.toFixed(0)} waiting, ${it.run.toFixed(0)} handlers, ${Math.max(0, it.draw).toFixed(0)} drawing (handlers end at +${((procEnd - from) / 1000).toFixed(0)})`,
    );
    // The main thread: every top-level task overlapping the window (from a little before the key),
    // and the named events inside it.
    const inWindow = main.filter((e) => e.ts + (e.dur ?? 0) > from - 60_000 && e.ts < to);
    let busyCpu = 0;
    for (const e of inWindow) {
      if (e.depth === 0) {
        if ((e.dur ?? 0) < 300) continue;
        busyCpu += (e.tdur ?? 0) / 1000;
        console.log(`  +${ms(e.ts - from).padStart(6)} ${ms(e.dur).padStart(6)} [${ms(e.tdur)}] task ${e.name}`);
      } else if (SHOWN.has(e.name) && ((e.dur ?? 0) >= 200 || e.name === "Layout" || e.name === "UpdateLayoutTree")) {
        console.log(
          `  ${"  ".repeat(Math.min(e.depth, 6))}+${ms(e.ts - from)} ${ms(e.dur)} [${ms(e.tdur)}] ${e.name} ${describeArgs(e)}`,
        );
      }
    }
    console.log(`  main thread CPU in tasks shown: ${busyCpu.toFixed(1)} ms`);
    // Instant events on the main thread in the window (invalidations, scroll, schedule).
    const instants = new Map<string, number>();
    for (const e of events)
      if (`${e.pid}:${e.tid}` === mainKey && (e.ph === "I" || e.ph === "i") && e.ts >= from && e.ts <= to)
        instants.set(e.name, (instants.get(e.name) ?? 0) + 1);
    if (instants.size)
      console.log(
        `  instants: ${[...instants.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([n, c]) => `${n}×${c}`)
          .join(", ")}`,
      );
    // Other threads: wall time covered by top-level events, and their biggest event names.
    const others: string[] = [];
    for (const [key, list] of byThread) {
      if (key === mainKey) continue;
      const top = list.filter((e) => e.depth === 0 && e.ts + (e.dur ?? 0) > from && e.ts < to);
      const wall = top.reduce((a, e) => a + Math.min(to, e.ts + (e.dur ?? 0)) - Math.max(from, e.ts), 0) / 1000;
      if (wall < 2) continue;
      const names = new Map<string, number>();
      for (const e of list)
        if (e.depth <= 1 && e.ts + (e.dur ?? 0) > from && e.ts < to)
          names.set(e.name, (names.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      const biggest = [...names.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([n, t]) => `${n} ${t.toFixed(0)}`)
        .join(", ");
      others.push(`    ${threadNames.get(key) ?? key}: ${wall.toFixed(0)} ms busy (${biggest})`);
    }
    if (others.length) console.log(`  other threads:\n${others.join("\n")}`);
    // Chromium's EventLatency for the key (async events on the browser or compositor), by stage.
    const latency = events.filter(
      (e) =>
        e.name === "EventLatency" &&
        e.ph === "b" &&
        Math.abs(e.ts - from) < 20_000 &&
        /Key|Char|RawKey/.test(String((e.args?.data as { type?: string } | undefined)?.type ?? JSON.stringify(e.args))),
    );
    for (const l of latency.slice(0, 3)) {
      const id = l.id ?? l.id2?.local ?? l.id2?.global;
      const stages = events.filter(
        (e) => (e.id ?? e.id2?.local ?? e.id2?.global) === id && e.ph === "b" && e.name !== "EventLatency",
      );
      const ends = new Map(
        events.filter((e) => (e.id ?? e.id2?.local ?? e.id2?.global) === id && e.ph === "e").map((e) => [e.name, e.ts]),
      );
      console.log(
        `  EventLatency ${JSON.stringify(l.args?.data ?? l.args).slice(0, 80)} at +${ms(l.ts - from)}: ${stages
          .map((s) => `${s.name} ${ms((ends.get(s.name) ?? s.ts) - s.ts)}`)
          .join(", ")}`,
      );
    }
  }
} finally {
  await run.finish();
}
