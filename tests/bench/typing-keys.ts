// What each key of the typing bench costs, by kind of key (not a bench section; run by hand):
// the typing section's run (browser-section.ts: a new card, 4x CPU throttling, the keyboard-only
// script at 8 keys a second) with a Chromium trace and React's commit hook on. Per kind of key
// (a character in a note box, Enter that adds the note, a rating digit, ...):
//   - the Event Timing duration (as the bench reads it) and its handlers part;
//   - from the trace, over the key's own events (keydown to keyup): the handlers' time, style and
//     layout forced inside them; and over the window until the next key: style recalculation (ms,
//     elements), layout (ms, objects laid out of the page's total), paint;
//   - React: the components rendered in the key's events, and later within its window (a save
//     reply, a timer), with their names from the build's source maps.
// Wall times at 4x on a shared machine are inflated; read the counts (components, elements, layout
// objects) and compare times only with a baseline taken in the same minutes.
//   npx remix build --sourcemap && npx tsx tests/bench/typing-keys.ts [--keep DIR]
import { writeFileSync } from "node:fs";
import type { CDPSession } from "playwright-core";

import { keyboardScript, openTypingCard, start, typeAndRead, type Interaction } from "./browser-section";
import { buildSourceLocator } from "./build-source";
import { profileRun } from "./profile-kit";
import type { TraceEvent } from "./trace-event";
import { OBSERVE_COMMITS, type ReactCommit } from "../support/react-commits";

/** The kind of a key of the script, for grouping. */
function kindOf(key: string, typed: boolean): string {
  if (typed) return "character in a note box";
  if (/^[0-9]$/.test(key)) return "rating digit";
  return { n: "n (note box)", j: "j (next dimension)", Enter: "Enter (adds the note)", f: "f (red flags)" }[key] ?? key;
}

const run = profileRun("typing-keys");
const { context } = run;
const locate = buildSourceLocator(context.root);

/** Each rendered type's name: its source place through [[FunctionLocation]] and the build's maps. */
async function typeNames(cdp: CDPSession, urls: Map<string, string>, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const { result } = await cdp.send("Runtime.evaluate", { expression: `window.__renderTypes[${i}]` });
    const { internalProperties } = await cdp.send("Runtime.getProperties", { objectId: result.objectId! });
    const at = internalProperties?.find((p) => p.name === "[[FunctionLocation]]")?.value?.value as
      { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
    const place = at ? locate(urls.get(at.scriptId) ?? "", at.lineNumber, at.columnNumber) : null;
    const declared = place?.text?.match(/(?:function|const|class)\s+([A-Za-z0-9_$]+)/)?.[1];
    names.push(place ? `${declared ?? place.name ?? "?"} (${place.file.replace(/^.*\//, "")}:${place.line})` : `#${i}`);
  }
  return names;
}

/** An event's CPU time in ms (its wall time where the trace has no thread time). */
const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
const fmt = (n: number, digits = 0) => n.toFixed(digits);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

try {
  const running = await start(context);
  const urls = new Map<string, string>();
  let cdp!: CDPSession;
  const page = await openTypingCard(running, context, async (p) => {
    await p.addInitScript(OBSERVE_COMMITS);
    cdp = await p.context().newCDPSession(p);
    cdp.on("Debugger.scriptParsed", (e) => urls.set(e.scriptId, e.url));
    await cdp.send("Debugger.enable");
  });
  // The trace's clock is the page's monotonic clock in µs; performance.now() is relative to timeOrigin.
  await running.browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"],
  });
  await page.evaluate(() => performance.mark("typing-keys-zero"));
  const zeroNow = await page.evaluate(() => performance.getEntriesByName("typing-keys-zero")[0].startTime);
  const figures = await typeAndRead(page, context);
  const trace = JSON.parse((await running.browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
  const { keyDowns, commits, interactions, typeCount } = await page.evaluate(() => {
    const w = window as unknown as {
      __keyDowns: { t: number; key: string }[];
      __commits: ReactCommit[];
      __interactions: Map<number, Interaction>;
      __renderTypes: unknown[];
    };
    return {
      keyDowns: w.__keyDowns,
      commits: w.__commits,
      interactions: [...w.__interactions.values()],
      typeCount: w.__renderTypes.length,
    };
  });
  const names = await typeNames(cdp, urls, typeCount);

  const zero = trace.traceEvents.find((e) => e.name === "typing-keys-zero");
  if (!zero) throw new Error("the trace has no typing-keys-zero mark");
  const main = trace.traceEvents.filter((e) => e.pid === zero.pid && e.tid === zero.tid && e.ph === "X");
  const toNow = (ts: number) => zeroNow + (ts - zero.ts) / 1000;

  const script = keyboardScript();
  if (keyDowns.length !== script.length)
    context.log(`typing-keys: ${keyDowns.length} keydowns for ${script.length} keys; grouping by order anyway`);
  interface Row {
    kind: string;
    et: number;
    etRun: number;
    handlers: number;
    forced: number;
    style: number;
    elements: number;
    layout: number;
    objects: number;
    total: number;
    paint: number;
    inEvent: number[];
    later: number[];
  }
  const rows: Row[] = [];
  keyDowns.forEach((down, k) => {
    const end = keyDowns[k + 1]?.t ?? down.t + 1000;
    const inWindow = main.filter((e) => toNow(e.ts) >= down.t - 1 && toNow(e.ts) < end - 1);
    const dispatches = inWindow.filter((e) => e.name === "EventDispatch");
    // The key's own events: every EventDispatch until the keyup's ends (focus, input, ...).
    const keyUp = dispatches.find((e) => e.args?.data?.type === "keyup");
    const ownEnd = keyUp ? keyUp.ts + (keyUp.dur ?? 0) : (dispatches.at(-1)?.ts ?? 0) + (dispatches.at(-1)?.dur ?? 0);
    const own = dispatches.filter((e) => e.ts <= ownEnd);
    const insideOwn = (e: TraceEvent) => own.some((d) => e.ts >= d.ts && e.ts < d.ts + (d.dur ?? 0));
    const sum = (name: string, pick: (e: TraceEvent) => number = cpu) =>
      inWindow.filter((e) => e.name === name).reduce((a, e) => a + pick(e), 0);
    // Top-level dispatches only (a focus event inside a keydown's handler is in the keydown's time).
    const handlers = own
      .filter((d) => !own.some((o) => o !== d && d.ts >= o.ts && d.ts < o.ts + (o.dur ?? 0)))
      .reduce((a, e) => a + cpu(e), 0);
    const forced = inWindow
      .filter((e) => (e.name === "UpdateLayoutTree" || e.name === "Layout") && insideOwn(e))
      .reduce((a, e) => a + cpu(e), 0);
    const et = interactions.find((i) => Math.abs(i.start - down.t) < 1);
    const mine = commits.filter((c) => c.t >= down.t && c.t < end);
    const ownEndNow = toNow(ownEnd);
    const spec = script[k] ?? { key: down.key, type: false };
    rows.push({
      kind: kindOf(spec.key, spec.type),
      et: et?.duration ?? 16,
      etRun: et?.run ?? 0,
      handlers,
      forced,
      style: sum("UpdateLayoutTree"),
      elements: sum("UpdateLayoutTree", (e) => e.args?.elementCount ?? 0),
      layout: sum("Layout"),
      objects: sum("Layout", (e) => e.args?.beginData?.dirtyObjects ?? 0),
      total: Math.max(
        0,
        ...inWindow.filter((e) => e.name === "Layout").map((e) => e.args?.beginData?.totalObjects ?? 0),
      ),
      paint: sum("PrePaint") + sum("Paint") + sum("Layerize") + sum("Commit"),
      inEvent: mine.filter((c) => c.t <= ownEndNow + 1).flatMap((c) => c.rendered),
      later: mine.filter((c) => c.t > ownEndNow + 1).flatMap((c) => c.rendered),
    });
  });

  console.log(`typing under the trace: p98 ${figures.p98} ms, max ${figures.max} ms (4x CPU)\n`);
  console.log(
    "per kind of key (mean / max): Event Timing ms (wall), its handlers ms (wall) | trace, CPU ms: the key's handlers, style+layout forced in them | window to the next key: style CPU ms, elements restyled, layout CPU ms, objects laid out (of the page's), paint CPU ms | React components rendered in the key's events, later in its window",
  );
  const kinds = [...new Set(rows.map((r) => r.kind))];
  for (const kind of kinds) {
    const rs = rows.filter((r) => r.kind === kind);
    const col = (pick: (r: Row) => number, digits = 0) =>
      `${fmt(mean(rs.map(pick)), digits)}/${fmt(Math.max(...rs.map(pick)), digits)}`;
    console.log(
      `\n${kind} (${rs.length}): ET ${col((r) => r.et)} (handlers ${col((r) => r.etRun)}) | handlers ${col((r) => r.handlers)}, forced ${col((r) => r.forced, 1)} | style ${col((r) => r.style)} ms, ${col((r) => r.elements)} el | layout ${col((r) => r.layout)} ms, ${col((r) => r.objects)} of ${fmt(Math.max(...rs.map((r) => r.total)))} | paint ${col((r) => r.paint)} | React ${col((r) => r.inEvent.length, 1)} in event, ${col((r) => r.later.length, 1)} later`,
    );
    const tally = (pick: (r: Row) => number[]) => {
      const counts = new Map<number, number>();
      for (const r of rs) for (const i of pick(r)) counts.set(i, (counts.get(i) ?? 0) + 1);
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([i, n]) => `${names[i]} ×${fmt(n / rs.length, 1)}`)
        .join(", ");
    };
    const own = tally((r) => r.inEvent);
    const later = tally((r) => r.later);
    if (own) console.log(`  in event, per key: ${own}`);
    if (later) console.log(`  later, per key: ${later}`);
  }
  // Every commit of the run by what rendered in it: the biggest kinds of commit, whatever caused them.
  const shapes = new Map<string, { count: number; size: number }>();
  for (const c of commits) {
    const shape = [...new Set(c.rendered)].map((i) => names[i].replace(/ \(.*/, "")).join(", ");
    shapes.set(shape, { count: (shapes.get(shape)?.count ?? 0) + 1, size: c.rendered.length });
  }
  console.log(`\n${commits.length} commits; the kinds that rendered most (count × components):`);
  for (const [shape, { count, size }] of [...shapes.entries()]
    .sort((a, b) => b[1].count * b[1].size - a[1].count * a[1].size)
    .slice(0, 10))
    console.log(`  ${count} × ${size}: ${shape.slice(0, 400)}`);
  writeFileSync(run.profileFile.replace(/server\.cpuprofile$/, "typing-keys.json"), JSON.stringify({ rows, names }));
} finally {
  await run.finish();
}
