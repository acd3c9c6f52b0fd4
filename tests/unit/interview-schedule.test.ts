import { describe, expect, it } from "vitest";
import { groupBySchedule } from "~/domain/interview-schedule";
import { formatElapsed } from "~/utils/format";

describe("groupBySchedule", () => {
  const start = new Date("2026-11-22T00:00:00Z");
  const end = new Date("2026-11-23T00:00:00Z");
  it("splits at the day's edges and orders each group the way it is read", () => {
    const items = [
      "2026-11-21T23:59:59Z",
      "2026-11-22T00:00:00Z",
      "2026-11-22T18:00:00Z",
      "2026-11-23T00:00:00Z",
      "2026-11-20T10:00:00Z",
      "2026-11-25T09:00:00Z",
    ].map((scheduledAt) => ({ scheduledAt }));
    const groups = groupBySchedule(items, start, end);
    expect(groups.today.map((i) => i.scheduledAt)).toEqual(["2026-11-22T00:00:00Z", "2026-11-22T18:00:00Z"]);
    expect(groups.upcoming.map((i) => i.scheduledAt)).toEqual(["2026-11-23T00:00:00Z", "2026-11-25T09:00:00Z"]);
    expect(groups.past.map((i) => i.scheduledAt)).toEqual(["2026-11-21T23:59:59Z", "2026-11-20T10:00:00Z"]);
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "0:00"],
    [59, "0:59"],
    [754, "12:34"],
    [3600, "1:00:00"],
    [-5, "0:00"],
  ])("%d s reads %s", (seconds, text) => expect(formatElapsed(seconds)).toBe(text));
});
