// CSV formula injection: names and emails a spreadsheet would run as formulas are written with a
// leading quote by the one CSV writer (/calibration/export.csv and db:export), and read back to the
// original value by the parser behind db:import and calibrate.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabase, type Connection } from "~db/client";
import { applyMigrations } from "~db/migrate";
import * as t from "~db/schema";
import { parseCsvRecords } from "~/domain/calibration/csv-records";
import { parseRatingsCsv } from "~/domain/calibration";
import { exportRatings, exportRatingsCsv } from "~/models/rating-export.server";
import { importRatings } from "~/models/rating-import.server";
import { ensureDefaultRubric } from "~/models/rubric.server";
import { loader as exportLoader } from "~/routes/calibration.export[.csv]";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil.example","x")',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "'=already quoted",
];
const HOSTILE_EMAIL = "+cmd@evil.test";
const folder = mkdtempSync(join(tmpdir(), "csv-injection-"));
let fresh: Connection;
let leadCookie: string;

beforeAll(async () => {
  const interviewer = await createUser({ email: HOSTILE_EMAIL, name: "=cmd()" });
  const lead = await createUser({ roles: ["lead"] });
  leadCookie = await sessionCookieFor(lead.id);
  for (const [k, name] of HOSTILE_NAMES.entries()) {
    const interview = createInterview({
      panel: [interviewer],
      candidateName: name,
      scheduledAt: new Date(Date.UTC(2026, 0, 10 + k)),
    });
    const card = getDb()
      .insert(t.scorecards)
      .values({
        interviewId: interview.id,
        interviewerId: interviewer.id,
        rubricVersionId: 1,
        variantKey: "default",
        status: "submitted",
        submittedAt: "2026-01-20T10:00:00Z",
        recommendation: "yes",
      })
      .returning()
      .get();
    getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score: 3 }).run();
  }
  fresh = openDatabase(join(folder, "fresh.db"));
  applyMigrations(fresh.db);
  ensureDefaultRubric(fresh.db);
});
afterAll(() => {
  fresh.sqlite.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Every cell of the CSV's data rows, as a spreadsheet would receive it. */
function cells(text: string): string[] {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.records.slice(1).flatMap((record) => record.fields);
}

describe("CSV export against formula injection", () => {
  it("/calibration/export.csv writes no cell that a spreadsheet would run as a formula", async () => {
    const response = await exportLoader({
      request: await request("/calibration/export.csv", { cookie: leadCookie }),
      params: {},
      context: {},
    });
    const text = await response.text();
    const all = cells(text);
    expect(all.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(all).toContain(`'${HOSTILE_EMAIL}`);
    expect(all.some((cell) => cell.startsWith(`'=HYPERLINK("http://evil.example","x") #`))).toBe(true);
    expect(all.some((cell) => cell.startsWith("''=already quoted #"))).toBe(true);
  });

  it("db:export's writer does the same, and calibrate's parser reads the original values back", () => {
    const text = exportRatingsCsv();
    expect(cells(text).filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const parsed = parseRatingsCsv(text);
    expect(parsed.ok && parsed.ratings).toEqual(exportRatings());
    expect(exportRatings().map((r) => r.interviewer)).toContain(HOSTILE_EMAIL);
  });

  it("db:import of the export keeps the hostile names and emails exactly", () => {
    const parsed = parseRatingsCsv(exportRatingsCsv());
    if (!parsed.ok) throw new Error(parsed.error.message);
    importRatings(parsed.ratings, { lines: parsed.lines, db: fresh.db, createPeople: true });
    const names = fresh.db
      .select({ name: t.candidates.name })
      .from(t.candidates)
      .all()
      .map((c) => c.name);
    // db:import trims a candidate label (its own rule, before and after this change): compare trimmed.
    expect(names.sort()).toEqual(HOSTILE_NAMES.map((name) => name.trim()).sort());
    // Not a user of the fresh database: an imported interviewer named after the email as written.
    const people = fresh.db
      .select({ name: t.users.name })
      .from(t.users)
      .all()
      .map((u) => u.name);
    expect(people).toContain(HOSTILE_EMAIL);
  });
});
