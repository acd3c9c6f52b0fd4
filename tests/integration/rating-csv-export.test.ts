// The ratings export (and the candidate lookup by label) on the demo organisation: rows and filters as SQL counts them.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getConnection, getDb } from "~db/client";
import * as t from "~db/schema";
import { parseRatingsCsv, type Rating } from "~/domain/calibration";
import {
  exportRatings,
  exportRatingsCsv,
  exportScorecardRedFlags,
  type RatingFilter,
} from "~/models/rating-export.server";
import { candidateLinks } from "~/models/calibration.server";
import { createInterview } from "../support/factories";
import { userIds, useRatingCsvDemo, EXPORT_HEADER, sqlCount } from "../support/rating-csv";

useRatingCsvDemo();

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
