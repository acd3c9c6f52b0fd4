// The overdue page and the reminders read one query of unsubmitted panel seats; each keeps its own
// cut: the overdue page lists interviews that ended strictly before its instant and every panellist,
// the reminders those that ended by it and only active panellists.
import { beforeAll, describe, expect, it } from "vitest";
import { listOverdueScorecards } from "~/models/interview.server";
import { listLateScorecards } from "~/models/reminder.server";
import { createInterview, createScorecard, createUser } from "../support/factories";

const START = new Date("2030-03-04T09:00:00.000Z");
/** The default 45 minutes later. */
const END = new Date("2030-03-04T09:45:00.000Z");
let interviewId: number;
let ids: { active: number; inactive: number; drafting: number; submitted: number };

beforeAll(async () => {
  const active = await createUser({ name: "Active Ann" });
  const inactive = await createUser({ name: "Gone Gil", active: false });
  const drafting = await createUser({ name: "Drafting Dee" });
  const submitted = await createUser({ name: "Done Dan" });
  ids = { active: active.id, inactive: inactive.id, drafting: drafting.id, submitted: submitted.id };
  interviewId = createInterview({ panel: [active, inactive, drafting, submitted], scheduledAt: START }).id;
  createScorecard({ interviewId, interviewerId: drafting.id, status: "draft" });
  createScorecard({ interviewId, interviewerId: submitted.id, submittedAt: END.toISOString() });
});

const overdueNames = (at: Date) =>
  listOverdueScorecards(at)
    .filter((r) => r.interviewId === interviewId)
    .map((r) => [r.interviewerName, r.status]);
const lateIds = (at: Date) =>
  listLateScorecards(at)
    .filter((r) => r.interviewId === interviewId)
    .map((r) => r.interviewerId);

describe("unsubmitted panel seats", () => {
  it("the overdue page: every panellist without a submitted card, once the interview ended before the instant", () => {
    expect(overdueNames(END)).toEqual([]);
    expect(overdueNames(new Date(END.getTime() + 1))).toEqual([
      ["Active Ann", "not_started"],
      ["Gone Gil", "not_started"],
      ["Drafting Dee", "draft"],
    ]);
    expect(Object.keys(listOverdueScorecards(new Date(END.getTime() + 1))[0]).sort()).toEqual(
      ["candidateName", "durationMinutes", "interviewId", "interviewerName", "scheduledAt", "status"].sort(),
    );
  });

  it("the reminders: active panellists without a submitted card, from the instant the interview ends", () => {
    expect(lateIds(new Date(END.getTime() - 1))).toEqual([]);
    expect(lateIds(END)).toEqual([ids.active, ids.drafting]);
    const [row] = listLateScorecards(END).filter((r) => r.interviewId === interviewId);
    expect(row).toEqual({
      interviewId,
      interviewerId: ids.active,
      interviewerName: "Active Ann",
      interviewerEmail: expect.stringContaining("@"),
      candidateName: expect.any(String),
      endedAt: END.toISOString(),
    });
  });
});
