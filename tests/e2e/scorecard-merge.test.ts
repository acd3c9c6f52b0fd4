// Issue #15, defect 3: two tabs on one draft merge field by field; a real conflict is shown beside
// its field and in the status area with both values, and settled with one key.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, screenshot, watchConsole } from "../support/browser";
import { storedCard } from "../support/e2e-data";
import { expectSaved, newInterview, openCard, radio, signedInPage, status } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("defect 3: two tabs merge disjoint edits and notes; a same-field edit is a visible conflict settled with one key", async () => {
  const { context, page: first } = await signedInPage(browser);
  const card = newInterview();
  await openCard(first, card.url);
  const second = await context.newPage();
  const errors = [watchConsole(first), watchConsole(second)];
  await openCard(second, card.url);

  // Disjoint edits: Ownership in the first tab, Accountability and a note in the second (based on an older revision).
  await first.keyboard.press("3");
  await first.keyboard.press("n");
  await first.keyboard.type("alpha note from the first tab");
  await first.keyboard.press("Enter");
  await first.keyboard.press("Escape");
  await expectSaved(first);
  await second.keyboard.press("j");
  await second.keyboard.press("2");
  await second.keyboard.press("n");
  await second.keyboard.type("beta note from the second tab");
  await second.keyboard.press("Enter");
  await second.keyboard.press("Escape");
  await expectSaved(second);
  // The second tab now shows both: nothing of the first tab's was replaced.
  expect(await radio(second, "Ownership", /^3 — /).isChecked()).toBe(true);
  expect(await radio(second, "Accountability", /^2 — /).isChecked()).toBe(true);
  expect(await second.getByText("alpha note from the first tab").isVisible()).toBe(true);
  let stored = storedCard(card.id)!;
  expect(stored.ratings).toEqual({ ownership: 3, accountability: 2 });
  expect(stored.notes.map((n) => n.text).sort()).toEqual([
    "alpha note from the first tab",
    "beta note from the second tab",
  ]);

  // The same field on both sides: the first tab never saw the second tab's 2.
  await first.keyboard.press("j");
  await first.keyboard.press("4");
  const beside = first.locator('[data-conflict="ratings.accountability"]');
  await expect.poll(() => beside.isVisible(), { timeout: 15_000 }).toBe(true);
  const besideText = (await beside.textContent()) ?? "";
  expect(besideText).toMatch(/4/);
  expect(besideText).toMatch(/2/);
  expect(await status(first).textContent()).toMatch(/conflict/i);
  // The status area is where the interviewer looks: visible without scrolling.
  expect(await status(first).isVisible()).toBe(true);
  await screenshot(first, "scorecard-merge-conflict");
  // Nothing was replaced silently: the server still holds the other tab's 2 until the choice is made.
  expect(storedCard(card.id)!.ratings.accountability).toBe(2);

  await first.keyboard.press("m"); // keep mine
  await expectSaved(first);
  await expect.poll(() => beside.count()).toBe(0);
  expect(await status(first).getAttribute("class")).not.toMatch(/danger/);
  stored = storedCard(card.id)!;
  expect(stored.ratings).toEqual({ ownership: 3, accountability: 4 });
  expect(stored.notes).toHaveLength(2);
  for (const e of errors) e.expectNoErrors();
  await context.close();
});
