// The coach CLI as a user runs it: `npm run --silent coach -- --input FILE --json`.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { analyseNote } from "~/domain/coach/analyse-note";
import { readCorpus } from "../support/coach-corpus";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "coach-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

function coach(...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "coach", "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run coach", { timeout: 120_000 }, () => {
  it("prints one JSON array, one entry per line in order, offsets into each text", async () => {
    const notes = readCorpus().map((n) => n.text);
    const lines = [notes[0], "", "“we dropped the ball” — 😀 the decision was made", ...notes.slice(1)];
    const { code, stdout, stderr } = await coach("--input", file("notes.txt", lines.join("\r\n") + "\r\n"), "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Array<{
      text: string;
      signals: Array<{ kind: string; start: number; end: number; flag: string | null }>;
    }>;
    expect(entries.map((e) => e.text)).toEqual(lines);
    for (const entry of entries) {
      expect(entry.signals).toEqual(analyseNote(entry.text));
      for (const s of entry.signals) expect(Object.keys(s)).toEqual(["kind", "start", "end", "flag"]);
    }
    expect(entries[1].signals).toEqual([]);
    expect(entries[2].signals.map((s) => [s.kind, entries[2].text.slice(s.start, s.end), s.flag])).toEqual([
      ["blame_diffusion", "we dropped", "blame_diffusion"],
      ["passive_voice", "was made", "passive_voice"],
    ]);
  });

  const bad: Array<[string, () => string[], number, RegExp]> = [
    ["no --input", () => ["--json"], 2, /missing --input/],
    ["an unknown flag", () => ["--input", file("a.txt", "x\n"), "--fast"], 2, /unknown option "--fast"/],
    ["a missing file", () => ["--input", join(folder, "nope.txt"), "--json"], 1, /cannot read .*ENOENT/],
    ["an empty file", () => ["--input", file("empty.txt", "\n\n"), "--json"], 1, /holds no notes/],
    [
      "a binary file",
      () => ["--input", file("bin.dat", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])), "--json"],
      1,
      /binary/,
    ],
    [
      "text that is not UTF-8",
      () => ["--input", file("latin1.txt", Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])), "--json"],
      1,
      /not UTF-8/,
    ],
  ];
  for (const [what, args, exitCode, message] of bad) {
    it(`refuses ${what}: exit ${exitCode}, one line on stderr, nothing on stdout`, async () => {
      const { code, stdout, stderr } = await coach(...args());
      expect(code).toBe(exitCode);
      expect(stdout).toBe("");
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(message);
    });
  }
});
