// The shape every bench section shares. A section is a module in tests/bench/ that measures some
// figures; tests/bench/run.ts runs the sections, prints one table (or, with --json, one JSON object)
// and reads each figure against a baseline measured in the same run, never against a number from
// another machine or day. New sections are new modules listed in run.ts's SECTIONS; sections that
// need the large database and its running server share one (big-server.ts), stopped via defer().

export interface Figure {
  /** Dotted path of the figure in the --json object, e.g. "calibrate_400k_ms" or "js_kb_gz.bare". */
  key: string;
  /** Null when the thing measured does not exist (yet), e.g. a route not in the build. */
  value: number | null;
  unit: "ms" | "kB" | "ops/s";
  /** How it was measured, one short line for the table. */
  note?: string;
  /** Individual runs, when the value is their median. */
  runs?: number[];
  /** A figure of the same run this one is read against; value / baseline lands at `ratioKey` in the JSON. */
  baseline?: { key: string; ratioKey: string };
}

export interface BenchContext {
  /** The repository root. */
  root: string;
  /** Timed runs per figure (a median is reported). */
  runs: number;
  /** True when --runs was given: sections with a default of their own (e.g. 7 slow dashboard runs) then use `runs`. */
  runsGiven: boolean;
  /** Rebuild the app even when a build exists. */
  build: boolean;
  /** A temporary directory of the section's own, removed after the run. */
  tempDir(): string;
  /** Progress and notes: stderr, so stdout stays one JSON object under --json. */
  log(message: string): void;
  /**
   * Work to do once every section has run (or the run failed or was interrupted), newest first and
   * before the temporary directories go: e.g. stopping a server that several sections share.
   */
  defer(cleanup: () => Promise<void> | void): void;
}

export interface BenchSection {
  name: string;
  measure(context: BenchContext): Promise<Figure[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Times `work` once untimed (warm-up) and then `runs` times; the median and each run, in ms. */
export async function timeRuns(runs: number, work: () => unknown): Promise<{ ms: number; runs: number[] }> {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
    // Let pending I/O and timers run between runs, as benchCalibration does.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { ms: median(times), runs: times };
}

export const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
