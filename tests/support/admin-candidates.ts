// Shared by the admin candidate tests (admin-candidates*.test.ts): an admin's session, the candidate
// routes called as the admin, and a candidate with a full history to erase.
import { count } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as detailAction } from "~/routes/admin.candidates.$candidateId";
import { action as listAction } from "~/routes/admin.candidates._index";
import { cookie } from "./admin-session";
import { createUser } from "./factories";
import { formPost, settle } from "./route-calls";

export { admin, cookie, useAdmin } from "./admin-session";

export const form = (path: string, fields: Record<string, string | string[]>) => formPost(path, fields, cookie);
export const addCandidate = (fields: Record<string, string>) =>
  settle(listAction({ request: form("/admin/candidates?index", fields), params: {}, context: {} }));
export const erase = (id: number, confirmation: string) =>
  settle(
    detailAction({
      request: form(`/admin/candidates/${id}`, { intent: "erase", confirmation }),
      params: { candidateId: String(id) },
      context: {},
    }),
  );
export const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
export const rowCount = (table: typeof t.candidates | typeof t.auditLog) =>
  getDb().select({ n: count() }).from(table).get()!.n;

/**
 * An interview of the candidate with two submitted scorecards and everything that can carry their
 * name as free text: ratings' cap justifications, notes, amendments and their audit, a debrief with a
 * decision note and a re-vote reason, and a calibration review.
 */
export async function plantCandidateHistory(name: string, candidateId: number, actorId: number) {
  const a = await createUser({ roles: ["interviewer"] });
  const b = await createUser({ roles: ["interviewer"] });
  const db = getDb();
  const interviewId = db
    .insert(t.interviews)
    .values({ candidateId, rubricVersionId: 1, variantKey: "default", scheduledAt: "2026-01-10T10:00:00.000Z" })
    .returning()
    .get().id;
  db.insert(t.panelAssignments)
    .values([
      { interviewId, interviewerId: a.id },
      { interviewId, interviewerId: b.id },
    ])
    .run();
  const cardIds = [a, b].map(
    (u, i) =>
      db
        .insert(t.scorecards)
        .values({
          interviewId,
          interviewerId: u.id,
          rubricVersionId: 1,
          variantKey: "default",
          status: "submitted",
          submittedAt: "2026-01-10T11:00:00.000Z",
          recommendation: "yes",
          recommendationJustification: `${name} was strong`,
          weightedScore: 3.1 + i,
          revision: 2,
        })
        .returning()
        .get().id,
  );
  for (const id of cardIds) {
    db.insert(t.ratings)
      .values([
        { scorecardId: id, dimensionKey: "ownership", score: 3, capJustification: `${name} owned it` },
        { scorecardId: id, dimensionKey: "repair", score: 2 },
      ])
      .run();
    db.insert(t.raisedRedFlags).values({ scorecardId: id, flagKey: "passive_voice" }).run();
    db.insert(t.evidenceNotes)
      .values({
        scorecardId: id,
        clientId: `n-${id}`,
        dimensionKey: "ownership",
        elapsedSeconds: 30,
        text: `${name} said "I decided"`,
      })
      .run();
    db.insert(t.scorecardRevisions)
      .values({
        scorecardId: id,
        revision: 2,
        reason: `Amended after talking about ${name}`,
        createdBy: actorId,
        snapshot: {
          ratings: { ownership: 3 },
          notes: [{ id: "x", dimension: "ownership", elapsedSeconds: 30, text: `${name} said` }],
          capJustifications: { ownership: name },
          recommendationJustification: name,
          recommendation: "yes",
        },
      })
      .run();
    db.insert(t.auditLog)
      .values({
        actorId: actorId,
        action: "scorecard.amended",
        entity: "scorecard",
        entityId: id,
        detail: {
          reason: `About ${name}`,
          afterSeeingOthers: false,
          changes: [
            { field: "ratings.ownership", from: 2, to: 3 },
            { field: `notes.n-${id}`, from: null, to: `${name} said` },
          ],
        },
      })
      .run();
  }
  // The structured debrief: a decision note and a re-vote reason are free text about the candidate.
  db.insert(t.debriefs)
    .values({
      interviewId,
      openedBy: actorId,
      decision: "hire",
      decisionNote: `${name} convinced the panel`,
      decidedBy: actorId,
      decidedAt: "2026-01-11T10:00:00.000Z",
    })
    .run();
  db.insert(t.debriefVotes)
    .values([
      { interviewId, interviewerId: a.id, round: "independent", recommendation: "yes", recordedBy: actorId },
      { interviewId, interviewerId: b.id, round: "independent", recommendation: "no", recordedBy: actorId },
      {
        interviewId,
        interviewerId: b.id,
        round: "revote",
        recommendation: "yes",
        reason: `${name}'s repair story was stronger than I first thought`,
        recordedBy: actorId,
      },
    ])
    .run();
  db.insert(t.auditLog)
    .values([
      {
        actorId: actorId,
        action: "debrief.revote",
        entity: "debrief",
        entityId: interviewId,
        detail: { interviewerId: b.id, from: "no", to: "yes", reason: `${name}'s repair story` },
      },
      {
        actorId: actorId,
        action: "debrief.decided",
        entity: "debrief",
        entityId: interviewId,
        detail: { decision: "hire", note: `${name} convinced the panel` },
      },
    ])
    .run();
  const review = db
    .insert(t.calibrationReviews)
    .values({ interviewId, openedBy: actorId, agreedReading: `${name} is a yes`, notes: name, followUps: "" })
    .returning()
    .get();
  db.insert(t.auditLog)
    .values({
      actorId: actorId,
      action: "review.saved",
      entity: "calibration_review",
      entityId: review.id,
      detail: { changes: [{ field: "notes", from: "", to: name }] },
    })
    .run();
  return { interviewId, cardIds };
}
