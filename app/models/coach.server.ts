import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, writeTransaction } from "~db/client";
import * as t from "~db/schema";
import {
  COACH_ANALYSER_VERSION,
  flagEvidenceByInterviewer,
  suggestedFlags,
  type CoachedScorecard,
  type FlagEvidence,
} from "~/domain/coach/flag-evidence";
import type { CalibrationFilter } from "~/schemas/calibration-filter-schema";

const hashText = (text: string) => createHash("sha1").update(text).digest("base64");

// SQLite caps a statement's parameters; id lists go in chunks.
const CHUNK = 500;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += CHUNK) out.push(items.slice(k, k + CHUNK));
  return out;
}

/**
 * The flags each note points to, read from the cache and analysed (then cached) where the note is
 * new, its text changed, or the analyser changed since.
 */
export function readNoteFlags(notes: Array<{ id: number; text: string }>): Map<number, string[]> {
  const db = getDb();
  const cached = new Map<number, { textHash: string; analyserVersion: string; flags: string[] }>();
  for (const ids of chunks(notes.map((n) => n.id))) {
    for (const row of db.select().from(t.evidenceNoteFlags).where(inArray(t.evidenceNoteFlags.noteId, ids)).all())
      cached.set(row.noteId, row);
  }
  const result = new Map<number, string[]>();
  const fresh: Array<typeof t.evidenceNoteFlags.$inferInsert> = [];
  for (const note of notes) {
    const textHash = hashText(note.text);
    const hit = cached.get(note.id);
    if (hit && hit.textHash === textHash && hit.analyserVersion === COACH_ANALYSER_VERSION) {
      result.set(note.id, hit.flags);
      continue;
    }
    const flags = suggestedFlags(note.text);
    result.set(note.id, flags);
    fresh.push({ noteId: note.id, textHash, analyserVersion: COACH_ANALYSER_VERSION, flags });
  }
  if (fresh.length) {
    writeTransaction((tx) => {
      for (const rows of chunks(fresh)) {
        tx.insert(t.evidenceNoteFlags)
          .values(rows)
          .onConflictDoUpdate({
            target: t.evidenceNoteFlags.noteId,
            set: {
              textHash: sql`excluded.text_hash`,
              analyserVersion: sql`excluded.analyser_version`,
              flags: sql`excluded.flags`,
            },
          })
          .run();
      }
    });
  }
  return result;
}

/** The raised flags and note flags of these scorecards. */
export function readCoachedScorecards(cards: Array<{ id: number; interviewerId: number }>): CoachedScorecard[] {
  const db = getDb();
  const ids = cards.map((c) => c.id);
  const raised = new Map<number, string[]>();
  const notes: Array<{ id: number; scorecardId: number; text: string }> = [];
  for (const part of chunks(ids)) {
    for (const r of db.select().from(t.raisedRedFlags).where(inArray(t.raisedRedFlags.scorecardId, part)).all()) {
      raised.set(r.scorecardId, [...(raised.get(r.scorecardId) ?? []), r.flagKey]);
    }
    notes.push(
      ...db
        .select({ id: t.evidenceNotes.id, scorecardId: t.evidenceNotes.scorecardId, text: t.evidenceNotes.text })
        .from(t.evidenceNotes)
        .where(inArray(t.evidenceNotes.scorecardId, part))
        .all(),
    );
  }
  const flags = readNoteFlags(notes);
  return cards.map((card) => ({
    scorecardId: card.id,
    interviewerId: card.interviewerId,
    raisedFlags: raised.get(card.id) ?? [],
    noteFlags: notes.filter((n) => n.scorecardId === card.id).map((n) => flags.get(n.id) ?? []),
  }));
}

export type InterviewerFlagEvidence = { interviewerId: number; name: string; evidence: FlagEvidence };

/** The debrief: one row per scorecard shown (the loader has already applied independence). */
export function getDebriefFlagEvidence(
  cards: Array<{ id: number; interviewerId: number; interviewerName: string }>,
): InterviewerFlagEvidence[] {
  const coached = readCoachedScorecards(cards);
  return flagEvidenceByInterviewer(
    cards.map((c) => ({ interviewerId: c.interviewerId, name: c.interviewerName })),
    coached,
  );
}

/**
 * The calibration dashboard: every submitted scorecard of a real (not practice) interview, under the
 * dashboard's filter (dates, variants, levels, interviewers; flags belong to the whole scorecard,
 * so the dimension filter does not narrow them).
 */
export function getInterviewerFlagEvidence(filter: CalibrationFilter): InterviewerFlagEvidence[] {
  const where: SQL[] = [eq(t.scorecards.status, "submitted"), isNull(t.interviews.exemplarId)];
  if (filter.from) where.push(sql`${t.interviews.scheduledAt} >= ${filter.from}`);
  if (filter.to) where.push(sql`${t.interviews.scheduledAt} < date(${filter.to}, '+1 day')`);
  if (filter.variants !== undefined) where.push(inArray(t.interviews.variantKey, filter.variants));
  if (filter.levels !== undefined) where.push(inArray(t.candidates.targetLevel, filter.levels));
  if (filter.interviewerIds !== undefined) where.push(inArray(t.scorecards.interviewerId, filter.interviewerIds));
  const cards = getDb()
    .select({ id: t.scorecards.id, interviewerId: t.scorecards.interviewerId, name: t.users.name })
    .from(t.scorecards)
    .innerJoin(t.interviews, eq(t.interviews.id, t.scorecards.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .innerJoin(t.users, eq(t.users.id, t.scorecards.interviewerId))
    .where(and(...where))
    .orderBy(asc(t.users.name), asc(t.scorecards.id))
    .all();
  const people = [
    ...new Map(cards.map((c) => [c.interviewerId, { interviewerId: c.interviewerId, name: c.name }])).values(),
  ];
  return flagEvidenceByInterviewer(people, readCoachedScorecards(cards));
}
