// Bench sections "typing" and "charts": how the pages feel in a real Chromium at 4x CPU throttling
// (a slow laptop), on the built app over a fresh demo database.
//   typing: an interviewer scores keyboard-only at 8 characters a second (ratings, notes in every
//           dimension's note box, red flags toggled with Space); each interaction's latency comes
//           from the Event Timing API (the slowest event of each interactionId), reported as p98 and max.
//   charts: a lead opens /calibration/interviewers; total blocking time (the part of every long task
//           beyond 50 ms, from first paint until the page is quiet) and the longest task.
// Headless Chromium paints only the viewport: the window is made taller than the viewport, or text
// typed in a box below the fold never paints and its interaction reads as seconds.
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

import { scheduleInterviewIn } from "../support/schedule-interview";
import { startServer, type RunningServer } from "../support/server-process";
import { median, round, type BenchContext, type BenchSection, type Figure } from "./bench-kit";
import { ensureBuild } from "./js-size-section";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "../support/chromium";

const THROTTLE = 4;
const CHARS_PER_SECOND = 8;
const VIEWPORT = { width: 1280, height: 720 };

interface Running {
  server: RunningServer;
  browser: Browser;
  databasePath: string;
}

let shared: Promise<Running> | null = null;

/** One server on a fresh demo database and one Chromium, for both sections, stopped at the end. */
export function start(context: BenchContext): Promise<Running> {
  shared ??= (async () => {
    ensureBuild(context);
    const databasePath = join(context.tempDir(), "bench-browser.db");
    context.log("browser: starting the server on a fresh demo database…");
    const server = await startServer({ databasePath, env: { SESSION_SECRET: "bench-secret" } });
    context.defer(() => server.stop());
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_FLAGS,
        // Taller than the viewport, so the whole page paints (see the note at the top).
        `--window-size=${VIEWPORT.width},${VIEWPORT.height * 4}`,
      ],
    });
    context.defer(() => browser.close());
    return { server, browser, databasePath };
  })();
  return shared;
}

async function signedIn(running: Running, email: string): Promise<Page> {
  const page = await (await running.browser.newContext({ viewport: null })).newPage();
  await laptopViewport(page);
  await page.goto(`${running.server.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("panel-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return page;
}

async function throttle(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
}

/**
 * A laptop-sized viewport inside a taller window. Playwright's own viewport option would shrink the
 * window to the viewport, and headless Chromium then leaves what is below it unpainted.
 */
async function laptopViewport(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setDeviceMetricsOverride", { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
}

const NOTES = [
  "Owned the rollback and paged the team lead at once",
  "Wrote the postmortem; named the missing alert",
  "Said the outage was mostly the vendor's fault",
  "Added a canary stage and a load test after it",
];

/** The keys an interviewer presses, in order: a key name for press(), or one character to type. */
export function keyboardScript(): { key: string; type: boolean }[] {
  const keys: { key: string; type: boolean }[] = [];
  const press = (key: string) => keys.push({ key, type: false });
  for (let d = 0; d < 4; d++) {
    if (d > 0) press("j");
    press(String(2 + (d % 3)));
    press("n");
    for (const note of [NOTES[d], NOTES[(d + 1) % NOTES.length]]) {
      for (const ch of note) keys.push({ key: ch, type: true });
      press("Enter");
    }
    press("Escape");
  }
  // Red flags: the first two toggled on with Space, then the first off again.
  press("f");
  press("Space");
  press("Tab");
  press("Space");
  press("Shift+Tab");
  press("Space");
  press("Escape");
  return keys;
}

// Each interaction's slowest Event Timing entry, with what it was (the key and the element it went
// to, matched to the keydown of the same timestamp), so the bench can say which keys are slow.
const OBSERVE_EVENTS = `(() => {
  window.__interactions = new Map();
  window.__keys = new Map();
  addEventListener("keydown", (e) => {
    const t = e.target;
    const where = t instanceof Element ? t.tagName.toLowerCase() + (t.type ? "[" + t.type + "]" : "") : "?";
    window.__keys.set(Math.round(e.timeStamp), (e.key === " " ? "Space" : e.key) + " in " + where);
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.interactionId) continue;
      const was = window.__interactions.get(e.interactionId);
      const what = window.__keys.get(Math.round(e.startTime)) ?? was?.what ?? e.name;
      // Where the time went: waiting for the main thread, the handlers, and drawing the next frame.
      const parts = { wait: e.processingStart - e.startTime, run: e.processingEnd - e.processingStart };
      if (!was || e.duration > was.duration)
        window.__interactions.set(e.interactionId, { duration: e.duration, what, start: e.startTime, ...parts, draw: e.duration - parts.wait - parts.run });
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: false });
  window.__interactionCount0 = performance.interactionCount ?? 0;
})()`;

export interface Interaction {
  duration: number;
  /** The event's startTime (the keydown's timeStamp for a key). */
  start: number;
  what: string;
  wait: number;
  run: number;
  draw: number;
}

const describe = (e: Interaction) =>
  `${e.wait.toFixed(0)} waiting, ${e.run.toFixed(0)} handlers, ${Math.max(0, e.draw).toFixed(0)} drawing`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A new scorecard opened by the interviewer, hydrated, throttled, with the Event Timing observer on. */
export async function openTypingCard(
  running: Running,
  context: BenchContext,
  /** Called before the scorecard opens (a profiling script's init script or CDP domains). */
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const id = scheduleInterviewIn(running.databasePath, ["interviewer@demo.test", "jordan@demo.test"], {
    candidate: "Bench Candidate",
  });
  const page = await signedIn(running, "interviewer@demo.test");
  await prepare?.(page);
  await page.goto(`${running.server.url}/interviews/${id}/scorecard`, { timeout: 120_000 });
  await page.waitForSelector("html[data-hydrated]");
  // An interviewer opens the scorecard before the call and types once it is up: the first key waits
  // for the page's own start (the parts it preloads after hydration: preload-parts.ts) to finish,
  // as a person's would, instead of being timed against that work.
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  await throttle(page);
  await page.evaluate(OBSERVE_EVENTS);
  context.log(
    `typing: viewport ${await page.evaluate(() => `${innerWidth}x${innerHeight} in ${outerWidth}x${outerHeight}`)}`,
  );
  return page;
}

/**
 * Scores keyboard-only at the bench's pace, waits for the last interactions and save, and reads the
 * interactions back: their p98 and max, and the slowest five logged with the key each was.
 */
export async function typeAndRead(page: Page, context: BenchContext): Promise<{ p98: number; max: number }> {
  const script = keyboardScript();
  const gap = 1000 / CHARS_PER_SECOND;
  const begin = Date.now();
  for (const [k, { key, type }] of script.entries()) {
    const due = begin + k * gap;
    if (due > Date.now()) await page.waitForTimeout(due - Date.now());
    if (type) await page.keyboard.type(key);
    else await page.keyboard.press(key);
  }
  // Let the last interactions and the last save finish before reading.
  await page.waitForTimeout(2000);
  const { entries, count } = await page.evaluate(() => {
    const w = window as unknown as {
      __interactions: Map<number, Interaction>;
      __interactionCount0: number;
    };
    const total =
      ((performance as unknown as { interactionCount?: number }).interactionCount ?? 0) - w.__interactionCount0;
    return { entries: [...w.__interactions.values()], count: total };
  });
  const durations = entries.map((e) => e.duration);
  const slowest = [...entries].sort((a, b) => b.duration - a.duration).slice(0, process.env.BENCH_DEBUG ? 25 : 5);
  if (process.env.BENCH_DEBUG) context.log(`typing: in order: ${durations.map((d) => d.toFixed(0)).join(" ")}`);
  // Interactions under the 16 ms threshold are not reported: counted as 16 ms (an upper bound).
  const all = [...durations, ...Array<number>(Math.max(0, count - durations.length)).fill(16)].sort((a, b) => a - b);
  context.log(
    `typing: ${script.length} keys in ${((Date.now() - begin) / 1000).toFixed(0)} s, ${count} interactions, ${durations.length} over 16 ms; slowest: ${slowest.map((e) => `${e.duration} ms (${e.what}: ${describe(e)})`).join(", ")}`,
  );
  return { p98: percentile(all, 98), max: all[all.length - 1] ?? 0 };
}

async function typingRun(running: Running, context: BenchContext): Promise<{ p98: number; max: number }> {
  const page = await openTypingCard(running, context);
  try {
    return await typeAndRead(page, context);
  } finally {
    await page.context().close();
  }
}

const OBSERVE_LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
})()`;

async function chartsRun(running: Running, context: BenchContext): Promise<{ tbt: number; longest: number }> {
  const page = await signedIn(running, "lead@demo.test");
  try {
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await throttle(page);
    await page.goto(`${running.server.url}/calibration/interviewers`, { waitUntil: "load", timeout: 120_000 });
    await page.waitForSelector("html[data-hydrated]", { timeout: 120_000 });
    // Quiet: no new long task for 3 s (at most 60 s).
    const deadline = Date.now() + 60_000;
    let seen = -1;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const n = await page.evaluate(() => (window as unknown as { __longTasks: unknown[] }).__longTasks.length);
      if (n !== seen) [seen, quietSince] = [n, Date.now()];
      else if (Date.now() - quietSince >= 3000) break;
      await page.waitForTimeout(250);
    }
    const { tasks, fcp } = await page.evaluate(() => ({
      tasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
    }));
    const counted = tasks.filter((t) => t.start + t.duration > fcp);
    const tbt = counted.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    const longest = Math.max(0, ...counted.map((t) => t.duration));
    context.log(
      `charts: ${counted.length} long tasks after first paint (${fcp.toFixed(0)} ms): ${counted.map((t) => t.duration.toFixed(0)).join(", ")} ms`,
    );
    return { tbt, longest };
  } finally {
    await page.context().close();
  }
}

export const typingSection: BenchSection = {
  name: "typing",
  async measure(context) {
    const running = await start(context);
    const runs = context.runsGiven ? context.runs : 1;
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await typingRun(running, context));
    const note = `${THROTTLE}x CPU, ${CHARS_PER_SECOND} keys/s, Event Timing per interaction`;
    return [
      {
        key: "typing.p98_ms",
        value: round(median(results.map((r) => r.p98)), 0),
        unit: "ms",
        note,
        runs: results.map((r) => r.p98),
      },
      {
        key: "typing.max_ms",
        value: round(median(results.map((r) => r.max)), 0),
        unit: "ms",
        note,
        runs: results.map((r) => r.max),
      },
    ] satisfies Figure[];
  },
};

export const chartsSection: BenchSection = {
  name: "charts",
  async measure(context) {
    const running = await start(context);
    const runs = context.runsGiven ? context.runs : 3;
    const results = [];
    for (let run = 0; run < runs; run++) results.push(await chartsRun(running, context));
    const note = `/calibration/interviewers, ${THROTTLE}x CPU, long tasks from first paint to quiet`;
    return [
      {
        key: "charts.tbt_ms",
        value: round(median(results.map((r) => r.tbt)), 0),
        unit: "ms",
        note,
        runs: results.map((r) => r.tbt),
      },
      {
        key: "charts.longest_task_ms",
        value: round(median(results.map((r) => r.longest)), 0),
        unit: "ms",
        note,
        runs: results.map((r) => r.longest),
      },
    ] satisfies Figure[];
  },
};
