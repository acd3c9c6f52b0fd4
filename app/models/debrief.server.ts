import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb, writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import type { Recommendation } from "~/domain/calibration";
import type { DecidedDebrief, Decision } from "~/domain/debrief-votes";

// The structured debrief of one interview (after Amazon's: written votes first, then read,
// discuss, re-vote, decide). Opening it locks every panellist's independent vote — the
// recommendation on their submitted scorecard — so a later amendment cannot rewrite the record of
// what they thought before the discussion. Every change is in audit_log, in the same transaction.

export interface DebriefVoteRow {
  interviewerId: number;
  round: "independent" | "revote";
  recommendation: Recommendation;
  reason: string;
  createdAt: string;
}

export interface DebriefState {
  openedAt: string;
  openedByName: string;
  decision: Decision | null;
  decisionNote: string;
  decidedAt: string | null;
  votes: DebriefVoteRow[];
}

export function getDebrief(interviewId: number): DebriefState | null {
  const db = getDb();
  const row = db
    .select({
      openedAt: t.debriefs.openedAt,
      openedByName: t.users.name,
      decision: t.debriefs.decision,
      decisionNote: t.debriefs.decisionNote,
      decidedAt: t.debriefs.decidedAt,
    })
    .from(t.debriefs)
    .innerJoin(t.users, eq(t.users.id, t.debriefs.openedBy))
    .where(eq(t.debriefs.interviewId, interviewId))
    .get();
  if (!row) return null;
  const votes = db
    .select({
      interviewerId: t.debriefVotes.interviewerId,
      round: t.debriefVotes.round,
      recommendation: t.debriefVotes.recommendation,
      reason: t.debriefVotes.reason,
      createdAt: t.debriefVotes.createdAt,
    })
    .from(t.debriefVotes)
    .where(eq(t.debriefVotes.interviewId, interviewId))
    .orderBy(asc(t.debriefVotes.id))
    .all();
  return { ...row, votes };
}

export type DebriefResult = { kind: "ok" } | { kind: "refused"; field: string; message: string };
const refuse = (field: string, message: string): DebriefResult => ({ kind: "refused", field, message });

/** The debrief's decision inside a write: undefined when it has not started, null while still open. */
function decisionOf(db: Db, interviewId: number): Decision | null | undefined {
  return db
    .select({ decision: t.debriefs.decision })
    .from(t.debriefs)
    .where(eq(t.debriefs.interviewId, interviewId))
    .get()?.decision;
}

/** The lead's step, in audit_log, in the step's own transaction. */
function audit(db: Db, leadId: number, action: string, interviewId: number, detail: Record<string, unknown>) {
  db.insert(t.auditLog).values({ actorId: leadId, action, entity: "debrief", entityId: interviewId, detail }).run();
}

/** Opens the debrief once every panellist has submitted, locking their recommendations as independent votes. */
export function openDebrief(interviewId: number, leadId: number, on: Db = getDb()): DebriefResult {
  return writeTransaction((db) => {
    if (decisionOf(db, interviewId) !== undefined) return refuse("form", "The debrief has already started.");
    const panel = db
      .select({
        interviewerId: t.panelAssignments.interviewerId,
        status: t.scorecards.status,
        recommendation: t.scorecards.recommendation,
      })
      .from(t.panelAssignments)
      .leftJoin(
        t.scorecards,
        and(
          eq(t.scorecards.interviewId, t.panelAssignments.interviewId),
          eq(t.scorecards.interviewerId, t.panelAssignments.interviewerId),
        ),
      )
      .where(eq(t.panelAssignments.interviewId, interviewId))
      .all();
    if (panel.length === 0) return refuse("form", "This interview has no panel.");
    const waiting = panel.filter((p) => p.status !== "submitted" || p.recommendation === null).length;
    if (waiting > 0)
      return refuse(
        "form",
        `Wait until the whole panel has submitted: ${waiting} of ${panel.length} scorecards are not in yet, and their votes must be written before the discussion.`,
      );
    db.insert(t.debriefs).values({ interviewId, openedBy: leadId }).run();
    db.insert(t.debriefVotes)
      .values(
        panel.map((p) => ({
          interviewId,
          interviewerId: p.interviewerId,
          round: "independent" as const,
          recommendation: p.recommendation!,
          recordedBy: leadId,
        })),
      )
      .run();
    audit(db, leadId, "debrief.opened", interviewId, {
      votes: panel.map((p) => ({ interviewerId: p.interviewerId, recommendation: p.recommendation })),
    });
    return { kind: "ok" };
  }, on);
}

/** A panellist's one re-vote after the discussion, with the reason; the independent vote stays as it was. */
export function recordRevote(
  interviewId: number,
  vote: { interviewerId: number; recommendation: Recommendation; reason: string },
  leadId: number,
  on: Db = getDb(),
): DebriefResult {
  return writeTransaction((db) => {
    const decided = decisionOf(db, interviewId);
    if (decided === undefined)
      return refuse("form", "Start the debrief first: the independent votes are locked when it starts.");
    if (decided !== null) return refuse("form", "The decision is recorded; the votes are closed.");
    const votes = db
      .select({ round: t.debriefVotes.round, recommendation: t.debriefVotes.recommendation })
      .from(t.debriefVotes)
      .where(and(eq(t.debriefVotes.interviewId, interviewId), eq(t.debriefVotes.interviewerId, vote.interviewerId)))
      .all();
    const independent = votes.find((v) => v.round === "independent");
    if (!independent) return refuse("interviewerId", "Choose a panellist of this interview.");
    if (votes.some((v) => v.round === "revote")) return refuse("interviewerId", "This panellist has already re-voted.");
    db.insert(t.debriefVotes)
      .values({
        interviewId,
        interviewerId: vote.interviewerId,
        round: "revote",
        recommendation: vote.recommendation,
        reason: vote.reason,
        recordedBy: leadId,
      })
      .run();
    audit(db, leadId, "debrief.revote", interviewId, {
      interviewerId: vote.interviewerId,
      from: independent.recommendation,
      to: vote.recommendation,
      reason: vote.reason,
    });
    return { kind: "ok" };
  }, on);
}

export function recordDecision(
  interviewId: number,
  decision: { decision: Decision; note: string },
  leadId: number,
  /** The connection (the demo seed writes through its own) and the moment of the decision. */
  opts: { db?: Db; now?: Date } = {},
): DebriefResult {
  return writeTransaction((db) => {
    const decided = decisionOf(db, interviewId);
    if (decided === undefined) return refuse("form", "Start the debrief first.");
    if (decided !== null) return refuse("form", "The decision is already recorded.");
    db.update(t.debriefs)
      .set({
        decision: decision.decision,
        decisionNote: decision.note,
        decidedBy: leadId,
        decidedAt: (opts.now ?? new Date()).toISOString(),
      })
      .where(and(eq(t.debriefs.interviewId, interviewId), isNull(t.debriefs.decision)))
      .run();
    audit(db, leadId, "debrief.decided", interviewId, decision);
    return { kind: "ok" };
  }, opts.db);
}

/** Every decided debrief with its votes, for calibration's agreement with final decisions. */
export function listDecidedDebriefs(): DecidedDebrief[] {
  const db = getDb();
  const rows = db
    .select({
      interviewId: t.debriefs.interviewId,
      decision: t.debriefs.decision,
      interviewerId: t.debriefVotes.interviewerId,
      round: t.debriefVotes.round,
      recommendation: t.debriefVotes.recommendation,
    })
    .from(t.debriefs)
    .innerJoin(t.debriefVotes, eq(t.debriefVotes.interviewId, t.debriefs.interviewId))
    .where(isNotNull(t.debriefs.decision))
    .orderBy(t.debriefs.interviewId, t.debriefVotes.id)
    .all();
  const debriefs = new Map<number, DecidedDebrief>();
  for (const row of rows) {
    let debrief = debriefs.get(row.interviewId);
    if (!debrief)
      debriefs.set(row.interviewId, (debrief = { interviewId: row.interviewId, decision: row.decision!, votes: [] }));
    let vote = debrief.votes.find((v) => v.interviewerId === row.interviewerId);
    if (!vote)
      debrief.votes.push((vote = { interviewerId: row.interviewerId, independent: row.recommendation, revote: null }));
    if (row.round === "independent") vote.independent = row.recommendation;
    else vote.revote = row.recommendation;
  }
  return [...debriefs.values()];
}

/** The names of the interviewers who voted in decided debriefs, by id. */
export function namesOfDebriefVoters(): Record<number, string> {
  const rows = getDb()
    .selectDistinct({ id: t.users.id, name: t.users.name })
    .from(t.debriefVotes)
    .innerJoin(t.users, eq(t.users.id, t.debriefVotes.interviewerId))
    .all();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
