// Red flags against the notes behind them, through the real scorecard action, on real SQLite.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { COACH_ANALYSER_VERSION } from "~/domain/coach/flag-evidence";
import { readNoteFlags } from "~/models/coach.server";
import { setIndependenceMode } from "~/models/settings.server";
import { loader as interviewersLoader } from "~/routes/calibration.interviewers";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { loader as debriefLoader } from "~/routes/interviews.$interviewId._index";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let alice: User;
let bob: User;
let lead: User;
let interviewId: number;

const note = (id: string, text: string) => ({ id, dimension: "ownership", elapsedSeconds: 60, text });
const card = (redFlags: string[], notes: ReturnType<typeof note>[], intent = "submit") => ({
  intent,
  baseRevision: 0,
  rubricVersionId: 1,
  ratings: { ownership: 1, accountability: 1, repair: 1, behavioural_change: 1 },
  capJustifications: {},
  redFlags,
  star: ["situation"],
  recommendation: "no",
  recommendationJustification: "",
  notes,
});

async function save(user: User, body: Record<string, unknown>, id = interviewId) {
  const req = new Request(`http://localhost/interviews/${id}/scorecard`, {
    method: "POST",
    headers: { Cookie: await sessionCookieFor(user.id), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = (await scorecardAction({ request: req, params: { interviewId: String(id) }, context: {} })) as Response;
  expect(res.status, await res.clone().text()).toBe(200);
}

async function debriefAs(user: User) {
  const res = await debriefLoader({
    request: await request(`/interviews/${interviewId}`, { cookie: await sessionCookieFor(user.id) }),
    params: { interviewId: String(interviewId) },
    context: {},
  });
  return (await res.json()) as { flagEvidence: Array<{ name: string; evidence: Record<string, unknown> }> };
}

beforeEach(async () => {
  alice = await createUser({ name: "Alice" });
  bob = await createUser({ name: "Bob" });
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  interviewId = createInterview({ panel: [alice, bob], scheduledAt: new Date("2026-11-10T10:00:00Z") }).id;
  setIndependenceMode("after_submit", lead.id);
  // Bob's notes point to passive voice and a generic lesson; he raised passive voice and
  // generic lesson, plus blame diffusion with no note behind it.
  await save(
    bob,
    card(
      ["passive_voice", "blame_diffusion"],
      [note("b1", '"The decision was made to ship on Friday."'), note("b2", '"I learned to be more careful."')],
    ),
  );
});

describe("debrief", () => {
  it("shows, per visible scorecard, suggested flags raised and raised flags without a note", async () => {
    const { flagEvidence } = await debriefAs(lead);
    expect(flagEvidence).toHaveLength(1); // Alice has not submitted
    expect(flagEvidence[0]).toMatchObject({
      name: "Bob",
      evidence: {
        scorecards: 1,
        suggested: 2,
        taken: 1,
        raised: 2,
        unsupported: 1,
        uptake: 0.5,
        unsupportedShare: 0.5,
      },
    });
    expect(flagEvidence[0].evidence.flags).toEqual(
      expect.arrayContaining([
        { flag: "passive_voice", suggested: true, raised: true },
        { flag: "generic_lesson", suggested: true, raised: false },
        { flag: "blame_diffusion", suggested: false, raised: true },
      ]),
    );
  });

  it("keeps independence: before submitting, an interviewer sees no other panellist's figures", async () => {
    expect((await debriefAs(alice)).flagEvidence).toEqual([]);
    await save(alice, card([], [note("a1", '"We dropped the ball on the handover."')]));
    const names = (await debriefAs(alice)).flagEvidence.map((r) => r.name).sort();
    expect(names).toEqual(["Alice", "Bob"]);
  });
});

describe("calibration dashboard", () => {
  async function dashboard(search = "") {
    const res = await interviewersLoader({
      request: await request(`/calibration/interviewers${search}`, { cookie: await sessionCookieFor(lead.id) }),
      params: {},
      context: {},
    });
    return (await res.json()) as {
      flagEvidence: Array<{ interviewerId: number; name: string; evidence: Record<string, unknown> }>;
    };
  }

  it("counts every submitted scorecard per interviewer, drafts and filtered-out interviews left out", async () => {
    await save(alice, card(["blame_diffusion"], [note("a1", '"We dropped the ball on the handover."')]));
    const later = createInterview({ panel: [alice], scheduledAt: new Date("2026-11-20T10:00:00Z") }).id;
    await save(alice, card([], [note("a2", '"Mistakes were made."')]), later);
    const draftInterview = createInterview({ panel: [bob], scheduledAt: new Date("2026-11-21T10:00:00Z") }).id;
    await save(bob, card(["claims_immunity"], [], "save"), draftInterview);

    const all = await dashboard();
    // The database is shared by this file's tests: pick this test's people by id.
    const rows = Object.fromEntries(
      all.flagEvidence.filter((r) => [alice.id, bob.id].includes(r.interviewerId)).map((r) => [r.name, r.evidence]),
    );
    expect(Object.keys(rows)).toEqual(["Alice", "Bob"]);
    expect(rows.Alice).toMatchObject({
      scorecards: 2,
      suggested: 2,
      taken: 1,
      raised: 1,
      unsupported: 0,
      uptake: 0.5,
      unsupportedShare: 0,
    });
    expect(rows.Bob).toMatchObject({ scorecards: 1, suggested: 2, taken: 1, raised: 2, unsupported: 1 });

    const early = await dashboard("?to=2026-11-15");
    expect(early.flagEvidence.find((r) => r.interviewerId === alice.id)!.evidence).toMatchObject({
      scorecards: 1,
      suggested: 1,
      taken: 1,
    });
  });
});

describe("note flag cache", () => {
  it("stores what the coach read, and reads a note again when its text changes", () => {
    const db = getDb();
    const notes = db.select({ id: t.evidenceNotes.id, text: t.evidenceNotes.text }).from(t.evidenceNotes).all();
    expect(readNoteFlags(notes).get(notes[0].id)).toEqual(expect.any(Array));
    const cached = db.select().from(t.evidenceNoteFlags).all();
    expect(cached.map((r) => r.analyserVersion)).toEqual(notes.map(() => COACH_ANALYSER_VERSION));
    expect(cached.find((r) => r.flags.includes("passive_voice"))).toBeDefined();

    const passive = notes.find((n) => n.text.includes("was made"))!;
    expect(readNoteFlags([{ ...passive, text: "I made the decision to ship on Friday." }]).get(passive.id)).toEqual([]);
    expect(
      db.select().from(t.evidenceNoteFlags).where(eq(t.evidenceNoteFlags.noteId, passive.id)).get()!.flags,
    ).toEqual([]);
  });
});
