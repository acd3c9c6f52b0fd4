// Practice on the seed exemplars: the /practice page, practising, and practice kept out of every real statistic.
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { SEED_EXEMPLARS } from "~/domain/seed-exemplars";
import { ensureSeedExemplars, listExemplars, startPractice } from "~/models/exemplar.server";
import { listInterviewsForInterviewer, listOverdueScorecards } from "~/models/interview.server";
import { exportRatings, exportScorecardRedFlags } from "~/models/rating-export.server";
import { loader as interviewsLoader } from "~/routes/interviews._index";
import { loader as overdueLoader } from "~/routes/overdue";
import { createInterview, createUser, request } from "../support/factories";
import { cookieOf } from "../support/route-calls";
import {
  lead,
  usePracticeSetup,
  PIP,
  API,
  practise,
  practicePage,
  scorecardPage,
  startedInterview,
  submit,
  rows,
} from "../support/practice";

usePracticeSetup();

describe("the seed exemplars", () => {
  it("are stored once, verbatim, with their keys, however often start-up runs", () => {
    ensureSeedExemplars(getDb());
    const stored = listExemplars().slice(0, 2);
    expect(stored.map((e) => e.id)).toEqual([PIP, API]);
    expect(
      stored.map(({ title, answer, source, level, referenceKey }) => ({ title, answer, source, level, referenceKey })),
    ).toEqual(SEED_EXEMPLARS);
    expect(getDb().select({ n: count() }).from(t.exemplars).get()!.n).toBe(2);
  });
});

describe("/practice", () => {
  it("creates the user's practice interview once — the user alone on its panel — and goes to its scorecard", async () => {
    const me = await createUser({ name: "Pat Practice" });
    const before = rows();
    const interviewId = await startedInterview(me, API);
    const interview = getDb().select().from(t.interviews).where(eq(t.interviews.id, interviewId)).get()!;
    expect(interview.exemplarId).toBe(API);
    expect(Math.abs(Date.parse(interview.scheduledAt) - Date.now())).toBeLessThan(60_000);
    const candidate = getDb().select().from(t.candidates).where(eq(t.candidates.id, interview.candidateId)).get()!;
    expect(candidate).toMatchObject({
      name: "Practice: The API contract that changed under the frontend team",
      targetLevel: "senior",
    });
    expect(
      getDb().select().from(t.panelAssignments).where(eq(t.panelAssignments.interviewId, interviewId)).all(),
    ).toEqual([{ interviewId, interviewerId: me.id, submitted: false }]);
    expect(rows()).toEqual({
      ...before,
      candidates: before.candidates + 1,
      interviews: before.interviews + 1,
      panel: before.panel + 1,
      audit: before.audit + 1,
    });

    // Again: the same interview, nothing new.
    const after = rows();
    expect(await startedInterview(me, API)).toBe(interviewId);
    expect(rows()).toEqual(after);
  });

  it("refuses a malformed exemplar with 400 and an unknown one with 404, creating nothing", async () => {
    const me = await createUser();
    const before = rows();
    const bad = await practise(me, { intent: "practise", exemplarId: "two" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ exemplarId: "Choose an exemplar" });
    expect((await practise(me, { intent: "practise" })).status).toBe(400);
    expect((await practise(me, { intent: "delete", exemplarId: "1" })).status).toBe(400);
    expect((await practise(me, { intent: "practise", exemplarId: "4242" })).status).toBe(404);
    expect(rows()).toEqual(before);
  });

  it("shows the answer on the scorecard page, labelled as practice, and only there", async () => {
    const me = await createUser();
    const interviewId = await startedInterview(me, PIP);
    const data = await (await scorecardPage(me, interviewId)).json();
    expect(data.practice).toEqual({
      id: PIP,
      title: SEED_EXEMPLARS[0].title,
      answer: SEED_EXEMPLARS[0].answer,
      source: SEED_EXEMPLARS[0].source,
    });
    expect(data.interview.candidateName).toBe(`Practice: ${SEED_EXEMPLARS[0].title}`);
    const real = createInterview({ panel: [me] });
    expect((await (await scorecardPage(me, real.id)).json()).practice).toBeNull();
    // Someone else's practice interview does not exist for them.
    expect((await scorecardPage(await createUser(), interviewId)).status).toBe(404);
  });

  it("keeps the key hidden until the user submits, then shows their scores beside it", async () => {
    const me = await createUser();
    const interviewId = await startedInterview(me, API);
    const before = await (await practicePage(me)).json();
    const api = before.exemplars.find((e: { id: number }) => e.id === API);
    expect(api).toMatchObject({ status: "not_started", interviewId, comparison: null });
    expect(JSON.stringify(before)).not.toContain(SEED_EXEMPLARS[1].referenceKey.rationale.repair);

    await submit(me, interviewId, { ownership: 4, accountability: 3, repair: 4, behavioural_change: 2 }, "yes", [
      "no_mechanism",
    ]);
    const after = (await (await practicePage(me)).json()).exemplars.find((e: { id: number }) => e.id === API);
    expect(after.status).toBe("submitted");
    expect(
      after.comparison.dimensions.map((d: { dimension: string; score: number; key: number; difference: number }) => [
        d.dimension,
        d.score,
        d.key,
        d.difference,
      ]),
    ).toEqual([
      ["ownership", 4, 4, 0],
      ["accountability", 3, 4, -1],
      ["repair", 4, 3, 1],
      ["behavioural_change", 2, 4, -2],
    ]);
    expect(after.comparison.dimensions[2].rationale).toBe(SEED_EXEMPLARS[1].referenceKey.rationale.repair);
    expect(after.comparison.recommendation).toEqual({ yours: "yes", key: "strong_yes", same: false });
    expect(after.comparison.redFlags).toEqual({ both: [], onlyYours: ["no_mechanism"], onlyKey: [] });
    expect(after.comparison.meanAbsolute).toBe(1);
    // The other exemplar is still unscored: its key stays hidden.
    expect(
      (await (await practicePage(me)).json()).exemplars.find((e: { id: number }) => e.id === PIP).comparison,
    ).toBeNull();
  });
});

describe("practice is kept out of every real statistic", () => {
  it("never reaches the rating export, the red-flag export, the interview list or the overdue list", async () => {
    const me = await createUser({ name: "Quentin Quarantine", email: "quarantine@example.test" });
    const colleague = await createUser();
    // A real interview three days ago, scored; a practice one, submitted; another practice one, left as a draft three days ago.
    const real = createInterview({
      panel: [me, colleague],
      scheduledAt: new Date(Date.now() - 3 * 86_400_000),
      candidateName: "Real Rita",
    });
    await submit(me, real.id, { ownership: 2, accountability: 2, repair: 2, behavioural_change: 2 }, "no");
    const practiceId = await startedInterview(me, PIP);
    await submit(me, practiceId, { ownership: 4, accountability: 4, repair: 4, behavioural_change: 4 }, "strong_yes");
    const stale = startPractice(API, me.id, { now: new Date(Date.now() - 3 * 86_400_000) });
    expect(stale.kind).toBe("started");
    const staleId = (stale as { interviewId: number }).interviewId;

    const mine = exportRatings({ interviewerIds: [me.id] });
    expect(mine.map((r) => r.candidate)).toEqual(Array(4).fill(`Real Rita #${real.candidateId}`));
    expect(mine.every((r) => r.score === 2)).toBe(true);
    expect(exportRatings().some((r) => r.candidate.startsWith("Practice:"))).toBe(false);
    expect(exportScorecardRedFlags().some((r) => r.candidate.startsWith("Practice:"))).toBe(false);

    expect(listInterviewsForInterviewer(me.id).map((i) => i.id)).toEqual([real.id]);
    const listed = await (
      await interviewsLoader({
        request: await request("/interviews", { cookie: await cookieOf(me) }),
        params: {},
        context: {},
      })
    ).json();
    expect(JSON.stringify(listed)).not.toContain("Practice:");

    const overdue = listOverdueScorecards(new Date());
    expect(overdue.some((o) => o.interviewId === staleId || o.interviewId === practiceId)).toBe(false);
    expect(overdue.some((o) => o.interviewId === real.id)).toBe(true); // the colleague's unsubmitted scorecard
    const page = await (
      await overdueLoader({
        request: await request("/overdue", { cookie: await cookieOf(lead) }),
        params: {},
        context: {},
      })
    ).json();
    expect(JSON.stringify(page)).not.toContain("Practice:");
  });
});
