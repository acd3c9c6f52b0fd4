// The debrief page and independence: nobody reads the others' scorecards before submitting their own; overdue scorecards.
import { describe, expect, it } from "vitest";
import { type IndependenceMode } from "~/domain/independence";
import { setIndependenceMode } from "~/models/settings.server";
import { loader as scorecardLoader } from "~/routes/interviews.$interviewId.scorecard";
import { loader as overdueLoader } from "~/routes/overdue";
import { createUser, request } from "../support/factories";
import { cookieOf } from "../support/route-calls";
import { alice, lead, interviewId, card, post, debriefAs, useDebriefPanel } from "../support/debrief-panel";

useDebriefPanel();

describe("independence", () => {
  const cases: [IndependenceMode, boolean, boolean][] = [
    // mode, Alice sees Bob before her own submission, after it
    ["never", false, false],
    ["after_submit", false, true],
    ["always", true, true],
  ];
  it.each(cases)(
    "mode %s: before own submission %s, after %s — asked for directly, not through the page",
    async (mode, before, after) => {
      setIndependenceMode(mode, lead.id);
      const early = await debriefAs(alice);
      expect(early.status).toBe(200);
      expect(early.text.includes("SECRET-EVIDENCE")).toBe(before);
      expect(early.text.includes('"recommendation":"no"')).toBe(before);

      // Her own scorecard page never carries another panellist's data either.
      const own = await scorecardLoader({
        request: await request(`/interviews/${interviewId}/scorecard`, { cookie: await cookieOf(alice) }),
        params: { interviewId: String(interviewId) },
        context: {},
      });
      expect(await own.text()).not.toContain("SECRET-EVIDENCE");

      expect((await post(alice, card())).status).toBe(200);
      const late = await debriefAs(alice);
      expect(late.text.includes("SECRET-EVIDENCE")).toBe(after);
      // Leads always see everything.
      expect((await debriefAs(lead)).text).toContain("SECRET-EVIDENCE");
    },
  );

  it("answers 404 to someone neither on the panel nor a lead", async () => {
    const outsider = await createUser();
    expect((await debriefAs(outsider)).status).toBe(404);
  });

  it("shows the spread per dimension and a split recommendation", async () => {
    await post(alice, card());
    const { text } = await debriefAs(lead);
    const data = JSON.parse(text);
    expect(data.spread.dimensions.find((d: { dimension: string }) => d.dimension === "ownership")).toMatchObject({
      spread: 2,
      wide: true,
    });
    expect(data.spread.dimensions.find((d: { dimension: string }) => d.dimension === "accountability")).toMatchObject({
      spread: 1,
      wide: false,
    });
    expect(data.spread.split).toBe(true);
  });
});

describe("overdue scorecards", () => {
  it("marks a panellist who has not submitted a day after the interview, and lists it for leads only", async () => {
    const { text } = await debriefAs(lead);
    const panel = JSON.parse(text).panel as { name: string; overdue: boolean }[];
    expect(panel.map((m) => [m.name, m.overdue])).toEqual([
      ["Alice", true],
      ["Bob", false],
    ]);
    const res = await overdueLoader({
      request: await request("/overdue", { cookie: await cookieOf(lead) }),
      params: {},
      context: {},
    });
    const { overdue } = await res.json();
    expect(overdue).toContainEqual(
      expect.objectContaining({ interviewId, interviewerName: "Alice", status: "not_started" }),
    );
    expect(
      overdue.some(
        (o: { interviewerName: string; interviewId: number }) =>
          o.interviewId === interviewId && o.interviewerName === "Bob",
      ),
    ).toBe(false);
    const refused = await overdueLoader({
      request: await request("/overdue", { cookie: await cookieOf(alice) }),
      params: {},
      context: {},
    }).catch((e: unknown) => e as Response);
    expect(refused.status).toBe(404);
  });
});
