import { describe, expect, it } from "vitest";
import { isIsoDate } from "~/domain/iso-date";

describe("isIsoDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2026-12-31", true],
    ["2023-02-29", false],
    ["1900-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-1-01", false],
    ["2026-01-01T00:00:00Z", false],
    [" 2026-01-01", false],
    ["", false],
  ])("%s -> %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
