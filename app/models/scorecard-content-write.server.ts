import { and, eq, sql } from "drizzle-orm";
import { preparedOnce } from "~db/client";
import * as t from "~db/schema";
import type { ScorecardContent } from "~/domain/scorecard-content";

// A save writes only what changed, as a diff against the rows stored: an autosave usually changes
// one rating or one note, and rewriting every rating, flag, STAR tick and note (~15 rows, each
// rating through the scale triggers) on every keystroke burst was most of a save's cost. Reading
// the four short lists back by their scorecard id is cheaper than any one of those writes.

const p = sql.placeholder;

const q = {
  ratings: preparedOnce((db) =>
    db
      .select({ dimension: t.ratings.dimensionKey, score: t.ratings.score, justification: t.ratings.capJustification })
      .from(t.ratings)
      .where(eq(t.ratings.scorecardId, p("id")))
      .prepare(),
  ),
  insertRating: preparedOnce((db) =>
    db
      .insert(t.ratings)
      .values({
        scorecardId: p("id"),
        dimensionKey: p("dimension"),
        score: p("score"),
        capJustification: p("justification"),
      })
      .prepare(),
  ),
  updateRating: preparedOnce((db) =>
    db
      .update(t.ratings)
      .set({ score: sql`${p("score")}`, capJustification: sql`${p("justification")}` })
      .where(and(eq(t.ratings.scorecardId, p("id")), eq(t.ratings.dimensionKey, p("dimension"))))
      .prepare(),
  ),
  deleteRating: preparedOnce((db) =>
    db
      .delete(t.ratings)
      .where(and(eq(t.ratings.scorecardId, p("id")), eq(t.ratings.dimensionKey, p("dimension"))))
      .prepare(),
  ),
  flags: preparedOnce((db) =>
    db
      .select({ key: t.raisedRedFlags.flagKey })
      .from(t.raisedRedFlags)
      .where(eq(t.raisedRedFlags.scorecardId, p("id")))
      .prepare(),
  ),
  insertFlag: preparedOnce((db) =>
    db
      .insert(t.raisedRedFlags)
      .values({ scorecardId: p("id"), flagKey: p("key") })
      .prepare(),
  ),
  deleteFlag: preparedOnce((db) =>
    db
      .delete(t.raisedRedFlags)
      .where(and(eq(t.raisedRedFlags.scorecardId, p("id")), eq(t.raisedRedFlags.flagKey, p("key"))))
      .prepare(),
  ),
  star: preparedOnce((db) =>
    db
      .select({ key: t.starTicks.starKey })
      .from(t.starTicks)
      .where(eq(t.starTicks.scorecardId, p("id")))
      .prepare(),
  ),
  insertStar: preparedOnce((db) =>
    db
      .insert(t.starTicks)
      .values({ scorecardId: p("id"), starKey: p("key") })
      .prepare(),
  ),
  deleteStar: preparedOnce((db) =>
    db
      .delete(t.starTicks)
      .where(and(eq(t.starTicks.scorecardId, p("id")), eq(t.starTicks.starKey, p("key"))))
      .prepare(),
  ),
  notes: preparedOnce((db) =>
    db
      .select({
        clientId: t.evidenceNotes.clientId,
        dimension: t.evidenceNotes.dimensionKey,
        elapsed: t.evidenceNotes.elapsedSeconds,
        text: t.evidenceNotes.text,
      })
      .from(t.evidenceNotes)
      .where(eq(t.evidenceNotes.scorecardId, p("id")))
      .prepare(),
  ),
  upsertNote: preparedOnce((db) =>
    db
      .insert(t.evidenceNotes)
      .values({
        scorecardId: p("id"),
        clientId: p("clientId"),
        dimensionKey: p("dimension"),
        elapsedSeconds: p("elapsed"),
        text: p("text"),
      })
      .onConflictDoUpdate({
        target: [t.evidenceNotes.scorecardId, t.evidenceNotes.clientId],
        set: {
          dimensionKey: sql`excluded.dimension_key`,
          elapsedSeconds: sql`excluded.elapsed_seconds`,
          text: sql`excluded.text`,
        },
      })
      .prepare(),
  ),
  deleteNote: preparedOnce((db) =>
    db
      .delete(t.evidenceNotes)
      .where(and(eq(t.evidenceNotes.scorecardId, p("id")), eq(t.evidenceNotes.clientId, p("clientId"))))
      .prepare(),
  ),
};

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
  const ratings = new Map(
    q
      .ratings()
      .all({ id })
      .map((r) => [r.dimension, r]),
  );
  const wanted = new Map<string, { score: number; justification: string }>();
  for (const [dimension, score] of Object.entries(content.ratings)) {
    if (score == null) continue;
    wanted.set(dimension, { score, justification: content.capJustifications[dimension] ?? "" });
  }
  for (const dimension of ratings.keys()) if (!wanted.has(dimension)) q.deleteRating().run({ id, dimension });
  for (const [dimension, { score, justification }] of wanted) {
    const stored = ratings.get(dimension);
    if (!stored) q.insertRating().run({ id, dimension, score, justification });
    else if (stored.score !== score || stored.justification !== justification)
      q.updateRating().run({ id, dimension, score, justification });
  }

  syncKeys(
    q
      .flags()
      .all({ id })
      .map((f) => f.key),
    content.redFlags,
    (key) => q.insertFlag().run({ id, key }),
    (key) => q.deleteFlag().run({ id, key }),
  );
  syncKeys(
    q
      .star()
      .all({ id })
      .map((s) => s.key),
    content.star,
    (key) => q.insertStar().run({ id, key }),
    (key) => q.deleteStar().run({ id, key }),
  );

  const notes = new Map(
    q
      .notes()
      .all({ id })
      .map((n) => [n.clientId, n]),
  );
  const keep = new Set(content.notes.map((n) => n.id));
  for (const clientId of notes.keys()) if (!keep.has(clientId)) q.deleteNote().run({ id, clientId });
  for (const n of content.notes) {
    const stored = notes.get(n.id);
    if (stored && stored.dimension === n.dimension && stored.elapsed === n.elapsedSeconds && stored.text === n.text)
      continue;
    q.upsertNote().run({ id, clientId: n.id, dimension: n.dimension, elapsed: n.elapsedSeconds, text: n.text });
    // A repeated id (never from a validated draft) ends as the last one, as the upsert leaves it.
    notes.set(n.id, { clientId: n.id, dimension: n.dimension, elapsed: n.elapsedSeconds, text: n.text });
  }
}
