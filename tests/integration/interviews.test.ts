import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { loader } from "~/routes/interviews._index";
import { createInterview, createUser, request, sessionCookieFor } from "../support/factories";

describe("/interviews", () => {
  it("lists only the signed-in interviewer's interviews, grouped, with their own scorecard's state", async () => {
    const me = await createUser({ name: "Me" });
    const other = await createUser({ name: "Other" });
    const day = 86_400_000;
    const past = createInterview({
      panel: [me, other],
      scheduledAt: new Date(Date.now() - 3 * day),
      candidateName: "Past Pat",
    });
    createInterview({ panel: [me], scheduledAt: new Date(Date.now() + 3 * day), candidateName: "Future Fay" });
    createInterview({ panel: [other], scheduledAt: new Date(Date.now() + day), candidateName: "Not Mine" });
    getDb()
      .insert(t.scorecards)
      .values({ interviewId: past.id, interviewerId: other.id, rubricVersionId: 1, variantKey: "default" })
      .run();
    getDb()
      .insert(t.scorecards)
      .values({ interviewId: past.id, interviewerId: me.id, rubricVersionId: 1, variantKey: "default" })
      .run();

    const response = await loader({
      request: await request("/interviews", { cookie: await sessionCookieFor(me.id) }),
      params: {},
      context: {},
    });
    const { groups } = await response.json();
    expect(groups.upcoming.map((i: { candidateName: string }) => i.candidateName)).toEqual(["Future Fay"]);
    expect(groups.past).toEqual([
      expect.objectContaining({
        candidateName: "Past Pat",
        panelSize: 2,
        scorecardStatus: "draft",
        variantName: "Default",
      }),
    ]);
    expect(groups.upcoming[0].scorecardStatus).toBe("not_started");
    expect(JSON.stringify(groups)).not.toContain("Not Mine");
  });
});
