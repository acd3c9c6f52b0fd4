// The cold dashboard's timeline on both threads, by hand (not a bench section): what the worker and
// its helper thread do when, and where one waits for the other. It runs profile-cold-threads.ts
// under V8's sampling profiler (one profile per thread, one clock for all) and prints, per pass,
// each thread's steps in order with their start, end and sampled busy time, relative to the pass's
// start. A sample belongs to the innermost step function on its stack (STEPS below); "(wait)" is a
// thread not running JavaScript (waiting for the other, or a native step such as a message's copy).
//   npx tsx tests/bench/cold-timeline.ts [--db /tmp/big.db] [--passes 3] [--min 15]
// Steps shorter than --min ms are folded into their neighbours' lines. Sampling costs a little CPU;
// read the order and the waits here, and the CPU per thread from profile-cold-threads.ts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/panel-scorecard-big.db" },
    passes: { type: "string", default: "3" },
    min: { type: "string", default: "15" },
  },
});

/** Function name → step label; the innermost listed function on a sample's stack names the sample. */
const STEPS: Record<string, string> = {
  readRatingParts: "read ratings",
  assembledColumns: "columns from read",
  assembleRatings: "assemble ratings",
  buildRatingTable: "rating table",
  plannerColumns: "planner columns",
  startCalibrationReport: "report, start",
  finishCalibrationReport: "report, finish",
  compareVariants: "variant comparison",
  compareVariantsByModel: "variant model",
  adjustFromModel: "adjusted scores",
  flagRaters: "rater flags",
  buildDashboardViews: "views",
  measureRedFlagUse: "red-flag effects",
  measureRecordedLoopInSnapshot: "loop measure",
  loadRecordedLoopTallies: "loop read",
  fitReportModel: "dimension model",
  ratingTableFromColumns: "table from columns",
  runClaimedTasks: "shared fits",
  dimensionAgreements: "agreement",
  dimensionDesign: "planner design",
  fitVarianceComponents: "planner fit",
  summarise: "model summary",
  unpackViews: "views unpacked",
  "(garbage collector)": "(gc)",
};

interface Profile {
  nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const dir = mkdtempSync(join(tmpdir(), "cold-timeline-"));
try {
  const run = spawnSync(
    process.execPath,
    [
      "--cpu-prof",
      `--cpu-prof-dir=${dir}`,
      "--cpu-prof-interval=500",
      "--max-semi-space-size=64",
      "--import",
      "tsx",
      "tests/bench/profile-cold-threads.ts",
      "--db",
      values.db,
      "--passes",
      values.passes,
      "--marks",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (run.status !== 0) throw new Error(`profile-cold-threads.ts exited with ${run.status}`);
  // "mark <pass> <start µs> <end µs>": the passes on the profiles' clock (both are CLOCK_MONOTONIC).
  const passes = [...run.stdout.matchAll(/^mark (\d+) (\d+) (\d+)$/gm)].map((m) => ({
    pass: Number(m[1]),
    start: Number(m[2]),
    end: Number(m[3]),
  }));
  process.stdout.write(run.stdout.replace(/^mark .*\n/gm, ""));
  const threads = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => labelled(JSON.parse(readFileSync(join(dir, f), "utf8")) as Profile))
    .filter((t) => t.samples.some((s) => s.label !== "(wait)" && s.label !== "other" && s.label !== "(gc)"));
  const named = threads.map((t) => ({
    ...t,
    name: t.samples.some((s) => s.label === "read ratings") ? "worker" : "helper",
  }));
  for (const { pass, start, end } of passes) {
    process.stdout.write(`\npass ${pass}: ${((end - start) / 1000).toFixed(0)} ms\n`);
    for (const thread of named) {
      const inPass = thread.samples.filter((s) => s.at >= start && s.at < end);
      const waited = inPass.reduce((sum, s) => sum + (s.label === "(wait)" ? s.lasts : 0), 0);
      process.stdout.write(`  ${thread.name} (not running JavaScript ${(waited / 1000).toFixed(0)} ms in all):\n`);
      for (const line of segments(inPass, start, Number(values.min) * 1000)) process.stdout.write(`    ${line}\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Each sample's time and step; a sample lasts until the next one. */
function labelled(profile: Profile) {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labelOf = new Map<number, string>();
  const label = (id: number): string => {
    const known = labelOf.get(id);
    if (known !== undefined) return known;
    const name = byId.get(id)!.callFrame.functionName;
    const result =
      (Object.hasOwn(STEPS, name) ? STEPS[name] : undefined) ??
      (name === "(program)" || name === "(idle)"
        ? "(wait)"
        : parent.has(id) && parent.get(id) !== profile.nodes[0].id
          ? label(parent.get(id)!)
          : "other");
    labelOf.set(id, result);
    return result;
  };
  let at = profile.startTime;
  const samples = profile.samples.map((id, k) => {
    at += profile.timeDeltas[k];
    return { at, label: label(id), lasts: 0 };
  });
  samples.forEach((s, k) => (s.lasts = (samples[k + 1]?.at ?? s.at) - s.at));
  return { samples };
}

/** "label start–end ms (busy ms)" per run of samples; runs shorter than `minimum` µs join the run before. */
function segments(samples: { at: number; label: string; lasts: number }[], origin: number, minimum: number): string[] {
  const runs: { label: string; from: number; to: number; busy: Map<string, number> }[] = [];
  for (const s of samples) {
    const last = runs.at(-1);
    if (last && last.label === s.label) last.to = s.at + s.lasts;
    else runs.push({ label: s.label, from: s.at, to: s.at + s.lasts, busy: new Map() });
    const run = runs.at(-1)!;
    run.busy.set(s.label, (run.busy.get(s.label) ?? 0) + s.lasts);
  }
  // Short runs (a GC pause inside a step, a brief wait) fold into the run before them.
  const merged: typeof runs = [];
  for (const run of runs) {
    const last = merged.at(-1);
    const short = run.to - run.from < minimum;
    if (last && (short || last.label === run.label)) {
      last.to = run.to;
      for (const [l, us] of run.busy) last.busy.set(l, (last.busy.get(l) ?? 0) + us);
    } else merged.push(run);
  }
  const ms = (us: number) => (us / 1000).toFixed(0);
  return merged.map((run) => {
    const others = [...run.busy]
      .filter(([l]) => l !== run.label)
      .map(([l, us]) => `${l} ${ms(us)}`)
      .join(", ");
    return `${ms(run.from - origin).padStart(5)}–${ms(run.to - origin).padEnd(5)} ${run.label.padEnd(20)} ${ms(run.to - run.from).padStart(5)} ms${others ? ` (incl. ${others})` : ""}`;
  });
}
