// Issue #16, "charts don't freeze the page": /calibration/interviewers draws each recharts chart when
// it comes near the viewport, one at a time, instead of all of them in one long task after hydration.
// The leniency chart (and the variants' means) are hand-drawn SVG that come with the page's HTML, so
// they cost no chart task at all; a keyboard user reaches each row's numbers. Every chart still draws
// once scrolled to, with no console error (checked after each test).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, signInAs, waitForHydration } from "../support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await signInAs(page, "lead@demo.test");
});
afterAll(async () => {
  await browser?.close();
});

const drawn = (area: ReturnType<Page["locator"]>) => area.locator("svg").count();

it("draws the chart on screen, leaves the ones far below for later, and draws each one scrolled to", async () => {
  await page.goto(`${baseURL()}/calibration/interviewers`);
  await waitForHydration(page);
  const areas = page.locator(".chart-area");
  const count = await areas.count();
  expect(count).toBeGreaterThanOrEqual(3);

  // The first chart is on screen: it draws without any scrolling.
  await expect.poll(() => drawn(areas.first()), { timeout: 30_000 }).toBeGreaterThan(0);
  // The last one is well below the fold, so it is not drawn yet (before the change every chart
  // was drawn in the same task as the first).
  const { top, viewport } = await areas
    .last()
    .evaluate((el) => ({ top: el.getBoundingClientRect().top, viewport: window.innerHeight }));
  expect(top).toBeGreaterThan(viewport + 400);
  expect(await drawn(areas.last())).toBe(0);

  // Scrolled to, each chart draws.
  for (let i = 0; i < count; i++) {
    await areas.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(() => drawn(areas.nth(i)), { timeout: 30_000 }).toBeGreaterThan(0);
  }
  expect(await page.locator(".chart-area[data-drawn]").count()).toBe(count);
});

it("sends the leniency chart drawn in the page's HTML, named for screen readers, before any script runs", async () => {
  // recharts drew nothing on the server (an empty wrapper) and its SVG was hidden from assistive technology.
  const html = await (await page.request.get(`${baseURL()}/calibration/interviewers`)).text();
  expect(html).toContain('class="interval-chart"');
  expect(html).toMatch(
    /role="img" aria-label="Jordan Lee: leniency -?\d\.\d\d, 95% interval -?\d\.\d\d to -?\d\.\d\d, lenient"/,
  );
  expect(html).toMatch(/role="img" aria-label="Casey Novak: leniency -?\d\.\d\d, 95% interval [^"]*, severe"/);
});

it("lets a keyboard user step through the interviewers' numbers with one Tab stop", async () => {
  await page.goto(`${baseURL()}/calibration/interviewers`);
  await waitForHydration(page);
  const leniency = page.getByRole("figure", { name: "Leniency and severity" });
  const rows = leniency.getByRole("img");
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(5);
  const tooltip = leniency.locator(".chart-tooltip");
  expect(await tooltip.count()).toBe(0);

  // From the chart's "Show as table" button, Tab enters the chart at its first row.
  await leniency.getByRole("button", { name: "Show as table" }).focus();
  await page.keyboard.press("Tab");
  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
  expect(await focusedName()).toBe(await rows.first().getAttribute("aria-label"));
  const first = (await rows.first().getAttribute("aria-label"))!.split(":")[0];
  await expect.poll(() => tooltip.textContent()).toContain(first);

  // The tooltip shows the same numbers as the table.
  const effect = await leniency.locator(`tr[data-interviewer="${first}"] td`).first().textContent();
  expect(await tooltip.textContent()).toContain(`Leniency: ${effect}`);

  // Arrows step, End goes to the last row, Home back; Esc hides the tooltip.
  await page.keyboard.press("ArrowDown");
  expect(await focusedName()).toBe(await rows.nth(1).getAttribute("aria-label"));
  await page.keyboard.press("End");
  const last = (await rows.last().getAttribute("aria-label"))!;
  expect(await focusedName()).toBe(last);
  await expect.poll(() => tooltip.textContent()).toContain(last.split(":")[0]);
  await page.keyboard.press("Escape");
  await expect.poll(() => tooltip.count()).toBe(0);
  await page.keyboard.press("Home");
  expect(await focusedName()).toBe(await rows.first().getAttribute("aria-label"));

  // One Tab leaves the chart: the rows are one stop, not one each.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest(".interval-chart"))).toBe(false);
  await expect.poll(() => tooltip.count()).toBe(0);

  // A pointer shows the tooltip too.
  await rows.nth(2).hover();
  await expect
    .poll(() => tooltip.textContent())
    .toContain((await rows.nth(2).getAttribute("aria-label"))!.split(":")[0]);
});

it("draws each variant's mean per dimension the same way, with the scale's whole points", async () => {
  await page.goto(`${baseURL()}/calibration/variants`);
  await waitForHydration(page);
  const ownership = page.getByRole("figure", { name: "Ownership" });
  expect(await ownership.getByRole("img", { name: /^Default: mean \d\.\d\d, 95% interval/ }).count()).toBe(1);
  expect(await ownership.locator(".interval-chart svg text").allTextContents()).toEqual(["1", "2", "3", "4"]);
});
