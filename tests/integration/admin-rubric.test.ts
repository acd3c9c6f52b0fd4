import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { action as scheduleAction } from "~/routes/admin.interviews._index";
import { loader } from "~/routes/admin.rubric";
import { admin, cookie, useAdmin } from "../support/admin-session";
import { edited, expectRefused, post } from "../support/admin-rubric";
import { createInterview, createUser } from "../support/factories";

// The rubric editor: its page, and saving a new version. (What it refuses: admin-rubric-refusals.test.ts.)

useAdmin();

/** The admin rubric page's loader data, as the signed-in admin. */
async function rubricPage() {
  const request = new Request("http://localhost/admin/rubric", { headers: { Cookie: cookie } });
  return (await loader({ request, params: {}, context: {} })).json();
}

describe("admin rubric: the page", () => {
  it("shows the current version and the history with notes", async () => {
    const data = await rubricPage();
    expect(data.version.id).toBe(getLatestRubricVersion().id);
    expect(data.version.rubric.dimensions).toHaveLength(4);
    expect(data.versions.at(-1)).toMatchObject({ id: 1, note: "Default rubric derived from seeds 000 and 004" });
  });

  it("round-trips: the unedited form posts back as a valid rubric with nothing changed", async () => {
    const errors = await expectRefused(
      edited(() => {}),
      { form: "Nothing in the rubric changed, so no new version was made." },
    );
    expect(Object.keys(errors)).toEqual(["form"]);
  });
});

describe("admin rubric: saving a new version", () => {
  it("saves an edit as a new version, and started scorecards and scheduled interviews keep theirs", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const interview = createInterview({ panel: [a, b], variantKey: "amazon" });
    const card = getDb()
      .insert(t.scorecards)
      .values({ interviewId: interview.id, interviewerId: a.id, rubricVersionId: 1, variantKey: "amazon" })
      .returning()
      .get();
    getDb().insert(t.ratings).values({ scorecardId: card.id, dimensionKey: "repair", score: 3 }).run();
    const before = getLatestRubricVersion().id;

    const res = await post(
      edited((v) => {
        v.dimensions[0].weight = 30; // ownership 25 -> 30
        v.dimensions[3].weight = 30; // behavioural change 35 -> 30
        v.dimensions[2].anchors[0].text = "No concrete action at all.";
        v.dimensions[2].probes += "\nWho did you tell first?";
        v.redFlags[0].caps = [{ dimension: "ownership", max: 2 }];
        v.redFlags.push({
          key: "rehearsed",
          name: "Rehearsed script",
          description: "Recites a polished story; cannot go off script.",
          caps: [{ dimension: "accountability", max: 3 }],
          source: "Panel feedback",
        });
        const amazon = v.variants.find((x) => x.key === "amazon")!;
        amazon.focus = "Earn Trust";
        amazon.ownWeights = true;
        amazon.weights = { ownership: 20, accountability: 20, repair: 35, behavioural_change: 25 };
        v.variants = v.variants.filter((x) => x.key !== "netflix");
        v.variants.push({
          key: "acme",
          company: "Acme",
          name: "Acme — speed",
          focus: "Speed",
          question: "Tell me about a mistake you made.",
          probes: "How fast did you own it?",
          ownWeights: false,
          weights: {},
          rationale: "Asked by Acme's panels",
        });
      }, "Heavier ownership; Acme variant; Netflix retired"),
    );
    expect(res.status).toBe(302);
    const latest = getLatestRubricVersion();
    expect(latest.id).toBe(before + 1);
    expect(res.headers.get("Location")).toBe(`/admin/rubric?saved=${latest.id}`);

    const r = latest.rubric;
    expect(r.dimensions.map((d) => d.weight)).toEqual([30, 20, 20, 30]);
    expect(r.dimensions[2].anchors[0]).toEqual({ score: 1, text: "No concrete action at all." });
    expect(r.dimensions[2].probes.at(-1)).toBe("Who did you tell first?");
    expect(r.redFlags[0].caps).toEqual([{ dimension: "ownership", max: 2 }]);
    expect(r.redFlags.at(-1)).toMatchObject({ key: "rehearsed", caps: [{ dimension: "accountability", max: 3 }] });
    expect(r.variants.find((x) => x.key === "amazon")).toMatchObject({
      focus: "Earn Trust",
      weights: { ownership: 20, accountability: 20, repair: 35, behavioural_change: 25 },
    });
    expect(r.variants.find((x) => x.key === "acme")).toMatchObject({
      company: "Acme",
      probes: ["How fast did you own it?"],
      weights: null,
    });
    expect(r.variants.find((x) => x.key === "meta")).toMatchObject({ company: "Meta", weights: null });
    expect(r.variants.some((x) => x.key === "netflix")).toBe(false);
    // Unedited parts come from the version that was edited.
    expect(r.question).toBe(DEFAULT_RUBRIC.question);
    expect(r.levels).toEqual(DEFAULT_RUBRIC.levels);
    expect(
      getDb()
        .select({ key: t.variants.key })
        .from(t.variants)
        .where(eq(t.variants.rubricVersionId, latest.id))
        .all()
        .map((v) => v.key),
    ).toContain("acme");

    const version = getDb().select().from(t.rubricVersions).where(eq(t.rubricVersions.id, latest.id)).get()!;
    expect(version).toMatchObject({ note: "Heavier ownership; Acme variant; Netflix retired", createdBy: admin.id });
    const audit = getDb()
      .select()
      .from(t.auditLog)
      .where(eq(t.auditLog.action, "rubric.version_created"))
      .all()
      .at(-1)!;
    expect(audit).toMatchObject({
      actorId: admin.id,
      entity: "rubric_version",
      entityId: latest.id,
      detail: { basedOn: before, note: "Heavier ownership; Acme variant; Netflix retired" },
    });
    expect((audit.detail as { changes: string[] }).changes).toEqual(
      expect.arrayContaining([
        "dimensions.ownership.weight",
        "dimensions.repair.anchors",
        "redFlags.rehearsed added",
        "variants.acme added",
        "variants.netflix removed",
        "variants.amazon.weights",
      ]),
    );

    // Nothing already started moves: the scorecard and its interview keep version 1.
    expect(getDb().select().from(t.scorecards).where(eq(t.scorecards.id, card.id)).get()).toMatchObject({
      rubricVersionId: 1,
      variantKey: "amazon",
    });
    expect(getDb().select().from(t.interviews).where(eq(t.interviews.id, interview.id)).get()!.rubricVersionId).toBe(1);
    expect(getDb().select().from(t.ratings).where(eq(t.ratings.scorecardId, card.id)).all()).toEqual([
      { scorecardId: card.id, dimensionKey: "repair", score: 3, capJustification: "" },
    ]);

    // An interview scheduled now gets the new version, and may use its new variant.
    const candidate = getDb()
      .insert(t.candidates)
      .values({ name: "New Version Nia", targetLevel: "mid" })
      .returning()
      .get();
    const body = new URLSearchParams([
      ["candidateId", String(candidate.id)],
      ["variantKey", "acme"],
      ["scheduledAt", new Date(Date.now() + 86_400_000).toISOString().slice(0, 16)],
      ["durationMinutes", "45"],
      ["panel", String(a.id)],
      ["panel", String(b.id)],
    ]);
    const scheduled = (await scheduleAction({
      request: new Request("http://localhost/admin/interviews?index", {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      }),
      params: {},
      context: {},
    })) as Response;
    expect(scheduled.status).toBe(302);
    const newId = Number(scheduled.headers.get("Location")!.split("=")[1]);
    expect(getDb().select().from(t.interviews).where(eq(t.interviews.id, newId)).get()).toMatchObject({
      rubricVersionId: latest.id,
      variantKey: "acme",
    });
  });

  it("history lists every version with its note and how much uses it", async () => {
    const data = await rubricPage();
    expect(data.versions[0]).toMatchObject({
      note: "Heavier ownership; Acme variant; Netflix retired",
      interviews: 1,
      scorecards: 0,
    });
    expect(data.versions.at(-1)).toMatchObject({ id: 1, interviews: 1, scorecards: 1 });
  });
});
