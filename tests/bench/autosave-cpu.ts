// The autosave section's CPU ratio by hand (not a bench section), without a profiler in the way:
// the real built server on a small database of its own (autosave-fixture.ts) and the framework
// floor (autosave-noop-server.ts, a bare Remix action), loaded in turn `--rounds` times with the
// section's own closed loop (50 connections). Each run's server CPU time per answered request
// (its process group, from /proc) is printed, then the medians and their ratio: what
// `autosave.cpu_ratio` reads, and what a shared machine does not inflate as it does req/s.
// With --big, the bench's own server on the 100,000-scorecard database (big-server.ts;
// BENCH_BIG_DATABASE_CACHE=FILE keeps that database between runs) is loaded in the same turns:
// the small and the large database's autosave side by side, under the same load on the machine.
// (CPU per request rises with the machine's load, so figures from runs at different times do not
// compare: a small-database run on a busy machine beside a bench run on a quiet one looked like a
// cost of the database's size, which these turns do not show.)
//   npx tsx tests/bench/autosave-cpu.ts [--seconds 10] [--rounds 3] [--big]
import { parseArgs } from "node:util";

import { startAutosaveFixture } from "./autosave-fixture";
import { bigServer } from "./big-server";
import { loadFrameworkFloor } from "./autosave-floors";
import { loadAutosave } from "./autosave-load";
import { median } from "./bench-kit";
import type { LoadResult } from "./interviewer-load";
import { profileRun } from "./profile-kit";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    big: { type: "boolean", default: false },
  },
});
const [seconds, rounds] = [Number(values.seconds), Number(values.rounds)];
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number`);
if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds must be a positive integer`);
// profileRun's context and clean-up; its own options are parsed again from an empty list.
const { context, finish } = profileRun("autosave-cpu", [], []);

const cpuMs = (result: LoadResult) => (result.cpuUsPerRequest ?? NaN) / 1000;
const mainMs = (result: LoadResult) => (result.mainThreadCpuUsPerRequest ?? NaN) / 1000;
const line = (name: string, result: LoadResult) =>
  `${name}: ${cpuMs(result).toFixed(3)} ms CPU/req (main thread ${mainMs(result).toFixed(3)}), ${result.rps} req/s, ${result.responses} responses, ${result.non2xx} non-2xx`;

try {
  const fixture = await startAutosaveFixture(context);
  const framework: number[] = [];
  const autosave: number[] = [];
  const [frameworkMain, autosaveMain, bigCpu, bigMain]: number[][] = [[], [], [], []];
  // The large database's server is stopped by `finish` (big-server.ts defers it).
  const big = values.big ? await bigServer(context) : null;
  try {
    for (let round = 1; round <= rounds; round++) {
      const floor = await loadFrameworkFloor(context, fixture);
      process.stdout.write(`round ${round}: ${line("framework", floor)}\n`);
      const save = await loadAutosave(fixture, { seconds });
      process.stdout.write(`round ${round}: ${line("autosave ", save)}\n`);
      if (save.non2xx > 0 || floor.non2xx > 0) throw new Error("a run had non-2xx answers: the figures do not hold");
      framework.push(cpuMs(floor));
      autosave.push(cpuMs(save));
      frameworkMain.push(mainMs(floor));
      autosaveMain.push(mainMs(save));
      if (big) {
        const bigSave = await loadAutosave(big, { seconds });
        process.stdout.write(`round ${round}: ${line("autosave, 100k-scorecard database", bigSave)}\n`);
        if (bigSave.non2xx > 0) throw new Error("a run had non-2xx answers: the figures do not hold");
        bigCpu.push(cpuMs(bigSave));
        bigMain.push(mainMs(bigSave));
      }
    }
  } finally {
    await fixture.stop();
  }
  const [f, a, fm, am] = [framework, autosave, frameworkMain, autosaveMain].map(median);
  process.stdout.write(
    `median: framework ${f.toFixed(3)} ms, autosave ${a.toFixed(3)} ms CPU/req; cpu ratio ${(f / a).toFixed(2)} (target >= 0.9)\n` +
      `median, main threads only: framework ${fm.toFixed(3)} ms, autosave ${am.toFixed(3)} ms; ratio ${(fm / am).toFixed(2)}\n`,
  );
  if (big) {
    const [b, bm] = [bigCpu, bigMain].map(median);
    process.stdout.write(
      `median, 100k-scorecard database: autosave ${b.toFixed(3)} ms CPU/req (main threads ${bm.toFixed(3)}); cpu ratio ${(f / b).toFixed(2)}\n`,
    );
  }
} finally {
  await finish();
}
