// The storage floor of the "autosave" bench section: a bare node:http server that does, for each
// POST, the SQLite work of one autosave and nothing else — no express, no Remix, no session, no
// zod. Run as a child process by autosave-floors.ts:
//   PORT=... DATABASE_PATH=... tsx tests/bench/autosave-raw-server.ts
// POST /save?interview=ID&user=ID with the autosave's JSON body. Prints "listening on PORT".
//
// It mirrors saveScorecard (app/models/scorecard-save.server.ts) as it was before its writes
// became a diff, statement for statement: the same connection pragmas as db/client.ts, one BEGIN IMMEDIATE transaction that reads the scorecard,
// checks the base revision, updates the row (revision + 1, timer, recommendation, updated_at),
// replaces ratings, red flags and STAR ticks (delete + insert), deletes the notes no longer sent
// and upserts the rest, then reads the stored state back as toState does. Left out, because they
// are the app's and not storage's: the session lookup, the panel check, the read of the stored
// scorecard before validation, zod, and the weighted score.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Database from "better-sqlite3";

const path = process.env.DATABASE_PATH;
const port = Number(process.env.PORT);
if (!path) throw new Error("DATABASE_PATH must be set");
if (!Number.isInteger(port) || port <= 0) throw new Error("PORT must be set");

const db = new Database(path, { fileMustExist: true });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

interface CardRow {
  id: number;
  status: string;
  revision: number;
  timer_elapsed_ms: number;
  timer_running_since: number | null;
  updated_at: string;
}

const s = {
  card: db.prepare("select * from scorecards where interview_id = ? and interviewer_id = ?"),
  insertCard: db.prepare(
    "insert into scorecards (interview_id, interviewer_id, rubric_version_id, variant_key) values (?, ?, ?, ?) returning *",
  ),
  updateCard: db.prepare(
    `update scorecards set revision = revision + 1, recommendation = @recommendation,
       recommendation_justification = @recommendationJustification, timer_elapsed_ms = @timerElapsedMs,
       timer_running_since = @timerRunningSince, status = 'draft', weighted_score = null, submitted_at = null,
       updated_at = @now
     where id = @id returning *`,
  ),
  ratings: db.prepare("select * from ratings where scorecard_id = ?"),
  flags: db.prepare("select * from raised_red_flags where scorecard_id = ?"),
  star: db.prepare("select * from star_ticks where scorecard_id = ?"),
  notes: db.prepare("select * from evidence_notes where scorecard_id = ? order by elapsed_seconds, id"),
  deleteRatings: db.prepare("delete from ratings where scorecard_id = ?"),
  insertRating: db.prepare(
    "insert into ratings (scorecard_id, dimension_key, score, cap_justification) values (?, ?, ?, ?)",
  ),
  deleteFlags: db.prepare("delete from raised_red_flags where scorecard_id = ?"),
  insertFlag: db.prepare("insert into raised_red_flags (scorecard_id, flag_key) values (?, ?)"),
  deleteStar: db.prepare("delete from star_ticks where scorecard_id = ?"),
  insertStar: db.prepare("insert into star_ticks (scorecard_id, star_key) values (?, ?)"),
  deleteNotesExcept: db.prepare(
    "delete from evidence_notes where scorecard_id = ? and client_id not in (select value from json_each(?))",
  ),
  upsertNote: db.prepare(
    `insert into evidence_notes (scorecard_id, client_id, dimension_key, elapsed_seconds, text) values (?, ?, ?, ?, ?)
     on conflict (scorecard_id, client_id) do update set dimension_key = excluded.dimension_key,
       elapsed_seconds = excluded.elapsed_seconds, text = excluded.text`,
  ),
};

interface Draft {
  baseRevision: number;
  rubricVersionId: number;
  ratings: Record<string, number | null>;
  capJustifications?: Record<string, string>;
  redFlags: string[];
  star: string[];
  recommendation: string | null;
  recommendationJustification: string;
  notes?: { id: string; dimension: string; elapsedSeconds: number; text: string }[];
  timer?: { elapsedMs: number; runningSince: number | null };
}

type Outcome = { kind: "saved"; revision: number; savedAt: string } | { kind: "stale"; revision: number };

function readBack(card: CardRow) {
  // What toState reads after the update.
  return {
    card,
    ratings: s.ratings.all(card.id),
    flags: s.flags.all(card.id),
    star: s.star.all(card.id),
    notes: s.notes.all(card.id),
  };
}

const save = db.transaction((interviewId: number, userId: number, draft: Draft): Outcome => {
  let card = s.card.get(interviewId, userId) as CardRow | undefined;
  if (!card) {
    if (draft.baseRevision !== 0) return { kind: "stale", revision: 0 };
    card = s.insertCard.get(interviewId, userId, draft.rubricVersionId, "default") as CardRow;
  }
  if (card.revision !== draft.baseRevision) return { kind: "stale", revision: readBack(card).card.revision };
  const now = new Date().toISOString();
  const timer = draft.timer ?? { elapsedMs: card.timer_elapsed_ms, runningSince: card.timer_running_since };
  const updated = s.updateCard.get({
    id: card.id,
    recommendation: draft.recommendation,
    recommendationJustification: draft.recommendationJustification,
    timerElapsedMs: timer.elapsedMs,
    timerRunningSince: timer.runningSince,
    now,
  }) as CardRow;
  const id = card.id;
  s.deleteRatings.run(id);
  for (const [dimension, score] of Object.entries(draft.ratings)) {
    if (score == null) continue;
    s.insertRating.run(id, dimension, score, draft.capJustifications?.[dimension] ?? "");
  }
  s.deleteFlags.run(id);
  for (const key of new Set(draft.redFlags)) s.insertFlag.run(id, key);
  s.deleteStar.run(id);
  for (const key of new Set(draft.star)) s.insertStar.run(id, key);
  if (draft.notes) {
    s.deleteNotesExcept.run(id, JSON.stringify(draft.notes.map((n) => n.id)));
    for (const n of draft.notes) s.upsertNote.run(id, n.id, n.dimension, n.elapsedSeconds, n.text);
  }
  const state = readBack(updated);
  return { kind: "saved", revision: state.card.revision, savedAt: state.card.updated_at };
});

function reply(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method !== "POST" || url.pathname !== "/save") return reply(res, 404, { error: "not found" });
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      const draft = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Draft;
      const outcome = save.immediate(
        Number(url.searchParams.get("interview")),
        Number(url.searchParams.get("user")),
        draft,
      );
      if (outcome.kind === "stale")
        return reply(res, 409, { autosave: true, conflict: true, state: { revision: outcome.revision } });
      reply(res, 200, { autosave: true, revision: outcome.revision, savedAt: outcome.savedAt, submitted: false });
    } catch (error) {
      reply(res, 500, { error: String(error) });
    }
  });
}

const server = createServer(handle).listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  db.close();
  process.exit(0);
});
