// A save writes only what changed: the rows of a scorecard that a save leaves as they were are
// not deleted and inserted again (issue #16: an autosave rewrote every rating, flag, STAR tick and
// note). Watched with temporary triggers that log every write to those four tables.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { getOwnScorecard } from "~/models/scorecard.server";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";

type Json = Record<string, unknown>;
let cookie: string;
let userId: number;
let interviewId: number;

const TABLES = {
  ratings: "dimension_key",
  raised_red_flags: "flag_key",
  star_ticks: "star_key",
  evidence_notes: "client_id",
};

beforeEach(async () => {
  const me = await createUser();
  userId = me.id;
  interviewId = createInterview({ panel: [me] }).id;
  cookie = await sessionCookieFor(me.id);
  const sqlite = getDb().$client;
  sqlite.exec("create temp table if not exists write_log (tbl text, op text, key text)");
  for (const [table, key] of Object.entries(TABLES)) {
    sqlite.exec(
      `create temp trigger if not exists log_${table}_i after insert on main.${table} begin insert into write_log values ('${table}', 'insert', new.${key}); end`,
    );
    sqlite.exec(
      `create temp trigger if not exists log_${table}_u after update on main.${table} begin insert into write_log values ('${table}', 'update', new.${key}); end`,
    );
    sqlite.exec(
      `create temp trigger if not exists log_${table}_d after delete on main.${table} begin insert into write_log values ('${table}', 'delete', old.${key}); end`,
    );
  }
});
afterEach(() => {
  const sqlite = getDb().$client;
  for (const table of Object.keys(TABLES))
    for (const op of ["i", "u", "d"]) sqlite.exec(`drop trigger if exists temp.log_${table}_${op}`);
  sqlite.exec("drop table if exists temp.write_log");
});

const writes = () => getDb().$client.prepare("select tbl, op, key from write_log order by rowid").all();
const clearLog = () => getDb().$client.exec("delete from write_log");

const notes = [
  { id: "note-1", dimension: "ownership", elapsedSeconds: 95, text: "Said 'I assumed' — first person." },
  { id: "note-2", dimension: "repair", elapsedSeconds: 240, text: "Apologised to the on-call engineer directly." },
  { id: "note-3", dimension: "accountability", elapsedSeconds: 300, text: "Named the root cause without blaming." },
];
const draft = (baseRevision: number, over: Json = {}): Json => ({
  intent: "save",
  baseRevision,
  rubricVersionId: 1,
  ratings: { ownership: 3, accountability: 2, repair: 3, behavioural_change: 2 },
  capJustifications: {},
  redFlags: ["passive_voice", "generic_lesson"],
  star: ["situation", "task", "action"],
  recommendation: "yes",
  recommendationJustification: "Owned it early.",
  notes,
  timer: { elapsedMs: 120_000, runningSince: null },
  ...over,
});

async function save(body: Json) {
  const res = (await action({
    request: new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
    params: { interviewId: String(interviewId) },
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
  return (await res.json()) as { revision: number };
}

describe("a save writes only what changed", () => {
  it("one rating and one note changed: one update each, nothing else rewritten", async () => {
    const first = await save(draft(0));
    expect(writes()).toHaveLength(4 + 2 + 3 + 3); // the first save inserts everything
    clearLog();
    const edited = notes.map((n) => (n.id === "note-2" ? { ...n, text: `${n.text} Then fixed the runbook.` } : n));
    await save(
      draft(first.revision, {
        ratings: { ownership: 3, accountability: 4, repair: 3, behavioural_change: 2 },
        notes: edited,
      }),
    );
    expect(writes()).toEqual([
      { tbl: "ratings", op: "update", key: "accountability" },
      { tbl: "evidence_notes", op: "update", key: "note-2" },
    ]);
    const stored = getOwnScorecard(interviewId, userId)!;
    expect(stored.ratings).toEqual({ ownership: 3, accountability: 4, repair: 3, behavioural_change: 2 });
    expect(stored.notes.map((n) => n.text)).toEqual(edited.map((n) => n.text));
  });

  it("removals and additions touch only those rows, and the stored card equals the draft", async () => {
    const first = await save(draft(0));
    clearLog();
    await save(
      draft(first.revision, {
        ratings: { ownership: 3, accountability: 2, repair: null, behavioural_change: 2 },
        redFlags: ["passive_voice"],
        star: ["situation", "task", "action", "result"],
        notes: [notes[0], notes[2], { id: "note-4", dimension: "repair", elapsedSeconds: 400, text: "A new note." }],
      }),
    );
    expect(writes()).toEqual(
      expect.arrayContaining([
        { tbl: "ratings", op: "delete", key: "repair" },
        { tbl: "raised_red_flags", op: "delete", key: "generic_lesson" },
        { tbl: "star_ticks", op: "insert", key: "result" },
        { tbl: "evidence_notes", op: "delete", key: "note-2" },
        { tbl: "evidence_notes", op: "insert", key: "note-4" },
      ]),
    );
    expect(writes()).toHaveLength(5);
    const stored = getOwnScorecard(interviewId, userId)!;
    expect(stored.ratings).toEqual({ ownership: 3, accountability: 2, behavioural_change: 2 });
    expect(stored.redFlags).toEqual(["passive_voice"]);
    expect([...stored.star].sort()).toEqual(["action", "result", "situation", "task"]);
    expect(stored.notes.map((n) => n.id)).toEqual(["note-1", "note-3", "note-4"]);
  });

  it("a save that changes nothing in the lists writes none of their rows", async () => {
    const first = await save(draft(0));
    clearLog();
    const second = await save(
      draft(first.revision, { recommendationJustification: "Owned it early and repaired it." }),
    );
    expect(second.revision).toBe(first.revision + 1);
    expect(writes()).toEqual([]);
  });
});
