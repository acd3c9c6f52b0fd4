// axe-core on every page, in Chromium: no serious or critical WCAG 2.0/2.1 A/AA violation anywhere.
// Each check also saves a screenshot as test-results/a11y-*.png. Signed out and the interviewer's
// pages here; the lead's and the admin's in accessibility-lead.test.ts.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open, settle, useLaptopPages } from "../support/a11y-pages";
import { expectAccessible } from "../support/axe";
import { signInAs } from "../support/browser";

const newPage = useLaptopPages();

describe("signed out", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  it("sign-in page", async () => {
    await open(page, "/login");
    await expectAccessible(page, "a11y-sign-in");
  });

  it("sign-in page with field errors", async () => {
    await open(page, "/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "a11y-sign-in-errors");
  });
});

/**
 * An interview of the demo interviewer's that no other test knows of: the admin schedules it, far
 * in the future, so it is the last row of their list. The demo data's unstarted interviews are left
 * to scorecard.test.ts and debrief.test.ts, which each use them up (a started scorecard stays started).
 */
async function scheduleForDemoInterviewer(): Promise<string> {
  const { context, page } = await newPage();
  try {
    await signInAs(page, "lead@demo.test");
    const name = `Axe Candidate ${Date.now() % 100_000}`;
    await open(page, "/admin/candidates");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Target level").selectOption("senior");
    await page.getByRole("button", { name: "Add candidate" }).click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    await settle(page);
    await page.getByRole("link", { name: "Schedule an interview" }).click();
    await page.waitForURL(/\/admin\/interviews\?candidate=\d+/);
    await settle(page);
    await page.getByLabel("Date and time (UTC)").fill("2039-12-05T10:00");
    await page.getByLabel("Duration (minutes)").fill("60");
    await page.getByRole("checkbox", { name: "Alex Chen" }).check();
    await page.getByRole("checkbox", { name: "Jordan Lee" }).check();
    await page.getByRole("button", { name: "Schedule interview" }).click();
    await page.waitForURL(/\/admin\/interviews\?scheduled=\d+/);
    return name;
  } finally {
    await context.close();
  }
}

describe("the demo interviewer", () => {
  let context: BrowserContext;
  let page: Page;
  let candidate: string;
  let scorecardPath: string;
  beforeAll(async () => {
    candidate = await scheduleForDemoInterviewer();
    ({ context, page } = await newPage());
    await signInAs(page, "interviewer@demo.test");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("interview list", async () => {
    await open(page, "/interviews");
    await expect.poll(() => page.getByRole("heading", { name: "Your interviews" }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-interviews");
    const row = page.getByRole("row").filter({ hasText: candidate });
    expect(await row.textContent()).toMatch(/Not started/);
    const href = await row.getByRole("link").first().getAttribute("href");
    expect(href).toMatch(/^\/interviews\/\d+\/scorecard$/);
    scorecardPath = href!;
  });

  it("scorecard, empty", async () => {
    await open(page, scorecardPath);
    await expect.poll(() => page.getByRole("status").isVisible()).toBe(true);
    await expectAccessible(page, "a11y-scorecard-empty");
  });

  it("scorecard, filled in, with a red flag over a cap", async () => {
    const k = page.keyboard;
    await k.press("3"); // Ownership
    await k.press("n");
    await k.type("Named the decision in first person.");
    await k.press("Enter");
    await k.press("Escape");
    await k.press("j");
    await k.press("2"); // Accountability
    await k.press("j");
    await k.press("4"); // Repair
    await k.press("k");
    await k.press("3"); // Accountability again
    await page.getByRole("checkbox", { name: /Passive voice/ }).check();
    await expect.poll(() => page.getByText(/Rated 3, above the cap of 2 set by Passive voice/).isVisible()).toBe(true);
    expect(await page.getByRole("list", { name: "Ownership evidence notes" }).textContent()).toMatch(
      /Named the decision in first person\./,
    );
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
    await expectAccessible(page, "a11y-scorecard-filled");
  });

  it("scorecard, submitted too early: the review says what is missing, then errors beside the fields", async () => {
    await page.getByRole("button", { name: "Submit scorecard" }).click();
    await expect.poll(() => page.getByRole("dialog", { name: /Review/ }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-scorecard-review");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByText("Choose a recommendation").isVisible()).toBe(true);
    expect(await page.getByLabel("Why Ownership is rated above its cap").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "a11y-scorecard-errors");
  });

  it("practice", async () => {
    await open(page, "/practice");
    await expect.poll(() => page.getByRole("heading", { name: "Practice", level: 1 }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-practice");
  });
});
