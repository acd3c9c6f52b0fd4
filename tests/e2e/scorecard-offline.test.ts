// Issue #15, defect 8: after one visit the card opens offline with its local draft, and an offline
// submit is queued visibly and confirmed once it reaches the server.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, screenshot, waitForHydration } from "../support/browser";
import { storedCard } from "../support/e2e-data";
import { expectSaved, newInterview, openCard, radio, signedInPage, status } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("defect 8: an offline reload opens the card with its local draft; an offline submit waits visibly and then reaches the server", async () => {
  const { context, page } = await signedInPage(browser);
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("3");
  await expectSaved(page);
  // The service worker has had its one visit; wait until it controls the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 20_000 });

  await context.setOffline(true);
  await page.keyboard.press("j");
  await page.keyboard.press("2"); // only on this device
  await page.reload();
  await waitForHydration(page);
  expect(await radio(page, "Ownership", /^3 — /).isChecked()).toBe(true);
  expect(await radio(page, "Accountability", /^2 — /).isChecked()).toBe(true);

  for (const key of ["j", "j", "3", "j", "3"]) await page.keyboard.press(key); // Repair and Behavioural change
  await page.keyboard.press("r");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Control+Enter");
  await page.keyboard.press("Enter");
  await expect.poll(() => status(page).textContent()).toMatch(/queued/i);
  expect(await status(page).isVisible()).toBe(true);
  await screenshot(page, "scorecard-offline-queued");
  expect(storedCard(card.id)!.status).toBe("draft");

  await context.setOffline(false);
  await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toMatch(/Submitted/);
  const stored = storedCard(card.id)!;
  expect(stored.status).toBe("submitted");
  expect(stored.ratings).toEqual({ ownership: 3, accountability: 2, repair: 3, behavioural_change: 3 });
  await context.close();
});
