// The lead's action list and interviewer page in Chromium on the demo data: the overview names who
// needs a calibration conversation about what, the lead opens Jordan's page, records a conversation
// there, and sees it in Jordan's history. Screenshots at 1440×900 and 1280×720.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs, waitForHydration, watchConsole } from "../support/browser";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function screenshots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

it("a lead sees who needs a conversation about what, opens Jordan's page and records one there", async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const console = watchConsole(page);
  await signInAs(page, "lead@demo.test");
  await page.goto(`${baseURL()}/calibration`);
  const actions = page.getByRole("region", { name: "Who needs a calibration conversation, about what" });
  for (const [name, effect] of [
    ["Jordan Lee", "lenient"],
    ["Casey Novak", "severe"],
    ["Priya Nair", "halo"],
    ["Morgan Diaz", "central tendency"],
  ]) {
    const entry = actions.locator(`li[data-interviewer="${name}"]`);
    await expect.poll(() => entry.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => entry.first().innerText()).toContain(effect);
    expect(await entry.first().innerText()).toMatch(/95% (t )?interval/);
  }
  await screenshots(page, "calibration-action-list");

  await page.setViewportSize({ width: 1440, height: 900 });
  // The entries' links are plain anchors that the list navigates in the app (list-navigation.ts):
  // a mark left on the window survives the click only if no new document was loaded.
  await waitForHydration(page);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await actions.locator('li[data-interviewer="Jordan Lee"]').getByRole("link", { name: "Jordan Lee" }).click();
  await page.waitForURL(/\/calibration\/interviewers\/\d+/);
  await waitForHydration(page);
  expect(await page.evaluate(() => "sameDocument" in window)).toBe(true);
  await expect.poll(() => page.getByRole("heading", { level: 2, name: /Jordan Lee/ }).count()).toBe(1);
  expect(await page.locator('tr[data-effect="lenient"]').innerText()).toMatch(/flagged/);

  await page.getByLabel("Effect discussed").selectOption("lenient");
  await page
    .getByLabel("What you agreed")
    .fill("Keep 4 for evidence beyond the level; compare with the anchors before submitting.");
  await page.getByRole("button", { name: "Record conversation" }).click();
  const history = page.getByRole("region", { name: "Calibration conversations" });
  await expect
    .poll(() => history.locator("table").innerText(), { timeout: 30_000 })
    .toContain("Keep 4 for evidence beyond the level");
  expect(await history.locator("tbody tr").first().innerText()).toMatch(/Lenient against co-panellists/);
  await screenshots(page, "calibration-interviewer-page");
  console.expectNoErrors();
}, 180_000);
