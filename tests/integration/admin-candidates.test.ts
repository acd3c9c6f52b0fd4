import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as detailAction, loader as detailLoader } from "~/routes/admin.candidates.$candidateId";
import { action as listAction, loader as listLoader } from "~/routes/admin.candidates._index";
import { action as scheduleAction } from "~/routes/admin.interviews._index";
import { createUser, sessionCookieFor } from "../support/factories";

let admin: Awaited<ReturnType<typeof createUser>>;
let cookie: string;

beforeAll(async () => {
  admin = await createUser({ roles: ["admin"] });
  cookie = await sessionCookieFor(admin.id);
});

function form(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}
const settle = (p: Promise<unknown>) => p.catch((e: unknown) => e) as Promise<Response>;
const addCandidate = (fields: Record<string, string>) =>
  settle(listAction({ request: form("/admin/candidates?index", fields), params: {}, context: {} }));
const erase = (id: number, confirmation: string) =>
  settle(
    detailAction({
      request: form(`/admin/candidates/${id}`, { intent: "erase", confirmation }),
      params: { candidateId: String(id) },
      context: {},
    }),
  );
const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const rowCount = (table: typeof t.candidates | typeof t.auditLog) =>
  getDb().select({ n: count() }).from(table).get()!.n;

describe("admin candidates: adding", () => {
  it("adds a candidate with a target level, records it, and opens their page", async () => {
    const res = await addCandidate({ name: "  Ines Costa ", targetLevel: "staff" });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.match(/^\/admin\/candidates\/(\d+)$/)![1]);
    expect(getDb().select().from(t.candidates).where(eq(t.candidates.id, id)).get()).toMatchObject({
      name: "Ines Costa",
      targetLevel: "staff",
      erasedAt: null,
    });
    const audit = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "candidate.created")).all().at(-1)!;
    expect(audit).toMatchObject({
      actorId: admin.id,
      entity: "candidate",
      entityId: id,
      detail: { name: "Ines Costa", targetLevel: "staff" },
    });

    const page = await (
      await detailLoader({ request: get(`/admin/candidates/${id}`), params: { candidateId: String(id) }, context: {} })
    ).json();
    expect(page.candidate).toMatchObject({ id, name: "Ines Costa", interviews: [] });
  });

  it("refuses an empty name and an unknown level with 400 beside the fields, saving nothing", async () => {
    const before = [rowCount(t.candidates), rowCount(t.auditLog)];
    let res = await addCandidate({ name: "  ", targetLevel: "mid" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: { name: "Enter the candidate's name" },
      values: { name: "  ", targetLevel: "mid" },
    });
    res = await addCandidate({ name: "Luis Ortiz", targetLevel: "principal" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ targetLevel: "Choose a target level" });
    expect([rowCount(t.candidates), rowCount(t.auditLog)]).toEqual(before);
  });

  it("lists candidates newest first and finds them by part of the name", async () => {
    await addCandidate({ name: "Maya 100% Mensah", targetLevel: "mid" });
    const all = await (await listLoader({ request: get("/admin/candidates"), params: {}, context: {} })).json();
    expect(all.rows[0]).toMatchObject({ name: "Maya 100% Mensah", interviews: 0 });
    const found = await (
      await listLoader({ request: get("/admin/candidates?q=100%25"), params: {}, context: {} })
    ).json();
    expect(found.rows.map((r: { name: string }) => r.name)).toEqual(["Maya 100% Mensah"]);
    expect(found.total).toBe(1);
  });

  it("counts each candidate's interviews, and leaves out the stand-ins of practice interviews", async () => {
    const db = getDb();
    const real = db.insert(t.candidates).values({ name: "Counted Cora", targetLevel: "mid" }).returning().get();
    for (const at of ["2026-01-01T10:00:00.000Z", "2026-02-01T10:00:00.000Z"]) {
      db.insert(t.interviews)
        .values({ candidateId: real.id, rubricVersionId: 1, variantKey: "default", scheduledAt: at })
        .run();
    }
    const stand = db
      .insert(t.candidates)
      .values({ name: "Practice: Worked answer", targetLevel: "mid" })
      .returning()
      .get();
    const exemplar = db
      .insert(t.exemplars)
      .values({
        title: "Worked answer",
        answer: "…",
        source: "test",
        level: "mid",
        rubricVersionId: 1,
        referenceKey: { ratings: {} },
      })
      .returning()
      .get();
    db.insert(t.interviews)
      .values({
        candidateId: stand.id,
        exemplarId: exemplar.id,
        rubricVersionId: 1,
        variantKey: "default",
        scheduledAt: "2026-01-01T10:00:00.000Z",
      })
      .run();

    const list = await (await listLoader({ request: get("/admin/candidates"), params: {}, context: {} })).json();
    expect(list.rows).toContainEqual(expect.objectContaining({ id: real.id, interviews: 2 }));
    expect(list.rows.some((r: { id: number }) => r.id === stand.id)).toBe(false);
    const res = await settle(
      detailLoader({
        request: get(`/admin/candidates/${stand.id}`),
        params: { candidateId: String(stand.id) },
        context: {},
      }),
    );
    expect(res.status).toBe(404);
    const page = await (
      await detailLoader({
        request: get(`/admin/candidates/${real.id}`),
        params: { candidateId: String(real.id) },
        context: {},
      })
    ).json();
    expect(page.candidate.interviews).toHaveLength(2);
    expect(page.candidate.interviews[0]).toMatchObject({
      panelSize: 0,
      scorecards: 0,
      submitted: 0,
      variantName: "Default",
    });
  });

  it("answers 404 for a candidate that does not exist or a malformed id", async () => {
    for (const candidateId of ["999999", "abc"]) {
      const res = await settle(
        detailLoader({ request: get(`/admin/candidates/${candidateId}`), params: { candidateId }, context: {} }),
      );
      expect(res.status).toBe(404);
    }
  });
});

describe("admin candidates: erasure on request", () => {
  const NAME = "Zoe Varga-Eriksen";
  let candidateId: number;
  let interviewId: number;
  let cardIds: number[];

  beforeAll(async () => {
    const a = await createUser({ roles: ["interviewer"] });
    const b = await createUser({ roles: ["interviewer"] });
    const res = await addCandidate({ name: NAME, targetLevel: "senior" });
    candidateId = Number(res.headers.get("Location")!.split("/").at(-1));
    const db = getDb();
    interviewId = db
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
    cardIds = [a, b].map(
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
            recommendationJustification: `${NAME} was strong`,
            weightedScore: 3.1 + i,
            revision: 2,
          })
          .returning()
          .get().id,
    );
    for (const id of cardIds) {
      db.insert(t.ratings)
        .values([
          { scorecardId: id, dimensionKey: "ownership", score: 3, capJustification: `${NAME} owned it` },
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
          text: `${NAME} said "I decided"`,
        })
        .run();
      db.insert(t.scorecardRevisions)
        .values({
          scorecardId: id,
          revision: 2,
          reason: `Amended after talking about ${NAME}`,
          createdBy: admin.id,
          snapshot: {
            ratings: { ownership: 3 },
            notes: [{ id: "x", dimension: "ownership", elapsedSeconds: 30, text: `${NAME} said` }],
            capJustifications: { ownership: NAME },
            recommendationJustification: NAME,
            recommendation: "yes",
          },
        })
        .run();
      db.insert(t.auditLog)
        .values({
          actorId: admin.id,
          action: "scorecard.amended",
          entity: "scorecard",
          entityId: id,
          detail: {
            reason: `About ${NAME}`,
            afterSeeingOthers: false,
            changes: [
              { field: "ratings.ownership", from: 2, to: 3 },
              { field: `notes.n-${id}`, from: null, to: `${NAME} said` },
            ],
          },
        })
        .run();
    }
    // The structured debrief: a decision note and a re-vote reason are free text about the candidate.
    db.insert(t.debriefs)
      .values({
        interviewId,
        openedBy: admin.id,
        decision: "hire",
        decisionNote: `${NAME} convinced the panel`,
        decidedBy: admin.id,
        decidedAt: "2026-01-11T10:00:00.000Z",
      })
      .run();
    db.insert(t.debriefVotes)
      .values([
        { interviewId, interviewerId: a.id, round: "independent", recommendation: "yes", recordedBy: admin.id },
        { interviewId, interviewerId: b.id, round: "independent", recommendation: "no", recordedBy: admin.id },
        {
          interviewId,
          interviewerId: b.id,
          round: "revote",
          recommendation: "yes",
          reason: `${NAME}'s repair story was stronger than I first thought`,
          recordedBy: admin.id,
        },
      ])
      .run();
    db.insert(t.auditLog)
      .values([
        {
          actorId: admin.id,
          action: "debrief.revote",
          entity: "debrief",
          entityId: interviewId,
          detail: { interviewerId: b.id, from: "no", to: "yes", reason: `${NAME}'s repair story` },
        },
        {
          actorId: admin.id,
          action: "debrief.decided",
          entity: "debrief",
          entityId: interviewId,
          detail: { decision: "hire", note: `${NAME} convinced the panel` },
        },
      ])
      .run();
    const review = db
      .insert(t.calibrationReviews)
      .values({ interviewId, openedBy: admin.id, agreedReading: `${NAME} is a yes`, notes: NAME, followUps: "" })
      .returning()
      .get();
    db.insert(t.auditLog)
      .values({
        actorId: admin.id,
        action: "review.saved",
        entity: "calibration_review",
        entityId: review.id,
        detail: { changes: [{ field: "notes", from: "", to: NAME }] },
      })
      .run();
  });

  /** Every row that mentions the name anywhere in the database. */
  function mentionsOfName() {
    const tables = getDb().all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
    );
    return tables.flatMap(({ name }) =>
      getDb()
        .all<Record<string, unknown>>(sql.raw(`select * from "${name}"`))
        .filter((row) => JSON.stringify(row).includes("Varga"))
        .map((row) => ({ table: name, row })),
    );
  }
  const ratingsNow = () =>
    getDb()
      .select({ scorecardId: t.ratings.scorecardId, dimensionKey: t.ratings.dimensionKey, score: t.ratings.score })
      .from(t.ratings)
      .where(sql`${t.ratings.scorecardId} in (${sql.join(cardIds, sql`, `)})`)
      .all();

  it("requires the typed name: a wrong or empty confirmation is 400 and changes nothing", async () => {
    const before = mentionsOfName();
    expect(before.length).toBeGreaterThan(5);
    let res = await erase(candidateId, "");
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ confirmation: "Type the candidate's name to confirm" });
    res = await erase(candidateId, "Zoe");
    expect(res.status).toBe(400);
    expect((await res.json()).errors.confirmation).toMatch(/not the candidate's name/);
    expect(mentionsOfName()).toEqual(before);
  });

  it("erases the name and free text everywhere, keeps ratings, flags and scores, and logs it without the name", async () => {
    const ratingsBefore = ratingsNow();
    const res = await erase(candidateId, `  ${NAME} `);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/admin/candidates/${candidateId}?erased=1`);

    const candidate = getDb().select().from(t.candidates).where(eq(t.candidates.id, candidateId)).get()!;
    expect(candidate.name).toBe(`Erased candidate #${candidateId}`);
    expect(candidate.erasedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(mentionsOfName()).toEqual([]);

    expect(
      getDb()
        .select()
        .from(t.evidenceNotes)
        .where(sql`${t.evidenceNotes.scorecardId} in (${sql.join(cardIds, sql`, `)})`)
        .all(),
    ).toEqual([]);
    expect(ratingsNow()).toEqual(ratingsBefore);
    const cards = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).all();
    expect(
      cards.map((c) => [c.recommendation, c.recommendationJustification, c.weightedScore, c.status, c.revision]),
    ).toEqual([
      ["yes", "", 3.1, "submitted", 3],
      ["yes", "", 4.1, "submitted", 3],
    ]);
    expect(
      getDb()
        .select()
        .from(t.ratings)
        .where(eq(t.ratings.scorecardId, cardIds[0]))
        .all()
        .map((r) => r.capJustification),
    ).toEqual(["", ""]);
    expect(
      getDb().select().from(t.raisedRedFlags).where(eq(t.raisedRedFlags.scorecardId, cardIds[0])).all(),
    ).toHaveLength(1);
    const snapshot = getDb()
      .select()
      .from(t.scorecardRevisions)
      .where(eq(t.scorecardRevisions.scorecardId, cardIds[0]))
      .get()!;
    expect(snapshot.snapshot).toEqual({
      ratings: { ownership: 3 },
      notes: [],
      capJustifications: {},
      recommendationJustification: "",
      recommendation: "yes",
    });
    expect(snapshot.reason).toBe("[erased]");
    const amended = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "scorecard.amended")).all()[0];
    expect(amended.detail).toMatchObject({
      reason: "[erased]",
      changes: [
        { field: "ratings.ownership", from: 2, to: 3 },
        { from: null, to: "[erased]" },
      ],
    });
    expect(
      getDb().select().from(t.calibrationReviews).where(eq(t.calibrationReviews.interviewId, interviewId)).get(),
    ).toMatchObject({ agreedReading: "", notes: "", followUps: "" });

    // The debrief keeps its decision and votes (decision agreement keeps its data), not its free text.
    expect(getDb().select().from(t.debriefs).where(eq(t.debriefs.interviewId, interviewId)).get()).toMatchObject({
      decision: "hire",
      decisionNote: "",
    });
    expect(
      getDb()
        .select({
          round: t.debriefVotes.round,
          recommendation: t.debriefVotes.recommendation,
          reason: t.debriefVotes.reason,
        })
        .from(t.debriefVotes)
        .where(eq(t.debriefVotes.interviewId, interviewId))
        .orderBy(t.debriefVotes.id)
        .all(),
    ).toEqual([
      { round: "independent", recommendation: "yes", reason: "" },
      { round: "independent", recommendation: "no", reason: "" },
      { round: "revote", recommendation: "yes", reason: "[erased]" },
    ]);
    expect(
      getDb()
        .select({ detail: t.auditLog.detail })
        .from(t.auditLog)
        .where(eq(t.auditLog.entity, "debrief"))
        .orderBy(t.auditLog.id)
        .all()
        .map((e) => e.detail),
    ).toEqual([
      { interviewerId: expect.any(Number), from: "no", to: "yes", reason: "[erased]" },
      { decision: "hire", note: "[erased]" },
    ]);

    const erased = getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "candidate.erased")).get()!;
    expect(erased).toMatchObject({
      actorId: admin.id,
      entity: "candidate",
      entityId: candidateId,
      detail: {
        scorecards: 2,
        notesRemoved: 2,
        justificationsBlanked: 4,
        revisionsScrubbed: 2,
        reviewsBlanked: 1,
        debriefTextsBlanked: 2,
      },
    });
  });

  it("refuses a second erasure (409) and any new interview for the erased candidate", async () => {
    const res = await erase(candidateId, `Erased candidate #${candidateId}`);
    expect(res.status).toBe(409);
    const p1 = await createUser({ roles: ["interviewer"] });
    const p2 = await createUser({ roles: ["interviewer"] });
    const interviews = getDb().select({ n: count() }).from(t.interviews).get()!.n;
    const scheduled = await settle(
      scheduleAction({
        request: form("/admin/interviews?index", {
          candidateId: String(candidateId),
          variantKey: "default",
          scheduledAt: "2099-01-01T10:00",
          durationMinutes: "45",
          panel: [String(p1.id), String(p2.id)],
        }),
        params: {},
        context: {},
      }),
    );
    expect(scheduled.status).toBe(400);
    expect((await scheduled.json()).errors.candidateId).toMatch(/erased/);
    expect(getDb().select({ n: count() }).from(t.interviews).get()!.n).toBe(interviews);
  });
});
