// The scorecard action's autosave: what a save stores, revisions, conflicts and merges.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import {
  interviewId,
  useScorecardInterview,
  draft,
  complete,
  post,
  stored,
  expectRefused,
} from "../support/scorecard-action";

useScorecardInterview();

describe("autosave", () => {
  it("saves a draft: ratings, flags, STAR, notes and timer, at revision 1", async () => {
    const res = await post(draft());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ autosave: true, revision: 1, submitted: false });
    const card = getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!;
    expect(card).toMatchObject({
      status: "draft",
      revision: 1,
      timerElapsedMs: 120_000,
      rubricVersionId: 1,
      variantKey: "default",
      weightedScore: null,
    });
    expect(getDb().select().from(t.ratings).where(eq(t.ratings.scorecardId, card.id)).all()).toEqual([
      { scorecardId: card.id, dimensionKey: "ownership", score: 3, capJustification: "" },
    ]);
    expect(getDb().select().from(t.evidenceNotes).where(eq(t.evidenceNotes.scorecardId, card.id)).all()).toEqual([
      expect.objectContaining({
        clientId: "note-1",
        dimensionKey: "ownership",
        elapsedSeconds: 95,
        text: 'Said "I assumed" — first person.',
      }),
    ]);
  });

  it("replaces the whole draft on the next save: edited and removed notes, cleared flags", async () => {
    await post(draft());
    const res = await post(
      draft({
        baseRevision: 1,
        redFlags: [],
        notes: [{ id: "note-2", dimension: "repair", elapsedSeconds: 200, text: "Rolled back." }],
      }),
    );
    expect((await res.json()).revision).toBe(2);
    const [row] = stored() as { r: string; f: string; n: string }[];
    expect(JSON.parse(row.f)).toEqual([]);
    expect(JSON.parse(row.n)).toEqual(["note-2:Rolled back."]);
  });

  it("merges a save based on an older revision (a second tab) field by field, and reports a field changed on both sides", async () => {
    await post(draft());
    await post(draft({ baseRevision: 1, ratings: { ownership: 4 } }));
    // The second tab, still on revision 1: Ownership changed on both sides, a STAR tick only here.
    const res = await post(
      draft({ baseRevision: 1, ratings: { ownership: 1 }, star: ["situation", "action", "result"] }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ autosave: true, kind: "saved", revision: 3, submitted: false });
    expect(body.conflicts).toEqual([{ field: "ratings.ownership", base: 3, mine: 1, theirs: 4 }]);
    // Nothing replaced silently: the stored 4 stands until the interviewer chooses; the tick is merged in.
    expect(body.merged).toMatchObject({ ratings: { ownership: 4 }, star: ["action", "result", "situation"] });
    const [row] = stored() as { r: string; x: string }[];
    expect(JSON.parse(row.r)).toEqual(["ownership=4"]);
    expect(JSON.parse(row.x).sort()).toEqual(["action", "result", "situation"]);
  });

  it("does not submit a card whose save met a conflict: it is saved as a draft, with the conflict", async () => {
    await post(complete());
    await post(complete({ baseRevision: 1, recommendation: "strong_yes", recommendationJustification: "exceptional" }));
    const res = await post(
      complete({ baseRevision: 1, intent: "submit", recommendation: "no", recommendationJustification: "weak repair" }),
    );
    const body = await res.json();
    expect(body).toMatchObject({ kind: "saved", submitted: false });
    expect(body.conflicts.map((c: { field: string }) => c.field)).toContain("recommendation");
    expect((stored() as { status: string }[])[0].status).toBe("draft");
  });

  it("keeps dismissed coach suggestions with the draft, merges two tabs' dismissals, and drops those of a removed note", async () => {
    const dismissedOf = () =>
      getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewId, interviewId)).get()!.coachDismissed;
    await post(draft({ coachDismissed: ["note-1|passive_voice:6-14"] }));
    expect(dismissedOf()).toEqual(["note-1|passive_voice:6-14"]);
    const two = [
      { id: "note-1", dimension: "ownership", elapsedSeconds: 95, text: 'Said "I assumed" — first person.' },
      { id: "note-2", dimension: "repair", elapsedSeconds: 200, text: "Mistakes were made." },
    ];
    await post(draft({ baseRevision: 1, notes: two, coachDismissed: ["note-1|passive_voice:6-14"] }));
    // A second tab on revision 2 dismisses another suggestion; this one dismisses a third.
    await post(
      draft({
        baseRevision: 2,
        notes: two,
        coachDismissed: ["note-1|passive_voice:6-14", "note-2|passive_voice:0-18"],
      }),
    );
    const res = await post(
      draft({ baseRevision: 2, notes: two, coachDismissed: ["note-1|hedging:0-4", "note-1|passive_voice:6-14"] }),
    );
    expect((await res.json()).conflicts).toEqual([]);
    expect(dismissedOf()).toEqual(["note-1|hedging:0-4", "note-1|passive_voice:6-14", "note-2|passive_voice:0-18"]);
    // note-1 removed: its dismissals go with it.
    await post(
      draft({
        baseRevision: 4,
        notes: [two[1]],
        coachDismissed: ["note-1|hedging:0-4", "note-1|passive_voice:6-14", "note-2|passive_voice:0-18"],
      }),
    );
    expect(dismissedOf()).toEqual(["note-2|passive_voice:0-18"]);
    // A client that sends none (a plain form post) keeps what is stored.
    await post(draft({ baseRevision: 5, notes: [two[1]], coachDismissed: undefined }));
    expect(dismissedOf()).toEqual(["note-2|passive_voice:0-18"]);
  });

  it("refuses a first save that claims a revision the server never had", async () => {
    await expectRefused(post(draft({ baseRevision: 3 })), 409, /never had/);
  });
});
