// Issue #16, "charts don't freeze the page": /calibration/interviewers draws each chart when it
// comes near the viewport, one at a time, instead of all of them in one long task after hydration.
// Every chart still draws once scrolled to, with no console error (checked after each test).
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

const drawn = (area: ReturnType<Page["locator"]>) => area.locator("svg.recharts-surface").count();

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
