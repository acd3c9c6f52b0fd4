// Issue #15, defect 7: without JavaScript, typed notes are posted with the form and kept after a
// validation error, and a draft can be saved.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { storedCard } from "../support/e2e-data";
import { newInterview, radio, signedInPage, status } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("defect 7: Save draft and Submit post the typed notes without JavaScript; a refused submit keeps them", async () => {
  const { context, page } = await signedInPage(browser, { javaScriptEnabled: false });
  const card = newInterview();
  await page.goto(card.url);
  await radio(page, "Ownership", /^3 — /).check({ force: true });
  await page.getByLabel("Add an Ownership note", { exact: true }).fill("Typed without JavaScript");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.waitForLoadState();
  let stored = storedCard(card.id)!;
  expect(stored.status).toBe("draft");
  expect(stored.ratings).toEqual({ ownership: 3 });
  expect(stored.notes.map((n) => n.text)).toEqual(["Typed without JavaScript"]);
  expect(await page.getByText("Typed without JavaScript").isVisible()).toBe(true);

  // Submitting too early: refused, nothing stored, the typed note still on the page.
  await page.getByLabel("Add an Accountability note", { exact: true }).fill("Told the manager the same day");
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  expect(await page.getByText("Rate Repair").isVisible()).toBe(true);
  expect(storedCard(card.id)!.notes).toHaveLength(1);
  expect(
    await page
      .locator("main")
      .evaluate((m) => [...m.querySelectorAll("textarea")].map((t) => t.value).join("|") + m.textContent),
  ).toMatch(/Told the manager the same day/);

  await radio(page, "Accountability", /^3 — /).check({ force: true });
  await radio(page, "Repair", /^3 — /).check({ force: true });
  await radio(page, "Behavioural change", /^3 — /).check({ force: true });
  await radio(page, "Recommendation", /^Yes$/).check({ force: true });
  await page.getByRole("button", { name: "Submit scorecard" }).click();
  expect(await status(page).textContent()).toMatch(/Submitted/);
  stored = storedCard(card.id)!;
  expect(stored.status).toBe("submitted");
  expect(stored.notes.map((n) => n.text).sort()).toEqual(["Told the manager the same day", "Typed without JavaScript"]);
  await context.close();
});
