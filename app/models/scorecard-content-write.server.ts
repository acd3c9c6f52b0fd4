import { preparedOnce } from "~db/client";
import type { ScorecardContent } from "~/domain/scorecard-content";

// A save writes only what changed, as a diff against the rows stored: an autosave usually changes
// one rating or one note, and rewriting every rating, flag, STAR tick and note (~15 rows, each
// rating through the scale triggers) on every keystroke burst was most of a save's cost. Reading
// the four short lists back by their scorecard id is cheaper than any one of those writes.

// Plain SQL prepared once per connection, lists read as bare values: drizzle's per-row mapping
// of four lists on every autosave was a good share of the save.
const prepare = (text: string) => preparedOnce((db) => db.$client.prepare(text));
const list = (text: string) => preparedOnce((db) => db.$client.prepare(text).pluck());
const q = {
  ratings: prepare(
    "select dimension_key as dimension, score, cap_justification as justification from ratings where scorecard_id = ?",
  ),
  insertRating: prepare(
    "insert into ratings (scorecard_id, dimension_key, score, cap_justification) values (?, ?, ?, ?)",
  ),
  updateRating: prepare(
    "update ratings set score = ?, cap_justification = ? where scorecard_id = ? and dimension_key = ?",
  ),
  deleteRating: prepare("delete from ratings where scorecard_id = ? and dimension_key = ?"),
  flags: list("select flag_key from raised_red_flags where scorecard_id = ?"),
  insertFlag: prepare("insert into raised_red_flags (scorecard_id, flag_key) values (?, ?)"),
  deleteFlag: prepare("delete from raised_red_flags where scorecard_id = ? and flag_key = ?"),
  star: list("select star_key from star_ticks where scorecard_id = ?"),
  insertStar: prepare("insert into star_ticks (scorecard_id, star_key) values (?, ?)"),
  deleteStar: prepare("delete from star_ticks where scorecard_id = ? and star_key = ?"),
  notes: prepare(
    "select client_id as clientId, dimension_key as dimension, elapsed_seconds as elapsed, text from evidence_notes where scorecard_id = ?",
  ),
  // A note already stored (read just above, in the same transaction) is updated in place; only a
  // new one is inserted. An upsert for every edit first tried the insert (the AUTOINCREMENT
  // sequence, the foreign key, the unique index) before falling back to the update.
  insertNote: prepare(
    "insert into evidence_notes (scorecard_id, client_id, dimension_key, elapsed_seconds, text) values (?, ?, ?, ?, ?)",
  ),
  updateNote: prepare(
    "update evidence_notes set dimension_key = ?, elapsed_seconds = ?, text = ? where scorecard_id = ? and client_id = ?",
  ),
  deleteNote: prepare("delete from evidence_notes where scorecard_id = ? and client_id = ?"),
};

interface StoredRating {
  dimension: string;
  score: number;
  justification: string;
}
interface StoredNote {
  clientId: string;
  dimension: string;
  elapsed: number;
  text: string;
}

/** Makes the stored keys of one list equal to `wanted`: deletes the extra ones, inserts the missing ones. */
function syncKeys(
  stored: string[],
  wanted: Iterable<string>,
  insert: (key: string) => void,
  remove: (key: string) => void,
) {
  const want = new Set(wanted);
  const have = new Set(stored);
  for (const key of have) if (!want.has(key)) remove(key);
  for (const key of want) if (!have.has(key)) insert(key);
}

/**
 * Makes what the scorecard holds equal to this content (ratings, flags, STAR ticks, notes),
 * touching only the rows that differ. Run inside the caller's write transaction.
 */
export function writeContent(id: number, content: ScorecardContent): void {
  const ratings = new Map((q.ratings().all(id) as StoredRating[]).map((r) => [r.dimension, r]));
  const wanted = new Map<string, { score: number; justification: string }>();
  for (const [dimension, score] of Object.entries(content.ratings)) {
    if (score == null) continue;
    wanted.set(dimension, { score, justification: content.capJustifications[dimension] ?? "" });
  }
  for (const dimension of ratings.keys()) if (!wanted.has(dimension)) q.deleteRating().run(id, dimension);
  for (const [dimension, { score, justification }] of wanted) {
    const stored = ratings.get(dimension);
    if (!stored) q.insertRating().run(id, dimension, score, justification);
    else if (stored.score !== score || stored.justification !== justification)
      q.updateRating().run(score, justification, id, dimension);
  }

  syncKeys(
    q.flags().all(id) as string[],
    content.redFlags,
    (key) => q.insertFlag().run(id, key),
    (key) => q.deleteFlag().run(id, key),
  );
  syncKeys(
    q.star().all(id) as string[],
    content.star,
    (key) => q.insertStar().run(id, key),
    (key) => q.deleteStar().run(id, key),
  );

  const notes = new Map((q.notes().all(id) as StoredNote[]).map((n) => [n.clientId, n]));
  const keep = new Set(content.notes.map((n) => n.id));
  for (const clientId of notes.keys()) if (!keep.has(clientId)) q.deleteNote().run(id, clientId);
  for (const n of content.notes) {
    const stored = notes.get(n.id);
    if (stored && stored.dimension === n.dimension && stored.elapsed === n.elapsedSeconds && stored.text === n.text)
      continue;
    if (stored) q.updateNote().run(n.dimension, n.elapsedSeconds, n.text, id, n.id);
    else q.insertNote().run(id, n.id, n.dimension, n.elapsedSeconds, n.text);
    // A repeated id (never from a validated draft) ends as the last one: its second copy updates the first.
    notes.set(n.id, { clientId: n.id, dimension: n.dimension, elapsed: n.elapsedSeconds, text: n.text });
  }
}
