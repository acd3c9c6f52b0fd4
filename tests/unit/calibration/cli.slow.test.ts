// End to end: the calibrate CLI as a user runs it, on CSV files in a temporary folder.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import { serializeRatingsCsv } from "../../../app/domain/calibration/csv";
import { ADJUSTED_KEYS, INTERVIEWER_KEYS, REPORT_KEYS } from "./json-contract";
import { simulatePanels } from "./simulate-panels";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");
const folder = mkdtempSync(join(tmpdir(), "calibrate-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function calibrate(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["app/cli/calibrate.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const HEADER = "candidate,interviewer,dimension,score";
const good = csvFile(
  "good.csv",
  serializeRatingsCsv(simulatePanels(5, { scorecards: 300, interviewers: 10, candidates: 120 }).ratings),
);

describe("calibrate CLI", { timeout: 60_000 }, () => {
  it("--json prints exactly one JSON object on stdout and nothing on stderr", async () => {
    const { code, stdout, stderr } = await calibrate("--input", good, "--json");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ candidates: 120, interviewer_count: 10 });
    expect(Object.keys(json)).toEqual(REPORT_KEYS);
  });

  it("--json honours the rater-model contract", async () => {
    const { stdout } = await calibrate("--input", good, "--json");
    const json = JSON.parse(stdout);
    expect(json.model).toMatchObject({ method: "REML", converged: true });
    expect(Object.keys(json.model.variance)).toEqual(["candidate", "interviewer", "scorecard", "residual"]);
    expect(Object.keys(json.reliability)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(Object.keys(json.recommendations)).toEqual(["fleiss_kappa", "n"]);
    expect(Number.isInteger(json.recommendations.n)).toBe(true);
    const interviewer = json.interviewers[0];
    expect(Object.keys(interviewer)).toEqual(INTERVIEWER_KEYS);
    expect(Array.isArray(interviewer.flags)).toBe(true);
    expect(Object.keys(json.adjusted[0])).toEqual(ADJUSTED_KEYS);
  });

  it("--input=FILE works as well as --input FILE, and --help prints the usage", async () => {
    const inline = await calibrate(`--input=${good}`, "--json");
    expect(inline.code).toBe(0);
    const help = await calibrate("--help");
    expect(help.stdout).toMatch(/^usage: calibrate --input FILE.csv/);
  });

  it("prints a readable report by default, and --scale widens the scale", async () => {
    const { code, stdout } = await calibrate("--input", good, "--scale", "0-10");
    expect(code).toBe(0);
    expect(stdout).toContain("scale 0-10");
    expect(stdout).toMatch(/Agreement per dimension\nDimension +Rated/);
  });

  it.each([
    ["a missing --input", [], 2, /^calibrate: missing --input; usage: /],
    ["an unknown option", ["--input", good, "--verbose"], 2, /^calibrate: unknown option "--verbose"; usage: /],
    [
      "a stray positional argument",
      ["--input", good, "extra.csv"],
      2,
      /^calibrate: unexpected argument "extra\.csv"; usage: /,
    ],
    ["a malformed --scale", ["--input", good, "--scale", "one-four"], 2, /--scale must be MIN-MAX/],
    ["a reversed --scale", ["--input", good, "--scale", "4-1"], 2, /--scale must be MIN-MAX/],
    ["--scale without a value", ["--input", good, "--scale"], 2, /^calibrate: --scale needs a value; usage: /],
    ["an unreadable file", ["--input", join(folder, "nope.csv")], 1, /cannot read .*nope\.csv \(ENOENT\)/],
    ["an empty file", ["--input", csvFile("empty.csv", "")], 1, /empty\.csv: the file is empty$/],
    [
      "a missing required column",
      ["--input", csvFile("cols.csv", "candidate,interviewer,score\nc,a,3\n")],
      1,
      /line 1: missing required column "dimension"/,
    ],
    [
      "a non-integer score",
      ["--input", csvFile("frac.csv", `${HEADER}\nc,a,d,3\nc,b,d,2.5\n`), "--json"],
      1,
      /line 3: score "2\.5" is not an integer/,
    ],
    [
      "an out-of-scale score",
      ["--input", csvFile("range.csv", `${HEADER}\nc,a,d,3\nc,b,d,4\nc,e,d,7\n`), "--scale", "1-4", "--json"],
      1,
      /line 4: score 7 is outside the scale 1-4/,
    ],
    [
      "a duplicate with a line break in a name",
      ["--input", csvFile("dup.csv", `${HEADER}\n"c\nx",a,d,3\n"c\nx",a,d,2\n`)],
      1,
      /line 4: a rated c x on d twice \(first on line 2\)/,
    ],
  ])(
    "rejects %s with the right exit code, one line on stderr, nothing on stdout",
    async (_, args, exitCode, message) => {
      const { code, stdout, stderr } = await calibrate(...args);
      expect(code).toBe(exitCode);
      expect(stdout).toBe("");
      expect(stderr.endsWith("\n")).toBe(true);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
    },
  );
});
