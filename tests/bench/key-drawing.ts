// What one key costs to draw, on every Chromium thread (not a bench section; run by hand): a new card
// at 4x CPU throttling (browser-section.ts's openTypingCard), the bench's keyboard script typed at
// its own pace, each key of interest (j, the rating digits, Enter, Space on a flag) under a trace of
// its own. Per key, from the keydown until two frames later: the renderer main thread's CPU by step
// (handlers, style with its element count, layout with its object count, prepaint, paint, layerize,
// commit), and every other thread's CPU (the compositor, the raster workers — software raster with
// --disable-gpu, not slowed by the throttling —, the display compositor), with the raster tasks'
// count. CPU time (thread time), so a loaded machine does not inflate it; compare counts and CPU.
//   npx remix build && npx tsx tests/bench/key-drawing.ts [--repeat N] [--css FILE] [--only j,Enter]
// --css FILE adds a style sheet to the page before typing (to try a rule without a build).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";

import { keyboardScript, openTypingCard, start } from "./browser-section";
import { profileRun } from "./profile-kit";
import type { TraceEvent } from "./trace-event";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    repeat: { type: "string", default: "1" },
    css: { type: "string" },
    only: { type: "string" },
    rate: { type: "string", default: "4" },
    invalidations: { type: "boolean" },
  },
  strict: false,
});
const run = profileRun("key-drawing", [], []);
const { context } = run;
const only = values.only ? new Set(String(values.only).split(",")) : null;
const css = values.css ? readFileSync(String(values.css), "utf8") : null;

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "cc",
  "viz",
  "gpu",
  "benchmark",
  "toplevel",
];

const MAIN_STEPS = ["UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit"];

type Row = Record<string, number>;

function kindOf(key: string): string | null {
  if (/^[0-9]$/.test(key)) return "digit";
  if (key === "j" || key === "Enter" || key === "Space" || key === "n") return key;
  return null;
}

/** Traces one key: from its keydown to the second frame after it. */
async function traced(page: Page, key: string, typed: boolean): Promise<Row> {
  const { browser } = await start(context);
  const categories = values.invalidations
    ? [...CATEGORIES, "disabled-by-default-devtools.timeline.invalidationTracking"]
    : CATEGORIES;
  await browser.startTracing(page, { categories });
  await page.evaluate(() => performance.mark("key-drawing-zero"));
  if (typed) await page.keyboard.type(key);
  else await page.keyboard.press(key);
  // Two frames after the key's, then a little for the compositor and the display to finish.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)))),
  );
  const events = (JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] })
    .traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args!.name!);
  const keydown = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown");
  if (!keydown) throw new Error(`no keydown for ${key}`);
  const mainKey = `${keydown.pid}:${keydown.tid}`;
  const from = keydown.ts;
  const row: Row = {};
  const add = (name: string, v: number) => (row[name] = (row[name] ?? 0) + v);
  // Top-level events per thread (nesting by time), their thread time summed.
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.ts < from) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    let end = 0;
    let cpu = 0;
    for (const e of list) {
      if (e.ts >= end) {
        cpu += (e.tdur ?? e.dur ?? 0) / 1000;
        end = e.ts + (e.dur ?? 0);
      }
    }
    const thread = k === mainKey ? "main" : (names.get(k) ?? k).replace(/\d+$/, "");
    add(`cpu ${thread}`, cpu);
  }
  const main = byThread.get(mainKey) ?? [];
  for (const step of MAIN_STEPS)
    add(
      `main ${step}`,
      main.filter((e) => e.name === step).reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0),
    );
  add(
    "main handlers",
    main
      .filter((e) => e.name === "EventDispatch" && /^key/.test(e.args?.data?.type ?? ""))
      .reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0),
  );
  add(
    "elements restyled",
    sumArg(main, "UpdateLayoutTree", (e) => e.args?.elementCount ?? 0),
  );
  add(
    "objects laid out",
    sumArg(main, "Layout", (e) => e.args?.beginData?.dirtyObjects ?? 0),
  );
  const raster = events.filter((e) => e.ph === "X" && e.ts >= from && e.name === "RasterTask");
  add("raster tasks", raster.length);
  add(
    "raster CPU",
    raster.reduce((a, e) => a + (e.tdur ?? e.dur ?? 0) / 1000, 0),
  );
  if (values.invalidations) {
    const seen = new Map<string, number>();
    for (const e of events)
      if (/InvalidationTracking/.test(e.name) && e.ts >= from) {
        const d = (e.args?.data ?? {}) as Record<string, unknown>;
        const what = `${e.name.replace("InvalidationTracking", "")} ${String(d.nodeName ?? "")} ${String(d.reason ?? "")}`;
        seen.set(what, (seen.get(what) ?? 0) + 1);
      }
    console.log(`${key}: ${[...seen].map(([w, n]) => `${w}×${n}`).join("; ")}`);
  }
  return row;
}

function sumArg(list: TraceEvent[], name: string, pick: (e: TraceEvent) => number): number {
  return list.filter((e) => e.name === name).reduce((a, e) => a + pick(e), 0);
}

try {
  const running = await start(context);
  const rows = new Map<string, Row[]>();
  for (let r = 0; r < Number(values.repeat); r++) {
    const page = await openTypingCard(running, context);
    if (css) await page.addStyleTag({ content: css });
    if (values.rate !== "4") {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(values.rate) });
    }
    for (const [n, { key, type }] of keyboardScript().entries()) {
      // One character in 15 (a trace per key is slow to start and stop).
      const kind = type ? (n % 15 === 0 ? "char" : null) : kindOf(key);
      if (kind && (!only || only.has(kind))) {
        const row = await traced(page, key, type);
        if (!rows.has(kind)) rows.set(kind, []);
        rows.get(kind)!.push(row);
      } else {
        if (type) await page.keyboard.type(key);
        else await page.keyboard.press(key);
        await page.waitForTimeout(60);
      }
    }
    await page.context().close();
  }
  for (const [kind, list] of rows) {
    const keys = [...new Set(list.flatMap((r) => Object.keys(r)))].sort();
    console.log(`\n${kind} (${list.length} keys): mean / max`);
    for (const k of keys) {
      const v = list.map((r) => r[k] ?? 0);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      if (Math.max(...v) < 0.5) continue;
      console.log(
        `  ${k.padEnd(34)} ${mean.toFixed(1).padStart(7)} ${Math.max(...v)
          .toFixed(1)
          .padStart(7)}`,
      );
    }
  }
} finally {
  await run.finish();
}
