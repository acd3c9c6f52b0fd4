// Erasing a candidate on request (the right to erasure): the name becomes a pseudonym and every
// free text written about them goes, while ratings, flags and recommendations stay for calibration.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { writeTransaction, type Db } from "~db/client";
import {
  auditLog,
  calibrationReviews,
  candidates,
  debriefs,
  debriefVotes,
  evidenceNotes,
  interviews,
  ratings,
  scorecardDraftSnapshots,
  scorecardRevisions,
  scorecards,
} from "~db/schema";

export const erasedName = (id: number) => `Erased candidate #${id}`;
const ERASED = "[erased]";

export interface ErasureSummary {
  scorecards: number;
  notesRemoved: number;
  justificationsBlanked: number;
  revisionsScrubbed: number;
  reviewsBlanked: number;
  /** Debrief decision notes and re-vote reasons. */
  debriefTextsBlanked: number;
}

export type EraseResult =
  { kind: "erased"; summary: ErasureSummary } | { kind: "already_erased" } | { kind: "not_found" };

type AuditDetail = Record<string, unknown>;

/** Rewrites the detail of the audit entries about some rows; `rewrite` returns null to leave one as it is. */
function rewriteAuditDetails(
  db: Db,
  entity: string,
  ids: number[],
  rewrite: (detail: AuditDetail) => AuditDetail | null,
) {
  const entries = db
    .select({ id: auditLog.id, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), inArray(auditLog.entityId, ids)))
    .all();
  for (const entry of entries) {
    const detail = entry.detail as AuditDetail | null;
    const rewritten = detail ? rewrite(detail) : null;
    if (rewritten) db.update(auditLog).set({ detail: rewritten }).where(eq(auditLog.id, entry.id)).run();
  }
}

const eraseText = (v: unknown) => (v == null || v === "" ? v : ERASED);

/** Audit entries quote free text as { reason, changes: [{ field, from, to }] }: replaced, keeping the shape. */
function scrubAuditChanges(db: Db, entity: string, ids: number[], isFreeText: (field: string) => boolean) {
  rewriteAuditDetails(db, entity, ids, (detail) => {
    const { reason, changes } = detail as {
      reason?: unknown;
      changes?: { field: string; from: unknown; to: unknown }[];
    };
    if (reason === undefined && !Array.isArray(changes)) return null;
    return {
      ...detail,
      ...(reason !== undefined ? { reason: eraseText(reason) } : {}),
      ...(Array.isArray(changes)
        ? {
            changes: changes.map((c) =>
              isFreeText(c.field) ? { ...c, from: eraseText(c.from), to: eraseText(c.to) } : c,
            ),
          }
        : {}),
    };
  });
}

/** The free-text fields an amendment's audit entry may quote (see diffScorecards). */
const isFreeTextChange = (field: string) =>
  field.startsWith("notes.") || field.startsWith("capJustifications.") || field === "recommendationJustification";

/** The ids of a table's rows that belong to one candidate's interviews (scorecards, reviews). */
function idsOfCandidate(
  db: Db,
  table: typeof scorecards | typeof calibrationReviews,
  interviewId: SQLiteColumn,
  candidateId: number,
): number[] {
  return db
    .select({ id: table.id })
    .from(table)
    .innerJoin(interviews, eq(interviews.id, interviewId))
    .where(eq(interviews.candidateId, candidateId))
    .all()
    .map((row) => row.id);
}

/**
 * Erases a candidate on request: the name becomes a pseudonym, and every free text written about
 * them — evidence notes, cap and recommendation justifications, amendment reasons, the outcome of
 * calibration reviews of their interviews, debrief decision notes and re-vote reasons, and the copies of these in scorecard snapshots and the
 * audit log — is removed. Ratings, flags, recommendations and weighted scores stay, so calibration
 * statistics keep their data. The audit entry of the erasure itself names no one.
 *
 * The erased scorecards' revision is bumped, so a tab still open on one cannot save the old notes back.
 */
export function eraseCandidate(id: number, actorId: number): EraseResult {
  return writeTransaction((db) => {
    const candidate = db.select({ erasedAt: candidates.erasedAt }).from(candidates).where(eq(candidates.id, id)).get();
    if (!candidate) return { kind: "not_found" };
    if (candidate.erasedAt) return { kind: "already_erased" };
    const now = new Date().toISOString();
    const pseudonym = erasedName(id);

    const cardIds = idsOfCandidate(db, scorecards, scorecards.interviewId, id);
    const summary: ErasureSummary = {
      scorecards: cardIds.length,
      notesRemoved: 0,
      justificationsBlanked: 0,
      revisionsScrubbed: 0,
      reviewsBlanked: 0,
      debriefTextsBlanked: 0,
    };

    if (cardIds.length) {
      summary.notesRemoved = db.delete(evidenceNotes).where(inArray(evidenceNotes.scorecardId, cardIds)).run().changes;
      summary.justificationsBlanked += db
        .update(ratings)
        .set({ capJustification: "" })
        .where(and(inArray(ratings.scorecardId, cardIds), sql`${ratings.capJustification} <> ''`))
        .run().changes;
      summary.justificationsBlanked += db
        .update(scorecards)
        .set({ recommendationJustification: "" })
        .where(and(inArray(scorecards.id, cardIds), sql`${scorecards.recommendationJustification} <> ''`))
        .run().changes;
      db.update(scorecards)
        .set({ revision: sql`${scorecards.revision} + 1`, updatedAt: now })
        .where(inArray(scorecards.id, cardIds))
        .run();
      summary.revisionsScrubbed = db
        .update(scorecardRevisions)
        .set({
          snapshot: sql`json_set(${scorecardRevisions.snapshot}, '$.notes', json('[]'), '$.capJustifications', json('{}'), '$.recommendationJustification', '')`,
          reason: sql`case when ${scorecardRevisions.reason} is null then null else ${ERASED} end`,
        })
        .where(inArray(scorecardRevisions.scorecardId, cardIds))
        .run().changes;

      // Draft snapshots exist only to merge concurrent edits; they hold free text, so they go.
      db.delete(scorecardDraftSnapshots).where(inArray(scorecardDraftSnapshots.scorecardId, cardIds)).run();

      scrubAuditChanges(db, "scorecard", cardIds, isFreeTextChange);
    }

    const reviewIds = idsOfCandidate(db, calibrationReviews, calibrationReviews.interviewId, id);
    if (reviewIds.length) {
      summary.reviewsBlanked = db
        .update(calibrationReviews)
        .set({ agreedReading: "", notes: "", followUps: "" })
        .where(inArray(calibrationReviews.id, reviewIds))
        .run().changes;
      scrubAuditChanges(db, "calibration_review", reviewIds, () => true);
    }

    // The debrief keeps its decision and votes (agreement with decisions keeps its data), not its
    // free text. A re-vote's reason may not be empty (schema check), so it becomes the erased marker.
    const debriefIds = db
      .select({ id: debriefs.interviewId })
      .from(debriefs)
      .innerJoin(interviews, eq(interviews.id, debriefs.interviewId))
      .where(eq(interviews.candidateId, id))
      .all()
      .map((r) => r.id);
    if (debriefIds.length) {
      summary.debriefTextsBlanked += db
        .update(debriefs)
        .set({ decisionNote: "" })
        .where(and(inArray(debriefs.interviewId, debriefIds), sql`${debriefs.decisionNote} <> ''`))
        .run().changes;
      summary.debriefTextsBlanked += db
        .update(debriefVotes)
        .set({ reason: sql`case when ${debriefVotes.round} = 'revote' then ${ERASED} else '' end` })
        .where(and(inArray(debriefVotes.interviewId, debriefIds), sql`${debriefVotes.reason} <> ''`))
        .run().changes;
      // Their audit entries quote the reason (re-vote) and the note (decision).
      rewriteAuditDetails(db, "debrief", debriefIds, (detail) => {
        const scrubbed = { ...detail };
        for (const field of ["reason", "note"])
          if (typeof scrubbed[field] === "string" && scrubbed[field] !== "") scrubbed[field] = ERASED;
        return scrubbed;
      });
    }

    // Earlier audit entries about the candidate (their creation) quote the name.
    rewriteAuditDetails(db, "candidate", [id], (detail) => ("name" in detail ? { ...detail, name: pseudonym } : null));

    db.update(candidates).set({ name: pseudonym, erasedAt: now }).where(eq(candidates.id, id)).run();
    db.insert(auditLog)
      .values({ actorId, action: "candidate.erased", entity: "candidate", entityId: id, detail: { ...summary } })
      .run();
    return { kind: "erased", summary };
  });
}
