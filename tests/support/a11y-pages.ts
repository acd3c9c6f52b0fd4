// Opening pages for the axe checks (accessibility*.test.ts): one Chromium per file, a fresh laptop-sized
// context per signed-in person, each page waited for until it is loaded, hydrated and drawn.
import type { BrowserContext, Page } from "playwright-core";
import { baseURL, useBrowser } from "./browser";

/** This file's browser (launched before its tests, closed after), and a way to open a 1280×900 page in it. */
export function useLaptopPages(): () => Promise<{ context: BrowserContext; page: Page }> {
  const browser = useBrowser();
  return async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  };
}

/** The page loaded and hydrated: forms validate, shortcuts work and charts draw only after that. */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
}

export async function open(page: Page, path: string) {
  await page.goto(`${baseURL()}${path}`);
  await settle(page);
}

/**
 * recharts draws in the browser only, and each chart only once it comes near the viewport
 * (chart-frame.tsx; the hand-drawn interval charts come with the page): bring every chart frame
 * into view in turn and wait for its SVG.
 */
export async function waitForCharts(page: Page) {
  for (const area of await page.locator(".chart-area").all()) {
    await area.scrollIntoViewIfNeeded();
    await area.locator("svg").first().waitFor({ timeout: 15_000 });
  }
}
