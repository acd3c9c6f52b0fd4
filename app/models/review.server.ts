import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, writeTransaction } from "~db/client";
import * as t from "~db/schema";
import type { ReviewOutcome, ReviewSearch } from "~/schemas/review-outcome-schema";

// Calibration reviews: a lead's reading of a split panel. One review per interview — opening
// again returns the existing one, open or closed (a closed review is reopened, not duplicated),
// so the queue, the list and the outcome never disagree about which review counts.
// Every change writes audit_log in the same transaction as the change.

export type ReviewStatus = "open" | "closed";

export interface ReviewListItem {
  id: number;
  interviewId: number;
  candidateId: number;
  candidateName: string;
  status: ReviewStatus;
  openedByName: string;
  openedAt: string;
  closedAt: string | null;
  agreedReadingExcerpt: string;
}

export const REVIEW_LIST_LIMIT = 500;
const EXCERPT_LENGTH = 160;

/** `text` for LIKE ... ESCAPE '\': the user's % and _ match themselves, not any characters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

const openedBy = alias(t.users, "opened_by_user");

/** Reviews, newest first, searchable over candidate name, agreed reading, notes and follow-ups. */
export function listReviews(search: ReviewSearch): ReviewListItem[] {
  const where: SQL[] = [];
  if (search.status !== "all") where.push(eq(t.calibrationReviews.status, search.status));
  if (search.q) {
    const pattern = `%${escapeLike(search.q)}%`;
    const like = (column: SQL | typeof t.candidates.name) => sql`${column} like ${pattern} escape '\\'`;
    where.push(
      or(
        like(t.candidates.name),
        like(sql`${t.calibrationReviews.agreedReading}`),
        like(sql`${t.calibrationReviews.notes}`),
        like(sql`${t.calibrationReviews.followUps}`),
      )!,
    );
  }
  return getDb()
    .select({
      id: t.calibrationReviews.id,
      interviewId: t.calibrationReviews.interviewId,
      candidateId: t.candidates.id,
      candidateName: t.candidates.name,
      status: t.calibrationReviews.status,
      openedByName: openedBy.name,
      openedAt: t.calibrationReviews.openedAt,
      closedAt: t.calibrationReviews.closedAt,
      agreedReading: t.calibrationReviews.agreedReading,
    })
    .from(t.calibrationReviews)
    .innerJoin(t.interviews, eq(t.interviews.id, t.calibrationReviews.interviewId))
    .innerJoin(t.candidates, eq(t.candidates.id, t.interviews.candidateId))
    .innerJoin(openedBy, eq(openedBy.id, t.calibrationReviews.openedBy))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(t.calibrationReviews.openedAt), desc(t.calibrationReviews.id))
    .limit(REVIEW_LIST_LIMIT)
    .all()
    .map(({ agreedReading, ...row }) => ({ ...row, agreedReadingExcerpt: excerpt(agreedReading) }));
}

export type OpenResult = { kind: "not_found" } | { kind: "opened" | "existing"; reviewId: number };

/** Opens the interview's review, or finds the one it has. Practice interviews have none. */
export function openReview(interviewId: number, userId: number): OpenResult {
  return writeTransaction((db) => {
    const interview = db
      .select({ id: t.interviews.id })
      .from(t.interviews)
      .where(and(eq(t.interviews.id, interviewId), isNull(t.interviews.exemplarId)))
      .get();
    if (!interview) return { kind: "not_found" };
    const existing = db
      .select({ id: t.calibrationReviews.id })
      .from(t.calibrationReviews)
      .where(eq(t.calibrationReviews.interviewId, interviewId))
      .orderBy(desc(t.calibrationReviews.id))
      .get();
    if (existing) return { kind: "existing", reviewId: existing.id };
    const { id } = db
      .insert(t.calibrationReviews)
      .values({ interviewId, openedBy: userId })
      .returning({ id: t.calibrationReviews.id })
      .get();
    db.insert(t.auditLog)
      .values({
        actorId: userId,
        action: "review.opened",
        entity: "calibration_review",
        entityId: id,
        detail: { interviewId },
      })
      .run();
    return { kind: "opened", reviewId: id };
  });
}

/** The review of each of these interviews that has one: interview id → review id and status. */
export function findReviewsForInterviews(
  interviewIds: number[],
): Record<number, { reviewId: number; status: ReviewStatus }> {
  if (interviewIds.length === 0) return {};
  const rows = getDb()
    .select({
      interviewId: t.calibrationReviews.interviewId,
      reviewId: t.calibrationReviews.id,
      status: t.calibrationReviews.status,
    })
    .from(t.calibrationReviews)
    .where(inArray(t.calibrationReviews.interviewId, interviewIds))
    .orderBy(t.calibrationReviews.id)
    .all();
  return Object.fromEntries(rows.map((r) => [r.interviewId, { reviewId: r.reviewId, status: r.status }]));
}

type ReviewRow = typeof t.calibrationReviews.$inferSelect;

/** A short fingerprint of what the outcome form edits: a save based on another one is stale. */
export function reviewVersion(review: Pick<ReviewRow, "status" | "agreedReading" | "notes" | "followUps">): string {
  return createHash("sha256")
    .update(JSON.stringify([review.status, review.agreedReading, review.notes, review.followUps]))
    .digest("hex")
    .slice(0, 16);
}

const closedBy = alias(t.users, "closed_by_user");

export function getReview(reviewId: number) {
  const row = getDb()
    .select({ review: t.calibrationReviews, openedByName: openedBy.name, closedByName: closedBy.name })
    .from(t.calibrationReviews)
    .innerJoin(openedBy, eq(openedBy.id, t.calibrationReviews.openedBy))
    .leftJoin(closedBy, eq(closedBy.id, t.calibrationReviews.closedBy))
    .where(eq(t.calibrationReviews.id, reviewId))
    .get();
  if (!row) return null;
  return {
    ...row.review,
    openedByName: row.openedByName,
    closedByName: row.closedByName,
    version: reviewVersion(row.review),
  };
}

export type ReviewDetail = NonNullable<ReturnType<typeof getReview>>;

export type SaveOutcomeResult =
  { kind: "not_found" } | { kind: "read_only" } | { kind: "stale" } | { kind: "saved"; closed: boolean };

const OUTCOME_FIELDS = ["agreedReading", "notes", "followUps"] as const;

/** Saves the outcome, and with intent "close" closes the review; refused if closed or changed meanwhile. */
export function saveReviewOutcome(reviewId: number, userId: number, outcome: ReviewOutcome): SaveOutcomeResult {
  return writeTransaction((db) => {
    const review = db.select().from(t.calibrationReviews).where(eq(t.calibrationReviews.id, reviewId)).get();
    if (!review) return { kind: "not_found" };
    if (review.status === "closed") return { kind: "read_only" };
    if (reviewVersion(review) !== outcome.version) return { kind: "stale" };
    const close = outcome.intent === "close";
    const changes = OUTCOME_FIELDS.filter((field) => review[field] !== outcome[field]).map((field) => ({
      field,
      from: review[field],
      to: outcome[field],
    }));
    if (changes.length === 0 && !close) return { kind: "saved", closed: false };
    const now = new Date().toISOString();
    db.update(t.calibrationReviews)
      .set({
        agreedReading: outcome.agreedReading,
        notes: outcome.notes,
        followUps: outcome.followUps,
        ...(close ? { status: "closed" as const, closedAt: now, closedBy: userId } : {}),
      })
      .where(eq(t.calibrationReviews.id, reviewId))
      .run();
    db.insert(t.auditLog)
      .values({
        actorId: userId,
        action: close ? "review.closed" : "review.saved",
        entity: "calibration_review",
        entityId: reviewId,
        detail: { changes },
      })
      .run();
    return { kind: "saved", closed: close };
  });
}

export type ReopenResult = { kind: "not_found" } | { kind: "already_open" } | { kind: "reopened" };

export function reopenReview(reviewId: number, userId: number): ReopenResult {
  return writeTransaction((db) => {
    const review = db
      .select({ status: t.calibrationReviews.status })
      .from(t.calibrationReviews)
      .where(eq(t.calibrationReviews.id, reviewId))
      .get();
    if (!review) return { kind: "not_found" };
    if (review.status === "open") return { kind: "already_open" };
    db.update(t.calibrationReviews)
      .set({ status: "open", closedAt: null, closedBy: null })
      .where(eq(t.calibrationReviews.id, reviewId))
      .run();
    db.insert(t.auditLog)
      .values({ actorId: userId, action: "review.reopened", entity: "calibration_review", entityId: reviewId })
      .run();
    return { kind: "reopened" };
  });
}

export interface ReviewHistoryEntry {
  at: string;
  action: string;
  actorName: string | null;
  fields: string[];
}

/** What happened to the review, oldest first, from the audit log. */
export function listReviewHistory(reviewId: number): ReviewHistoryEntry[] {
  return getDb()
    .select({ at: t.auditLog.at, action: t.auditLog.action, actorName: t.users.name, detail: t.auditLog.detail })
    .from(t.auditLog)
    .leftJoin(t.users, eq(t.users.id, t.auditLog.actorId))
    .where(and(eq(t.auditLog.entity, "calibration_review"), eq(t.auditLog.entityId, reviewId)))
    .orderBy(t.auditLog.id)
    .all()
    .map(({ detail, ...entry }) => ({
      ...entry,
      fields: ((detail as { changes?: { field: string }[] } | null)?.changes ?? []).map((c) => c.field),
    }));
}

/** The review of each of these interviews, if one was opened: its id and whether it is closed. */
export function reviewsOfInterviews(interviewIds: number[]): Record<number, { id: number; status: ReviewStatus }> {
  if (interviewIds.length === 0) return {};
  const rows = getDb()
    .select({
      interviewId: t.calibrationReviews.interviewId,
      id: t.calibrationReviews.id,
      status: t.calibrationReviews.status,
    })
    .from(t.calibrationReviews)
    .where(inArray(t.calibrationReviews.interviewId, interviewIds))
    .all();
  return Object.fromEntries(rows.map((r) => [r.interviewId, { id: r.id, status: r.status }]));
}
