// `npm run bench`: every bench section, as a table; each figure is also shown as a ratio against a
// baseline measured in the same run (so the figures compare across machines).
//   npm run --silent bench [-- --json] [--only calibration,js,wire,typing,charts,autosave,interference,dashboard] [--runs N] [--build]
// --json prints exactly one JSON object on stdout and nothing else (progress goes to stderr).
// --build rebuilds the app before measuring its JavaScript (by default only a missing or stale build
// is built, as the server the later sections load would rebuild it).
// autosave, interference and dashboard share one large database (big-database.ts: 100,000 submitted
// scorecards) and one running server on it (big-server.ts), built and started by the first of them
// that runs and stopped at the end, whatever happens (Ctrl-C included).
// Timings are never asserted anywhere: this reports, it does not judge.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

import { parseCliArguments } from "~/cli/cli-arguments";
import { CliError } from "~/cli/cli-error";
import { round, type BenchContext, type BenchSection, type Figure } from "./bench-kit";
import { autosaveSection } from "./autosave-section";
import { chartsSection, typingSection } from "./browser-section";
import { calibrationSection } from "./calibration-section";
import { dashboardSection, interferenceSection } from "./dashboard-section";
import { jsSizeSection } from "./js-size-section";
import { jsWireSection } from "./js-wire-section";

/**
 * The sections, in the order they run. Add a module to tests/bench/ and list it here. The server
 * sections run in this order on purpose: autosave on a server that has never computed a dashboard,
 * then interference (whose window includes that first computation), then dashboard timing.
 */
const SECTIONS: readonly BenchSection[] = [
  calibrationSection,
  jsSizeSection,
  jsWireSection,
  typingSection,
  chartsSection,
  autosaveSection,
  interferenceSection,
  dashboardSection,
];

const USAGE = "usage: bench [--json] [--only SECTION[,SECTION]] [--runs N] [--build]";

interface Options {
  json: boolean;
  only: string[] | null;
  runs: number;
  runsGiven: boolean;
  build: boolean;
}

function parseArguments(args: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseCliArguments(
      args,
      { json: { type: "boolean" }, build: { type: "boolean" }, only: { type: "string" }, runs: { type: "string" } },
      USAGE,
    ));
  } catch (error) {
    usage(error instanceof CliError ? error.message.replace(`; ${USAGE}`, "") : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = values.only?.split(",") ?? null;
  const unknown = only?.find((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown !== undefined)
    usage(`unknown section "${unknown}" (sections: ${SECTIONS.map((s) => s.name).join(", ")})`);
  const runs = values.runs === undefined ? 5 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) usage("--runs must be a positive integer");
  return { json: values.json ?? false, build: values.build ?? false, only, runs, runsGiven: values.runs !== undefined };
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}; ${USAGE}\n`);
  process.exit(2);
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

interface Row {
  section: string;
  figure: Figure;
  ratio: number | null;
}

/** Each figure with its ratio to its baseline of the same run (null when either is missing). */
function withRatios(measured: { section: string; figure: Figure }[]): Row[] {
  const valueOf = new Map(measured.map(({ figure }) => [figure.key, figure.value]));
  return measured.map(({ section, figure }) => {
    const base = figure.baseline ? valueOf.get(figure.baseline.key) : undefined;
    const ratio = figure.value !== null && typeof base === "number" && base > 0 ? round(figure.value / base, 2) : null;
    return { section, figure, ratio };
  });
}

function toJson(rows: Row[]): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const { figure } of rows) setPath(json, figure.key, figure.value);
  for (const { figure, ratio } of rows) if (figure.baseline) setPath(json, figure.baseline.ratioKey, ratio);
  return json;
}

function toTable(rows: Row[]): string {
  const format = (value: number | null, unit: string) =>
    value === null ? "n/a" : `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} ${unit}`;
  const cells = [
    ["section", "figure", "value", "against (same run)", "ratio", "how"],
    ...rows.map(({ section, figure, ratio }) => [
      section,
      figure.key,
      format(figure.value, figure.unit),
      figure.baseline?.key ?? "",
      figure.baseline ? (ratio === null ? "n/a" : `${ratio.toFixed(2)}x`) : "",
      figure.note ?? "",
    ]),
  ];
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const lines = cells.map((row) =>
    row
      .map((cell, column) =>
        column === 2 || column === 4 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join("  ")
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const runs = rows
    .filter(({ figure }) => figure.runs)
    .map(({ figure }) => `  ${figure.key} runs (ms): ${figure.runs!.map((ms) => ms.toFixed(0)).join(", ")}`);
  return [...lines, "", ...runs].join("\n") + "\n";
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const temps: string[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const context: BenchContext = {
    root,
    runs: options.runs,
    runsGiven: options.runsGiven,
    build: options.build,
    tempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-bench-"));
      temps.push(dir);
      return dir;
    },
    log,
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  let cleaned: Promise<void> | null = null;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (error) {
          log(`bench: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
    })());
  // Ctrl-C or a kill: stop the servers and remove the temporary files before going.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`bench: ${signal}: stopping…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  const measured: { section: string; figure: Figure }[] = [];
  try {
    for (const section of SECTIONS) {
      if (options.only && !options.only.includes(section.name)) continue;
      for (const figure of await section.measure(context)) measured.push({ section: section.name, figure });
    }
  } finally {
    await cleanUp();
  }
  const rows = withRatios(measured);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(toJson(rows))}\n`);
  } else {
    process.stdout.write(
      `Panel Scorecard bench: node ${process.version}, ${availableParallelism()} CPUs, ${new Date().toISOString()}\n\n`,
    );
    process.stdout.write(toTable(rows));
  }
}

await main();
