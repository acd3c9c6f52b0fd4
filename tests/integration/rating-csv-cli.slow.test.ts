// End to end: db:import and db:export as a user runs them, each on a database file of its own.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Connection } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { seedDemo } from "~/seed/demo.server";
import { serializeRatingsCsv, type Rating } from "~/domain/calibration";
import { exportRatings, exportRatingsCsv } from "~/models/rating-export.server";
import { ensureDefaultRubric } from "~/models/rubric.server";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(ROOT, "node_modules/.bin/tsx");
const folder = mkdtempSync(join(tmpdir(), "rating-csv-cli-"));
const demoPath = join(folder, "demo.db");
let demo: Connection;

beforeAll(async () => {
  demo = openDatabase(demoPath);
  applyMigrations(demo.db);
  ensureDefaultRubric(demo.db);
  await seedDemo(demo.db, { now: new Date("2026-11-22T08:00:00Z") });
});
afterAll(() => {
  demo.sqlite.close();
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function cli(script: "import-ratings" | "export-ratings", databasePath: string, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(TSX, [`app/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Row counts of every table in a database file. */
function counts(path: string): Record<string, number> {
  const { sqlite } = openDatabase(path);
  try {
    const tables = sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((name) => [name, sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number]),
    );
  } finally {
    sqlite.close();
  }
}

const HEADER = "candidate,interviewer,dimension,score,variant,level,date,recommendation,rubric_version";

describe("db:export", { timeout: 60_000 }, () => {
  it("writes every submitted rating as CSV to stdout, and nothing to stderr", async () => {
    const { code, stdout, stderr } = await cli("export-ratings", demoPath);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe(exportRatingsCsv({}, demo.db));
    expect(stdout.split("\r\n")[0]).toBe(`${HEADER},candidate_id`);
  });

  it("writes the filtered rows to --output", async () => {
    const output = join(folder, "filtered.csv");
    const args = [
      "--output",
      output,
      "--from",
      "2026-07-01",
      "--to=2026-09-30",
      "--variant",
      "amazon",
      "--variant",
      "meta",
      "--interviewer",
      "Jordan@demo.test",
    ];
    const { code, stdout, stderr } = await cli("export-ratings", demoPath, ...args);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
    const jordan = demo.sqlite.prepare("select id from users where email = 'jordan@demo.test'").pluck().get() as number;
    const expected = exportRatings(
      { from: "2026-07-01", to: "2026-09-30", variants: ["amazon", "meta"], interviewerIds: [jordan] },
      demo.db,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(readFileSync(output, "utf8")).toBe(serializeRatingsCsv(expected));
  });

  it.each([
    ["a malformed date", 2, ["--from", "2026-02-30"], /^export: from "2026-02-30" is not a yyyy-mm-dd date\n$/],
    ["an unknown level", 2, ["--level", "staff+"], /^export: --level must be one of mid, senior, staff/],
    ["an unknown option", 2, ["--format", "json"], /^export: unknown option "--format"; usage: /],
    ["a missing value", 2, ["--variant"], /^export: --variant needs a value/],
    [
      "an unknown interviewer",
      1,
      ["--interviewer", "nobody@demo.test"],
      /^export: no user has the email "nobody@demo.test"\n$/,
    ],
  ])("refuses %s: exit %i, one line on stderr", async (_name, exitCode, args, message) => {
    const { code, stdout, stderr } = await cli("export-ratings", demoPath, ...(args as string[]));
    expect(code).toBe(exitCode);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("db:import", { timeout: 60_000 }, () => {
  let demoRatings: Rating[];
  beforeAll(() => {
    demoRatings = exportRatings({}, demo.db);
  });

  it("imports an export into a new database file (migrating it first) and prints a summary", async () => {
    const target = join(folder, "import-ok.db");
    const input = file("demo.csv", serializeRatingsCsv(demoRatings));
    const { code, stdout, stderr } = await cli("import-ratings", target, "--input", input, "--create-people");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`imported ${demoRatings.length} ratings from ${input}`);
    expect(stdout).toMatch(/interviewers: 11 created \(inactive\), 0 existing/);
    expect(counts(target).ratings).toBe(demoRatings.length);
  });

  it("refuses a bad row: exit 1, one line naming the CSV line, and the database unchanged", async () => {
    const target = join(folder, "import-bad.db");
    await cli(
      "import-ratings",
      target,
      "--input",
      file("first.csv", serializeRatingsCsv(demoRatings.slice(0, 40))),
      "--create-people",
    );
    const before = counts(target);
    const rows = demoRatings.slice(40, 60).map((r) => ({ ...r }));
    rows[15].dimension = "charm"; // the header is line 1, so rows[15] is line 17
    const { code, stdout, stderr } = await cli(
      "import-ratings",
      target,
      "--input",
      file("bad.csv", serializeRatingsCsv(rows)),
      "--create-people",
    );
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^import: line 17: unknown dimension "charm" \(rubric version 1 has ownership, accountability, repair, behavioural_change\)\n$/,
    );
    expect(counts(target)).toEqual(before);
  });

  it.each([
    [
      "a score that is not an integer",
      `${HEADER}\nAna,x@y.test,ownership,three,default,mid,2026-01-02,yes,1\n`,
      /^import: line 2: score "three" is not an integer\n$/,
    ],
    [
      "a duplicate",
      `${HEADER}\nAna,x@y.test,ownership,3,default,mid,2026-01-02,yes,1\nAna,x@y.test,ownership,2,default,mid,2026-01-02,yes,1\n`,
      /^import: line 3: .*twice \(first on line 2\)\n$/,
    ],
    [
      "an unknown variant",
      `${HEADER}\nAna,x@y.test,ownership,3,google,mid,2026-01-02,yes,1\n`,
      /^import: line 2: unknown variant "google"/,
    ],
  ])("refuses %s with exit 1 and one line", async (_name, text, message) => {
    const target = join(folder, "import-refused.db");
    const { code, stdout, stderr } = await cli(
      "import-ratings",
      target,
      "--input",
      file("refused.csv", text),
      "--create-people",
    );
    expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it.each([
    ["a missing --input", 2, [], /^import: missing --input; usage: /],
    ["an unknown option", 2, ["--input", "x.csv", "--dry-run"], /^import: unknown option "--dry-run"/],
    [
      "an unreadable file",
      1,
      ["--input", "/nonexistent/ratings.csv"],
      /^import: cannot read \/nonexistent\/ratings.csv \(ENOENT\)\n$/,
    ],
  ])("answers %s with exit %i and one line", async (_name, exitCode, args, message) => {
    const { code, stdout, stderr } = await cli("import-ratings", join(folder, "usage.db"), ...(args as string[]));
    expect({ code, stdout }).toEqual({ code: exitCode, stdout: "" });
    expect(stderr).toMatch(message);
  });

  it("shows progress on stderr for a large file", async () => {
    const dimensions = ["ownership", "accountability", "repair", "behavioural_change"];
    const rows: Rating[] = [];
    for (let c = 0; c < 6000; c++) {
      for (const dimension of dimensions) {
        rows.push({
          candidate: `Bulk ${c}`,
          interviewer: `rater${c % 7}@bulk.test`,
          dimension,
          score: 1 + ((c + dimension.length) % 4),
          variant: "default",
          level: "mid",
          date: "2025-06-01",
        });
      }
    }
    const target = join(folder, "import-large.db");
    const { code, stdout, stderr } = await cli(
      "import-ratings",
      target,
      "--input",
      file("large.csv", serializeRatingsCsv(rows)),
      "--create-people",
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`imported ${rows.length} ratings`);
    const progress = stderr.trimEnd().split("\n");
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((line) => /^importing: \d+\/24000 ratings \(\d+%\)$/.test(line))).toBe(true);
    expect(progress.at(-1)).toBe("importing: 24000/24000 ratings (100%)");
  });
});
