import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs } from "../support/browser";

// The demo lead (lead@demo.test) is also the admin. The panel deliberately leaves out the demo
// interviewer (Alex Chen), whose interview list the scorecard flows rely on.

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signInAs(page, "lead@demo.test");
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Forms validate in the browser once React has hydrated the page. */
async function open(path: string) {
  await page.goto(`${baseURL()}${path}`);
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
}

it("shows every admin page to the admin", async () => {
  await open("/admin");
  expect(await page.getByRole("heading", { name: "Administration" }).isVisible()).toBe(true);
  expect(await page.getByRole("navigation", { name: "Administration" }).getByRole("link").count()).toBe(6);
  await screenshot(page, "admin-overview");

  await open("/admin/people");
  expect(await page.getByRole("row").filter({ hasText: "interviewer@demo.test" }).getByText("Active").isVisible()).toBe(
    true,
  );
  await screenshot(page, "admin-people");

  await open("/admin/settings");
  expect(await page.getByRole("radio", { name: /once the interviewer has submitted/ }).isChecked()).toBe(true);
  await screenshot(page, "admin-settings");
});

it("adds a candidate, schedules their interview with a panel, and sees it in the list", async () => {
  const name = `Ebru Test ${Date.now() % 100_000}`;
  await open("/admin/candidates");
  await screenshot(page, "admin-candidates");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Target level").selectOption("senior");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await page.waitForURL(/\/admin\/candidates\/\d+$/);
  await expect.poll(() => page.getByRole("heading", { name, level: 1 }).isVisible()).toBe(true);
  await screenshot(page, "admin-candidate");

  await page.getByRole("link", { name: "Schedule an interview" }).click();
  await page.waitForURL(/\/admin\/interviews\?candidate=\d+/);
  await expect.poll(() => page.getByRole("heading", { name: "Schedule an interview" }).isVisible()).toBe(true);
  const chosen = await page
    .getByRole("combobox", { name: "Candidate" })
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text);
  expect(chosen).toMatch(new RegExp(`^${name} \\(#\\d+\\) — Senior$`));
  await page.getByLabel("Variant").selectOption({ label: "Amazon — Earn Trust" });
  await page.getByLabel("Date and time (UTC)").fill("2031-03-05T14:30");
  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByRole("checkbox", { name: "Jordan Lee" }).check();

  // A panel of one is refused beside the panel, before anything is sent.
  await page.getByRole("button", { name: "Schedule interview" }).click();
  const panel = page.getByRole("group", { name: "Panel" });
  await expect.poll(() => panel.getByText("Choose at least 2 interviewers").isVisible()).toBe(true);
  expect(await page.getByRole("checkbox", { name: "Jordan Lee" }).getAttribute("aria-invalid")).toBe("true");
  expect(new URL(page.url()).searchParams.get("scheduled")).toBeNull();
  await screenshot(page, "admin-interviews-errors");

  await page.getByRole("checkbox", { name: "Casey Novak" }).check();
  await page.getByRole("button", { name: "Schedule interview" }).click();
  await page.waitForURL(/\/admin\/interviews\?scheduled=\d+/);
  await expect
    .poll(() => page.getByRole("status").textContent())
    .toMatch(new RegExp(`Scheduled ${name} for Wed 5 Mar, 14:30 UTC with Casey Novak, Jordan Lee`));
  const row = page
    .getByRole("region", { name: /Upcoming/ })
    .getByRole("row")
    .filter({ hasText: name });
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toMatch(
    /Wed 5 Mar, 14:30 UTC.*60 min.*Amazon — Earn Trust.*Casey Novak, Jordan Lee.*Not started/,
  );
  expect(await row.evaluate((tr) => tr.classList.contains("highlight"))).toBe(true);
  // The form is empty again for the next one.
  expect(await page.getByRole("checkbox", { name: "Casey Novak" }).isChecked()).toBe(false);
  await screenshot(page, "admin-interviews");

  await row.getByRole("link").click();
  await page.waitForURL(/\/admin\/interviews\/\d+$/);
  // The URL changes before the interview's page has rendered: wait for its panel form.
  await expect.poll(() => page.getByRole("checkbox", { name: "Jordan Lee" }).isChecked()).toBe(true);
  await screenshot(page, "admin-interview");
});

it("shows a panel as locked once scoring has started", async () => {
  await open("/admin/interviews");
  await page
    .getByRole("region", { name: /Past/ })
    .getByRole("row")
    .filter({ hasText: "submitted" })
    .first()
    .getByRole("link")
    .click();
  await page.waitForURL(/\/admin\/interviews\/\d+$/);
  await expect.poll(() => page.getByText(/Locked\. Scoring has started/).isVisible()).toBe(true);
  expect(await page.getByRole("checkbox").count()).toBe(0);
  await screenshot(page, "admin-interview-locked");
});

it("shows the rubric editor, and a weights error at the weights without saving", async () => {
  await open("/admin/rubric");
  expect(await page.getByText(/Version 1 is current/).isVisible()).toBe(true);
  expect(
    await page
      .getByRole("complementary", { name: "History" })
      .getByText("Default rubric derived from seeds 000 and 004")
      .isVisible(),
  ).toBe(true);
  await screenshot(page, "admin-rubric");

  const weights = page.getByRole("group", { name: "Default weights" });
  await weights.getByLabel("Ownership %").fill("30");
  await page.getByLabel("What changed").fill("Try a heavier ownership");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect.poll(() => weights.getByText("Weights must sum to 100 (they sum to 105)").isVisible()).toBe(true);
  expect(await weights.getByLabel("Ownership %").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByText(/Version 1 is current/).isVisible()).toBe(true);
  await screenshot(page, "admin-rubric-errors");

  // And the variant editor opens on a click, with its fields labelled.
  const amazon = page.locator("details").filter({ has: page.locator("summary", { hasText: "Amazon — Earn Trust" }) });
  await amazon.locator("summary").click();
  expect(await amazon.getByLabel("Focus").inputValue()).toBe("Earn Trust, Learn & Be Curious");
  expect(await amazon.getByLabel("Key").getAttribute("readonly")).not.toBeNull();
  await screenshot(page, "admin-rubric-variant");
});
