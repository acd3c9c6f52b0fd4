// What the scorecard browser tests share: opening a fresh card, reading its state, submitting it
// with the keyboard the way an interviewer does.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { baseURL, signInAs, waitForHydration } from "./browser";
import { scheduleInterview } from "./e2e-data";

export const LAPTOP = { width: 1280, height: 720 };
export const HALF_SCREEN = { width: 768, height: 900 };

export async function signedInPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; timezoneId?: string; javaScriptEnabled?: boolean } = {},
) {
  const context: BrowserContext = await browser.newContext({
    viewport: opts.viewport ?? LAPTOP,
    timezoneId: opts.timezoneId,
    javaScriptEnabled: opts.javaScriptEnabled,
  });
  const page = await context.newPage();
  await signInAs(page, "interviewer@demo.test");
  return { context, page };
}

/** A fresh interview of the demo interviewer's (with a colleague on the panel); returns its id and card URL. */
export function newInterview(opts: { at?: Date } = {}) {
  const id = scheduleInterview(["interviewer@demo.test", "jordan@demo.test"], opts);
  return { id, url: `${baseURL()}/interviews/${id}/scorecard` };
}

export async function openCard(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
}

export const status = (p: Page) => p.locator(".save-status").first();
export const radio = (p: Page, group: string, name: RegExp) =>
  p.getByRole("radiogroup", { name: group, exact: true }).getByRole("radio", { name });
export const expectSaved = (p: Page) =>
  expect.poll(() => status(p).textContent(), { timeout: 15_000 }).toMatch(/^Saved/);

/** Rates the four dimensions from the top with the keyboard (focus starts outside any field). */
export async function rateAll(page: Page, scores: [number, number, number, number]) {
  for (const [i, score] of scores.entries()) {
    if (i > 0) await page.keyboard.press("j");
    await page.keyboard.press(String(score));
  }
}

/** Submit the way the keyboard help says: Ctrl+Enter, then confirm the review (today's code may skip the review). */
export async function submitByKeyboard(page: Page) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Enter");
  const review = page.getByRole("dialog", { name: /Review/ });
  await expect
    .poll(async () => (await review.isVisible()) || /Submitted/.test((await status(page).textContent()) ?? ""), {
      timeout: 10_000,
    })
    .toBe(true);
  if (await review.isVisible()) await page.keyboard.press("Enter");
  await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Submitted/);
}

/** Whether an element lies wholly inside the viewport right now (no scrolling). */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return (
        r.width > 0 &&
        r.height > 0 &&
        r.top >= 0 &&
        r.left >= 0 &&
        r.bottom <= window.innerHeight &&
        r.right <= window.innerWidth
      );
    });
}
