// Where the script time of each kind of key goes (not a bench section; run by hand): the samples of
// profile-typing.ts's CPU profile, bucketed by the key whose window they fall in (its keydown to the
// next key's, matched in order to the bench's keyboard script; the card's first key is a kind of its
// own), with each kind's top functions by self time, and by inclusive time for the kind asked for.
// Times are the sampled (throttled, wall) times per key: compare runs taken alike, in the same minutes.
//   npx remix build --sourcemap && npx tsx tests/bench/profile-typing.ts --keep DIR
//   npx tsx tests/bench/key-cpu.ts DIR [first|digit|char|Enter|j|n|Space|Escape|...]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { keyboardScript } from "./browser-section";
import { buildSourceLocator } from "./build-source";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}
interface TraceEvent {
  name: string;
  ts: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

const dir = process.argv[2];
const kindFilter = process.argv[3];
const profile = JSON.parse(readFileSync(`${dir}/typing.cpuprofile`, "utf8")) as CpuProfile;
const { traceEvents } = JSON.parse(readFileSync(`${dir}/typing-trace.json`, "utf8")) as { traceEvents: TraceEvent[] };
const locate = buildSourceLocator(resolve(import.meta.dirname, "../.."));
const main = traceEvents.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
if (!main) throw new Error("the trace has no renderer main thread");
const downs = traceEvents
  .filter(
    (e) => e.pid === main.pid && e.tid === main.tid && e.name === "EventDispatch" && e.args?.data?.type === "keydown",
  )
  .map((e) => e.ts)
  .sort((a, b) => a - b);
const script = keyboardScript();
console.log(`${downs.length} keydowns, ${script.length} keys`);
const kindAt = (i: number) => {
  const k = script[i] ?? { key: "?", type: false };
  return i === 0 ? "first" : k.type ? "char" : /^[0-9]$/.test(k.key) ? "digit" : k.key;
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const labels = new Map<number, string>();
function label(id: number): string {
  let text = labels.get(id);
  if (text === undefined) {
    const f = byId.get(id)!.callFrame;
    const p = locate(f.url, f.lineNumber, f.columnNumber);
    text = p
      ? `${p.name ?? f.functionName} ${p.file}:${p.line}`
      : `${f.functionName || "(anon)"} ${f.url.replace(/^.*\//, "")}`;
    labels.set(id, text);
  }
  return text;
}
let t = profile.startTime;
const per = new Map<string, { total: number; self: Map<string, number>; incl: Map<string, number> }>();
profile.samples.forEach((id, k) => {
  t += profile.timeDeltas[k];
  const name = byId.get(id)!.callFrame.functionName;
  if (name === "(idle)" || name === "(program)") return;
  let i = downs.findIndex((d) => d > t) - 1;
  if (i === -2) i = downs.length - 1;
  if (i < 0) return;
  const kind = kindAt(i);
  const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
  const b = per.get(kind) ?? { total: 0, self: new Map<string, number>(), incl: new Map<string, number>() };
  per.set(kind, b);
  b.total += ms;
  b.self.set(label(id), (b.self.get(label(id)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    b.incl.set(l, (b.incl.get(l) ?? 0) + ms);
  }
});
const counts = new Map<string, number>();
script.forEach((_, i) => counts.set(kindAt(i), (counts.get(kindAt(i)) ?? 0) + 1));
for (const [kind, b] of per) {
  if (kindFilter && kind !== kindFilter) continue;
  const n = counts.get(kind) ?? 1;
  console.log(`\n== ${kind} (${n} keys): ${(b.total / n).toFixed(1)} ms of script per key window`);
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([l, ms]) => `  ${(ms / n).toFixed(2).padStart(7)}  ${l}`)
      .join("\n");
  console.log(`self:\n${top(b.self, 12)}`);
  if (kindFilter) console.log(`inclusive:\n${top(b.incl, 70)}`);
}
