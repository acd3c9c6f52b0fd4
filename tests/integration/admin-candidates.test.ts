// Admin candidates: adding one, the list and its search, interview counts, and 404s.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { loader as detailLoader } from "~/routes/admin.candidates.$candidateId";
import { loader as listLoader } from "~/routes/admin.candidates._index";
import { settle } from "../support/route-calls";
import { admin, useAdmin, addCandidate, get, rowCount } from "../support/admin-candidates";

useAdmin();

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
