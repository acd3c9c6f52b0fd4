// The lead's-loop effects, pairwise kappa with n, and adjusted scores with their intervals, in
// Chromium on the demo data: the action list says what each effect needs (keyboard: the rules
// open with Enter), the interviewer page shows every effect against peers, the kappa heat map
// fits 1440 px without scrolling and shows n in each cell, and the candidates page gives each
// adjusted score its 95% interval. Screenshots at 1440×900, 1280×720 and 768×900.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs, waitForHydration, watchConsole } from "../support/browser";

let browser: Browser;
let page: Page;
let console: ReturnType<typeof watchConsole>;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  console = watchConsole(page);
  await signInAs(page, "lead@demo.test");
}, 120_000);
afterAll(async () => {
  console?.expectNoErrors();
  await browser?.close();
});

async function screenshots(name: string) {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
    [768, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

it("the action list says what each effect needs, opened from the keyboard", async () => {
  await page.goto(`${baseURL()}/calibration`);
  await waitForHydration(page);
  const actions = page.getByRole("region", { name: "Who needs a calibration conversation, about what" });
  await expect.poll(() => actions.locator("li[data-effect]").count(), { timeout: 60_000 }).toBeGreaterThan(3);
  const summary = actions.getByText("What each effect needs to be listed");
  await summary.focus();
  await page.keyboard.press("Enter");
  const rules = actions.locator("details.action-rules");
  await expect.poll(() => rules.getAttribute("open")).not.toBeNull();
  const text = await rules.innerText();
  for (const phrase of [
    "Red flags over-used against peers",
    "Far from the practice key",
    "Amends after seeing the panel",
    "Overdue scorecards",
    "Recommendations out of line with final decisions",
  ])
    expect(text).toContain(phrase);
  await screenshots("loop-action-list");
}, 180_000);

it("the interviewer page shows every effect against peers, with interval and evidence or what is missing", async () => {
  await page.goto(`${baseURL()}/calibration`);
  await page
    .getByRole("region", { name: "Who needs a calibration conversation, about what" })
    .locator('li[data-interviewer="Jordan Lee"]')
    .first()
    .getByRole("link", { name: "Jordan Lee" })
    .click();
  await page.waitForURL(/\/calibration\/interviewers\/\d+/);
  await waitForHydration(page);
  for (const effect of [
    "halo",
    "central_tendency",
    "practice_distance",
    "amends_after_panel",
    "overdue_scorecards",
    "decision_disagreement",
  ])
    expect(await page.locator(`tr[data-effect="${effect}"]`).count(), effect).toBe(1);
  expect(await page.locator('tr[data-effect^="red_flags"]').count()).toBe(1);
  // The demo's decided debriefs give Jordan a decision-agreement figure with its exact interval.
  expect(await page.locator('tr[data-effect="decision_disagreement"]').innerText()).toMatch(
    /\(exact 95% interval \d+% to \d+%\); peers \d+%|needs \d+ decided debriefs/,
  );
  expect(await page.locator('tr[data-effect="lenient"]').innerText()).toMatch(
    /95% interval .* n=\d+ shared candidates/,
  );
  await screenshots("loop-interviewer-page");
}, 180_000);

it("pairwise kappa cells show n and the heat map fits 1440 px without scrolling", async () => {
  await page.goto(`${baseURL()}/calibration/dimensions`);
  await waitForHydration(page);
  const heatmaps = page.locator("table.heatmap");
  await expect.poll(() => heatmaps.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  const cells = heatmaps.first().locator("td .kappa-n");
  expect(await cells.count()).toBeGreaterThan(10);
  expect(await cells.first().innerText()).toMatch(/^n=\d+$/);
  const overflow = await page
    .locator(".table-scroll:has(table.heatmap)")
    .evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
  expect(overflow.every((px) => px <= 0)).toBe(true);
  await heatmaps.first().scrollIntoViewIfNeeded();
  await heatmaps.first().screenshot({ path: "test-results/loop-kappa-cells-1440.png" });
  await screenshots("loop-kappa-heatmap");
}, 180_000);

it("the candidates page gives each adjusted score its 95% interval", async () => {
  await page.goto(`${baseURL()}/calibration/candidates`);
  await waitForHydration(page);
  const table = page.locator("table", { has: page.getByRole("columnheader", { name: "95% interval" }) });
  await expect.poll(() => table.count(), { timeout: 60_000 }).toBe(1);
  const first = await table.locator("tbody tr").first().innerText();
  expect(first).toMatch(/\d\.\d\d to \d\.\d\d \(± \d\.\d\d\)/);
  // Keyboard: the search box takes a query and Enter submits it.
  await page.locator("#candidate-q").focus();
  await page.keyboard.type("#1");
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=%231/);
  await screenshots("loop-candidates");
}, 180_000);
