import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConnection, getDb, openDatabase, type Connection } from "~db/client";
import { applyMigrations } from "~db/migrate";
import * as t from "~db/schema";
import { seedDemo } from "~/seed/demo.server";
import { parseRatingsCsv, serializeRatingsCsv, type Rating } from "~/domain/calibration";
import {
  exportRatings,
  exportRatingsCsv,
  exportScorecardRedFlags,
  type RatingFilter,
} from "~/models/rating-export.server";
import { importedEmail, importRatings, RatingImportError, type ImportOptions } from "~/models/rating-import.server";
import { ensureDefaultRubric } from "~/models/rubric.server";
import { candidateLinks } from "~/models/calibration.server";
import { createInterview, createUser } from "../support/factories";

const NOW = new Date("2026-11-22T08:00:00Z");
const folder = mkdtempSync(join(tmpdir(), "rating-csv-"));
const opened: Connection[] = [];
afterAll(() => {
  for (const connection of opened) connection.sqlite.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A new migrated database file with rubric v1 and nothing else. */
function freshDatabase(name: string): Connection {
  const connection = openDatabase(join(folder, `${name}.db`));
  applyMigrations(connection.db);
  ensureDefaultRubric(connection.db);
  opened.push(connection);
  return connection;
}

/** Row counts of every table of the schema, e.g. { users: 13, ratings: 1888, ... }. */
function tableCounts(connection: Connection = getConnection()): Record<string, number> {
  const tables = connection.sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [name, connection.sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number]),
  );
}

/** Imports CSV text the way the CLI does: parsed, with each rating's line. */
function importCsv(text: string, opts: ImportOptions = {}) {
  const parsed = parseRatingsCsv(text);
  if (!parsed.ok) throw new Error(`test CSV does not parse: ${parsed.error.message}`);
  // These tests name interviewers the database does not know: they are about everything else.
  return importRatings(parsed.ratings, { lines: parsed.lines, createPeople: true, ...opts });
}

/** The thrown RatingImportError, as plain { line, message }. */
function refusal(work: () => unknown): { line: number | null; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof RatingImportError) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error("expected the import to be refused");
}

const HEADER = "candidate,interviewer,dimension,score,variant,level,date,recommendation,rubric_version";
const csv = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";
/** The export's header: the candidate's id travels in its own column, after the others. */
const EXPORT_HEADER = `${HEADER},candidate_id`;
const csvWithIds = (...rows: string[]) => [EXPORT_HEADER, ...rows].join("\n") + "\n";

/** Submitted ratings of real (not practice) interviews counted by hand-written SQL, with an extra condition on r, s, i, c. */
function sqlCount(condition = "1 = 1", params: unknown[] = []): number {
  return getConnection()
    .sqlite.prepare(
      `select count(*) from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
       join candidates c on c.id = i.candidate_id where s.status = 'submitted' and i.exemplar_id is null and ${condition}`,
    )
    .pluck()
    .get(...params) as number;
}

let userIds: Record<string, number>;
beforeAll(async () => {
  await seedDemo(getDb(), { now: NOW });
  userIds = Object.fromEntries(
    getDb()
      .select({ id: t.users.id, email: t.users.email })
      .from(t.users)
      .all()
      .map((u) => [u.email, u.id]),
  );
  // A draft with ratings, which no export may contain.
  const interviewer = await createUser({ email: "drafting@example.test" });
  const interview = createInterview({
    panel: [interviewer],
    scheduledAt: new Date("2026-09-01T10:00:00Z"),
    candidateName: "Draft Dana",
  });
  const card = getDb()
    .insert(t.scorecards)
    .values({ interviewId: interview.id, interviewerId: interviewer.id, rubricVersionId: 1, variantKey: "default" })
    .returning()
    .get();
  getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "ownership", score: 3 }).run();
}, 60_000); // the demo seed (with its debriefs) takes seconds on a loaded machine

describe("exportRatings", () => {
  it("gives one row per rating of a submitted scorecard, with the interview's variant, level, date, recommendation and rubric version", () => {
    const ratings = exportRatings();
    expect(ratings.length).toBeGreaterThan(1500);
    expect(ratings).toHaveLength(sqlCount());
    expect(ratings.some((r) => r.candidate.startsWith("Draft Dana"))).toBe(false);
    const row = getConnection()
      .sqlite.prepare(
        `select c.id, c.name, c.target_level, u.email, r.dimension_key, r.score, i.variant_key, i.scheduled_at, s.recommendation, s.rubric_version_id
         from ratings r join scorecards s on s.id = r.scorecard_id join interviews i on i.id = s.interview_id
         join candidates c on c.id = i.candidate_id join users u on u.id = s.interviewer_id
         where s.status = 'submitted' and i.exemplar_id is null order by i.scheduled_at, i.id, s.id, r.rowid limit 1`,
      )
      .get() as Record<string, string | number>;
    expect(ratings[0]).toEqual({
      candidate: `${row.name} #${row.id}`,
      candidateId: row.id,
      interviewer: row.email,
      dimension: row.dimension_key,
      score: row.score,
      variant: row.variant_key,
      level: row.target_level,
      date: String(row.scheduled_at).slice(0, 10),
      recommendation: row.recommendation,
      rubricVersion: String(row.rubric_version_id),
    });
    // Oldest first, each scorecard's ratings together in rubric order.
    const dates = ratings.map((r) => r.date!);
    expect([...dates].sort()).toEqual(dates);
    expect(ratings.slice(0, 4).map((r) => r.dimension)).toEqual([
      "ownership",
      "accountability",
      "repair",
      "behavioural_change",
    ]);
  });

  it("serializes with the calibration domain's CSV writer, which reads it back unchanged", () => {
    const text = exportRatingsCsv();
    expect(text.split("\r\n")[0]).toBe(EXPORT_HEADER);
    const parsed = parseRatingsCsv(text);
    expect(parsed.ok && parsed.ratings).toEqual(exportRatings());
  });

  describe("narrows by each filter exactly as SQL counts it", () => {
    const total = () => sqlCount();
    const cases: [string, () => RatingFilter, () => number, (r: Rating) => boolean][] = [
      [
        "from",
        () => ({ from: "2026-09-01" }),
        () => sqlCount("i.scheduled_at >= '2026-09-01'"),
        (r) => r.date! >= "2026-09-01",
      ],
      [
        "to (inclusive)",
        () => ({ to: "2026-08-31" }),
        () => sqlCount("substr(i.scheduled_at, 1, 10) <= '2026-08-31'"),
        (r) => r.date! <= "2026-08-31",
      ],
      [
        "from and to",
        () => ({ from: "2026-07-01", to: "2026-07-31" }),
        () => sqlCount("i.scheduled_at >= '2026-07-01' and i.scheduled_at < '2026-08-01'"),
        (r) => r.date!.startsWith("2026-07"),
      ],
      [
        "variants",
        () => ({ variants: ["amazon", "meta"] }),
        () => sqlCount("i.variant_key in ('amazon', 'meta')"),
        (r) => ["amazon", "meta"].includes(r.variant!),
      ],
      ["levels", () => ({ levels: ["staff"] }), () => sqlCount("c.target_level = 'staff'"), (r) => r.level === "staff"],
      [
        "interviewerIds",
        () => ({ interviewerIds: [userIds["jordan@demo.test"], userIds["casey@demo.test"]] }),
        () => sqlCount("s.interviewer_id in (?, ?)", [userIds["jordan@demo.test"], userIds["casey@demo.test"]]),
        (r) => ["jordan@demo.test", "casey@demo.test"].includes(r.interviewer),
      ],
      [
        "dimension",
        () => ({ dimension: "repair" }),
        () => sqlCount("r.dimension_key = 'repair'"),
        (r) => r.dimension === "repair",
      ],
      [
        "all at once",
        () => ({
          from: "2026-06-01",
          to: "2026-10-31",
          variants: ["amazon", "default", "meta"],
          levels: ["mid", "senior"],
          interviewerIds: [userIds["interviewer@demo.test"]],
          dimension: "ownership",
        }),
        () =>
          sqlCount(
            `i.scheduled_at >= '2026-06-01' and i.scheduled_at < '2026-11-01' and i.variant_key in ('amazon', 'default', 'meta')
             and c.target_level in ('mid', 'senior') and s.interviewer_id = ? and r.dimension_key = 'ownership'`,
            [userIds["interviewer@demo.test"]],
          ),
        (r) => r.interviewer === "interviewer@demo.test" && r.dimension === "ownership",
      ],
    ];
    it.each(cases)("%s", (_name, filter, expected, holds) => {
      const ratings = exportRatings(filter());
      expect(ratings).toHaveLength(expected());
      expect(ratings.length).toBeGreaterThan(0);
      expect(ratings.length).toBeLessThan(total());
      expect(ratings.every(holds)).toBe(true);
    });

    it("includes the whole last day of `to`, and an empty list matches nothing", () => {
      const lastDay = exportRatings()[exportRatings().length - 1].date!;
      expect(exportRatings({ from: lastDay, to: lastDay })).toHaveLength(
        sqlCount("substr(i.scheduled_at, 1, 10) = ?", [lastDay]),
      );
      expect(exportRatings({ from: lastDay, to: lastDay }).length).toBeGreaterThan(0);
      expect(exportRatings({ variants: [] })).toEqual([]);
      expect(exportRatings({ interviewerIds: [] })).toEqual([]);
    });

    it("refuses a malformed date", () => {
      expect(() => exportRatings({ from: "2026-02-30" })).toThrow(/not a yyyy-mm-dd date/);
      expect(() => exportRatings({ to: "yesterday" })).toThrow(/not a yyyy-mm-dd date/);
    });
  });

  it("lists red flags per submitted scorecard for the same scorecards and filter", () => {
    const count = (sql: string, params: unknown[] = []) =>
      getConnection()
        .sqlite.prepare(sql)
        .pluck()
        .get(...params) as number;
    const all = exportScorecardRedFlags();
    expect(all).toHaveLength(
      count(
        "select count(*) from scorecards s join interviews i on i.id = s.interview_id where s.status = 'submitted' and i.exemplar_id is null and exists (select 1 from ratings r where r.scorecard_id = s.id)",
      ),
    );
    expect(all.reduce((sum, card) => sum + card.redFlags, 0)).toBe(
      count(
        "select count(*) from raised_red_flags f join scorecards s on s.id = f.scorecard_id join interviews i on i.id = s.interview_id where s.status = 'submitted' and i.exemplar_id is null",
      ),
    );
    const filter: RatingFilter = { variants: ["amazon"], from: "2026-08-01" };
    const cards = exportScorecardRedFlags(filter);
    const pairs = new Set(exportRatings(filter).map((r) => `${r.candidate}|${r.interviewer}`));
    expect(new Set(cards.map((c) => `${c.candidate}|${c.interviewer}`))).toEqual(pairs);
    expect(cards.length).toBe(pairs.size);
  });
});

describe("importRatings", () => {
  it("round trip: the demo export imported into a fresh database exports the same rows, modulo ids and labels", () => {
    const original = exportRatings();
    const fresh = freshDatabase("round-trip");
    const before = tableCounts(fresh);
    const summary = importCsv(exportRatingsCsv(), { db: fresh.db });
    const cards = new Set(original.map((r) => `${r.candidate}|${r.interviewer}`)).size;
    const candidates = new Set(original.map((r) => r.candidate)).size;
    const interviewers = new Set(original.map((r) => r.interviewer)).size;
    expect(summary).toEqual({
      ratings: original.length,
      scorecards: cards,
      interviewsCreated: candidates,
      interviewsReused: 0,
      candidatesCreated: candidates,
      candidatesMatched: 0,
      interviewersCreated: interviewers,
      interviewersMatched: 0,
      rubricVersionFallbacks: 0,
      skippedScorecards: 0,
      skippedRatings: 0,
    });
    const after = tableCounts(fresh);
    expect(after.ratings - before.ratings).toBe(original.length);
    expect(after.scorecards - before.scorecards).toBe(cards);

    // The fresh database has none of the demo users: each became an imported user named after the email.
    const nameOf = new Map(
      fresh.db
        .select({ email: t.users.email, name: t.users.name })
        .from(t.users)
        .all()
        .map((u) => [u.email, u.name]),
    );
    const normalize = (ratings: Rating[], interviewer: (s: string) => string) =>
      ratings.map(({ candidateId, ...r }) => ({
        ...r,
        candidate: r.candidate.slice(0, -` #${candidateId}`.length),
        interviewer: interviewer(r.interviewer),
      }));
    const again = exportRatings({}, fresh.db);
    expect(again.every((r) => r.interviewer === importedEmail(nameOf.get(r.interviewer)!))).toBe(true);
    expect(normalize(again, (email) => nameOf.get(email)!)).toEqual(normalize(original, (email) => email));
    // Candidates keep their identity, not just their name: the same scorecards group the same rows.
    const grouping = (ratings: Rating[]) => {
      const ids = new Map<string, number>();
      return ratings.map((r) => ids.get(r.candidate) ?? (ids.set(r.candidate, ids.size), ids.size - 1));
    };
    expect(grouping(again)).toEqual(grouping(original));

    // The fresh database's own export names its rows exactly, so importing it there again is refused.
    const before2 = tableCounts(fresh);
    expect(refusal(() => importCsv(serializeRatingsCsv(again), { db: fresh.db }))).toEqual({
      line: 2,
      message: `${again[0].interviewer} already rated ${again[0].candidate} on ${again[0].dimension} in the database`,
    });
    expect(tableCounts(fresh)).toEqual(before2);
  });

  it("maps existing emails and candidate labels onto existing rows, and creates what is new", () => {
    const fresh = freshDatabase("mapping");
    const lead = fresh.db
      .insert(t.users)
      .values({ email: "lead@corp.test", name: "Lee", passwordHash: "x" })
      .returning()
      .get();
    const known = fresh.db.insert(t.candidates).values({ name: "Known Kim", targetLevel: "senior" }).returning().get();
    const text = csvWithIds(
      `Known Kim #${known.id},LEAD@corp.test,ownership,3,amazon,senior,2026-03-02,yes,1,${known.id}`,
      `Known Kim #${known.id},Old Timer,ownership,2,amazon,,2026-03-02,no,1,${known.id}`,
      `Known Kim #${known.id},Old Timer,repair,2,amazon,,2026-03-02,no,1,${known.id}`,
      `Known Kim #999,Old Timer,ownership,4,meta,staff,2026-03-03,strong_yes,7,999`,
      `Known Kim,Old Timer,ownership,1,default,,2026-03-04,strong_no,,`,
    );
    const summary = importCsv(text, { db: fresh.db, actorId: lead.id });
    expect(summary).toMatchObject({
      ratings: 5,
      scorecards: 4,
      interviewsCreated: 3,
      candidatesCreated: 2,
      candidatesMatched: 1,
      interviewersCreated: 1,
      interviewersMatched: 1,
      rubricVersionFallbacks: 1,
    });
    const imported = fresh.db
      .select()
      .from(t.users)
      .where(eq(t.users.email, importedEmail("Old Timer")))
      .get()!;
    expect(imported).toMatchObject({ name: "Old Timer", active: false, passwordHash: "!" });
    expect(imported.email).toMatch(/^imported\+old-timer\.[0-9a-f]{8}@import\.invalid$/);
    expect(fresh.db.select().from(t.userRoles).where(eq(t.userRoles.userId, imported.id)).all()).toEqual([
      { userId: imported.id, role: "interviewer" },
    ]);
    const newCandidates = fresh.db
      .select()
      .from(t.candidates)
      .all()
      .filter((c) => c.id !== known.id);
    expect(newCandidates.map((c) => [c.name, c.targetLevel])).toEqual([
      ["Known Kim", "staff"],
      ["Known Kim", "mid"],
    ]);
    const exported = exportRatings({ from: "2026-03-02", to: "2026-03-02" }, fresh.db);
    expect(exported.map((r) => [r.candidate, r.candidateId, r.interviewer, r.dimension, r.recommendation])).toEqual([
      [`Known Kim #${known.id}`, known.id, "lead@corp.test", "ownership", "yes"],
      [`Known Kim #${known.id}`, known.id, imported.email, "ownership", "no"],
      [`Known Kim #${known.id}`, known.id, imported.email, "repair", "no"],
    ]);
    const card = fresh.db.select().from(t.scorecards).where(eq(t.scorecards.interviewerId, lead.id)).get()!;
    expect(card).toMatchObject({
      status: "submitted",
      rubricVersionId: 1,
      variantKey: "amazon",
      recommendation: "yes",
      weightedScore: 3,
    });
    expect(card.submittedAt).toBe("2026-03-02T12:00:00.000Z");
    const audit = fresh.db.select().from(t.auditLog).where(eq(t.auditLog.action, "ratings.imported")).all();
    expect(audit).toEqual([
      expect.objectContaining({ actorId: lead.id, entity: "ratings", detail: expect.objectContaining({ count: 5 }) }),
    ]);

    // A second import: the same interviewer string finds the imported user, and the interview of the
    // same candidate, variant and day is reused; a second scorecard by one interviewer on it is refused.
    const second = importCsv(
      csvWithIds(
        `Known Kim #${known.id},Fresh Face,accountability,3,amazon,senior,2026-03-02,no,1,${known.id}`,
        `Known Kim #${known.id},Old Timer,accountability,3,amazon,senior,2026-03-05,no,1,${known.id}`,
      ),
      { db: fresh.db },
    );
    expect(second).toMatchObject({
      interviewersCreated: 1,
      interviewersMatched: 1,
      interviewsCreated: 1,
      interviewsReused: 1,
      candidatesMatched: 1,
    });
    const panel = fresh.db
      .select()
      .from(t.panelAssignments)
      .where(eq(t.panelAssignments.interviewId, card.interviewId))
      .all();
    expect(panel).toHaveLength(3);
    expect(
      refusal(() =>
        importCsv(
          csvWithIds(`Known Kim #${known.id},Old Timer,behavioural_change,3,amazon,,2026-03-02,no,1,${known.id}`),
          {
            db: fresh.db,
          },
        ),
      ),
    ).toEqual({
      line: 2,
      // That scorecard came from the import above: another row for it is the same file again.
      message:
        "1 scorecard was imported before (this is the first); nothing was imported. Pass --skip-existing to import only the rest",
    });
  });

  it("never reads an id out of the candidate text: a name holding ' #<id>' is its own candidate", () => {
    const fresh = freshDatabase("hash-in-name");
    const ana = fresh.db.insert(t.candidates).values({ name: "Ana", targetLevel: "senior" }).returning().get();
    const team = fresh.db
      .insert(t.candidates)
      .values({ name: `Ana #${ana.id}`, targetLevel: "mid" })
      .returning()
      .get();
    // No candidate_id: the text "Ana #<ana.id>" is a name, not Ana (the old label parsing matched Ana).
    const plain = importCsv(csv(`Ana #${ana.id},Old Timer,ownership,3,default,,2026-03-02,no,1`), { db: fresh.db });
    expect(plain).toMatchObject({ candidatesCreated: 1, candidatesMatched: 0 });
    // With candidate_id, the export's label of a name that itself holds " #<id>" finds that candidate.
    const labelled = importCsv(
      csvWithIds(`Ana #${ana.id} #${team.id},Old Timer,ownership,2,default,,2026-03-03,no,1,${team.id}`),
      { db: fresh.db },
    );
    expect(labelled).toMatchObject({ candidatesCreated: 0, candidatesMatched: 1 });
    const rows = exportRatings({}, fresh.db).map((r) => [r.candidate, r.candidateId, r.date]);
    const created = fresh.db.select().from(t.candidates).all().at(-1)!;
    expect(created.name).toBe(`Ana #${ana.id}`);
    expect(rows).toEqual([
      [`Ana #${ana.id} #${created.id}`, created.id, "2026-03-02"],
      [`Ana #${ana.id} #${team.id}`, team.id, "2026-03-03"],
    ]);
  });

  it("is all or nothing: a bad row at the end leaves every table as it was", () => {
    const good = exportRatings({ variants: ["meta"] }).map((r) => ({ ...r, candidate: `New ${r.candidate}` }));
    const text = serializeRatingsCsv([...good, { ...good[0], candidate: "Last Row", dimension: "charm" }]);
    const before = tableCounts();
    expect(refusal(() => importCsv(text))).toEqual({
      line: good.length + 2,
      message: 'unknown dimension "charm" (rubric version 1 has ownership, accountability, repair, behavioural_change)',
    });
    expect(tableCounts()).toEqual(before);
    expect(before.ratings).toBeGreaterThan(0);
  });

  it("is all or nothing when the writing itself fails part-way (here: the progress callback throws)", () => {
    const good = exportRatings({ variants: ["amazon"] }).map((r) => ({ ...r, candidate: `Fresh ${r.candidate}` }));
    expect(good.length).toBeGreaterThan(100);
    const before = tableCounts();
    const calls: [number, number][] = [];
    expect(() =>
      importRatings(good, {
        createPeople: true,
        progressEvery: 50,
        onProgress: (done, total) => {
          calls.push([done, total]);
          if (done >= 100) throw new Error("disk on fire");
        },
      }),
    ).toThrow("disk on fire");
    expect(calls).toEqual([
      [50, good.length],
      [100, good.length],
    ]);
    expect(tableCounts()).toEqual(before);
  });

  it("reports progress every N rows and once at the end", () => {
    const fresh = freshDatabase("progress");
    const ratings = exportRatings({ levels: ["mid"] });
    const calls: number[] = [];
    importRatings(ratings, {
      db: fresh.db,
      createPeople: true,
      progressEvery: 100,
      onProgress: (done, total) => (expect(total).toBe(ratings.length), calls.push(done)),
    });
    const expected = Array.from({ length: Math.ceil(ratings.length / 100) - 1 }, (_, k) => (k + 1) * 100);
    expect(calls).toEqual([...expected, ratings.length]);
  });

  it("refuses a duplicate in the file with both line numbers, also when spelled differently", () => {
    const before = tableCounts();
    expect(
      refusal(() =>
        importCsv(
          csv(
            "Dup Dee,jordan@demo.test,ownership,3,default,mid,2026-01-05,yes,1",
            "Dup Dee,jordan@demo.test,repair,3,default,mid,2026-01-05,yes,1",
            "Dup Dee,Jordan@Demo.test,ownership,2,default,mid,2026-01-05,yes,1",
          ),
        ),
      ),
    ).toEqual({ line: 4, message: "Jordan@Demo.test rated Dup Dee on ownership twice (first on line 2)" });
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a rating the database already holds, with its line number", () => {
    const stored = exportRatings({ dimension: "repair" })[10];
    const before = tableCounts();
    const row = serializeRatingsCsv([{ ...stored, dimension: "ownership", date: "2020-01-01" }, stored])
      .split("\r\n")
      .slice(1)
      .join("\n");
    expect(refusal(() => importCsv(`${EXPORT_HEADER}\n${row}`))).toMatchObject({ line: 2 });
    expect(refusal(() => importCsv(`${EXPORT_HEADER}\n${row}`)).message).toBe(
      `${stored.interviewer} already rated ${stored.candidate} on ownership in the database`,
    );
    expect(tableCounts()).toEqual(before);
  });

  it.each([
    ["an unknown dimension", "X,a@b.test,charm,3,default,mid,2026-01-05,yes,1", 'unknown dimension "charm"'],
    [
      "an unknown variant",
      "X,a@b.test,repair,3,google,mid,2026-01-05,yes,1",
      'unknown variant "google" (rubric version 1 has default, amazon',
    ],
    [
      "a score off the rubric's scale",
      "X,a@b.test,repair,5,default,mid,2026-01-05,yes,1",
      "score 5 is outside the scale 1-4",
    ],
    [
      "an unknown level",
      "X,a@b.test,repair,3,default,staff+,2026-01-05,yes,1",
      'level "staff+" is not one of mid, senior, staff',
    ],
    ["a missing date", "X,a@b.test,repair,3,default,mid,,yes,1", "date is missing"],
    [
      "two levels for one new candidate",
      "X,a@b.test,repair,3,default,senior,2026-01-05,yes,1",
      'level "senior" differs from line 2 ("mid") for X',
    ],
    [
      "two recommendations on one scorecard",
      "X,a@b.test,repair,3,default,mid,2026-01-05,no,1",
      'recommendation "no" differs from line 2 ("yes") on the same scorecard',
    ],
  ])("refuses %s with its line number and changes nothing", (_name, row, message) => {
    const before = tableCounts();
    const error = refusal(() => importCsv(csv("X,a@b.test,ownership,3,default,mid,2026-01-05,yes,1", row)));
    expect(error.line).toBe(3);
    expect(error.message).toContain(message);
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a level that disagrees with an existing candidate's", () => {
    const stored = exportRatings()[0];
    const other = stored.level === "mid" ? "staff" : "mid";
    const error = refusal(() =>
      importCsv(
        csvWithIds(
          `${stored.candidate},someone@new.test,ownership,3,default,${other},2019-01-01,yes,1,${stored.candidateId}`,
        ),
      ),
    );
    expect(error).toEqual({
      line: 2,
      message: `level "${other}" differs from ${stored.candidate}'s level in the database ("${stored.level}")`,
    });
  });
});

describe("candidateLinks", () => {
  it("finds each candidate by id, with its current label and newest interview, whatever the name holds", () => {
    const first = createInterview({ panel: [], candidateName: "Sam" });
    const second = createInterview({ panel: [], candidateName: `Sam #${first.candidateId}` });
    const newer = createInterview({ panel: [], candidateName: "Sam" });
    getDb().update(t.interviews).set({ candidateId: first.candidateId }).where(eq(t.interviews.id, newer.id)).run();
    expect(candidateLinks([first.candidateId, second.candidateId, null, undefined, 999_999])).toEqual({
      [first.candidateId]: { label: `Sam #${first.candidateId}`, interviewId: newer.id },
      [second.candidateId]: { label: `Sam #${first.candidateId} #${second.candidateId}`, interviewId: second.id },
    });
  });
});
