// axe-core on every page, in Chromium: no serious or critical WCAG 2.0/2.1 A/AA violation anywhere.
// Each check also saves a screenshot as test-results/a11y-*.png.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible } from "../support/axe";
import { baseURL, launchBrowser, signInAs } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** The page loaded and hydrated: forms validate, shortcuts work and charts draw only after that. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
}

async function open(page: Page, path: string) {
  await page.goto(`${baseURL()}${path}`);
  await settle(page);
}

/**
 * recharts draws in the browser only, and each chart only once it comes near the viewport
 * (chart-frame.tsx; the hand-drawn interval charts come with the page): bring every chart frame
 * into view in turn and wait for its SVG.
 */
async function waitForCharts(page: Page) {
  for (const area of await page.locator(".chart-area").all()) {
    await area.scrollIntoViewIfNeeded();
    await area.locator("svg").first().waitFor({ timeout: 15_000 });
  }
}

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

describe("the demo lead (and admin)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPage());
    await signInAs(page, "lead@demo.test");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("debrief of a past interview, with the panel side by side", async () => {
    await open(page, "/calibration/queue");
    await page
      .getByRole("region", { name: "Disagreement queue" })
      .getByRole("rowheader")
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/interviews\/\d+$/);
    await settle(page);
    await expect.poll(() => page.getByRole("heading", { name: /^Debrief · / }).isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Scores side by side" }).getByRole("table").count()).toBeGreaterThan(
      0,
    );
    await expectAccessible(page, "a11y-debrief");
  });

  it("overdue scorecards", async () => {
    await open(page, "/overdue");
    await expect.poll(() => page.getByRole("heading", { name: "Overdue scorecards" }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-overdue");
  });

  for (const [tab, path] of [
    ["overview", "/calibration"],
    ["interviewers", "/calibration/interviewers"],
    ["dimensions", "/calibration/dimensions"],
    ["variants", "/calibration/variants"],
    ["candidates", "/calibration/candidates"],
    ["queue", "/calibration/queue"],
    ["reviews", "/calibration/reviews"],
    ["practice", "/calibration/practice"],
  ] as const) {
    it(`calibration: ${tab}`, async () => {
      await open(page, path);
      await expect
        .poll(() => page.getByRole("heading", { name: "Calibration", level: 1, exact: true }).isVisible())
        .toBe(true);
      await waitForCharts(page);
      await expectAccessible(page, `a11y-calibration-${tab}`);
    });
  }

  it("calibration: a review opened from the disagreement queue", async () => {
    await open(page, "/calibration/queue");
    await page
      .getByRole("button", { name: /^Open review/ })
      .first()
      .click();
    await page.waitForURL(/\/calibration\/reviews\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-calibration-review");
  });

  it("calibration: new practice exemplar form", async () => {
    await open(page, "/calibration/practice/new");
    await expectAccessible(page, "a11y-calibration-practice-new");
  });

  it("admin overview", async () => {
    await open(page, "/admin");
    await expect.poll(() => page.getByRole("heading", { name: "Administration" }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-admin");
  });

  for (const [name, path] of [
    ["people", "/admin/people"],
    ["candidates", "/admin/candidates"],
    ["interviews", "/admin/interviews"],
    ["settings", "/admin/settings"],
  ] as const) {
    it(`admin: ${name}`, async () => {
      await open(page, path);
      await expectAccessible(page, `a11y-admin-${name}`);
    });
  }

  it("admin: rubric, with a variant's editor open", async () => {
    await open(page, "/admin/rubric");
    await page.locator("details.rubric-item > summary").first().click();
    await expectAccessible(page, "a11y-admin-rubric");
  });

  it("admin: a candidate's page", async () => {
    await open(page, "/admin/candidates");
    await page
      .getByRole("region", { name: /All candidates/ })
      .getByRole("table")
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-admin-candidate");
  });

  it("admin: an upcoming interview's page", async () => {
    await open(page, "/admin/interviews");
    await page
      .getByRole("region", { name: /Upcoming/ })
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/admin\/interviews\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-admin-interview");
  });

  it("admin: the schedule form showing field errors after an empty submit", async () => {
    await open(page, "/admin/interviews");
    await page.getByRole("button", { name: "Schedule interview" }).click();
    await expect.poll(() => page.getByLabel("Candidate", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).searchParams.get("scheduled")).toBeNull();
    await expectAccessible(page, "a11y-admin-interviews-errors");
  });

  it("admin: the candidate form showing field errors after an empty submit", async () => {
    await open(page, "/admin/candidates");
    await page.getByRole("button", { name: "Add candidate" }).click();
    await expect.poll(() => page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).pathname).toBe("/admin/candidates");
    await expectAccessible(page, "a11y-admin-candidates-errors");
  });
});
