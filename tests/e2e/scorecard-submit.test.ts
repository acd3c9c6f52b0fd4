// Issue #15, defects 1, 2, 5, 6 and 10: deliberate submit, the page shows what the server holds,
// focus follows the rating keys, stale justifications are dropped, local time and labels.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { baseURL, useBrowser, screenshot, watchConsole } from "../support/browser";
import { queryDatabase, storedCard } from "../support/e2e-data";
import {
  LAPTOP,
  HALF_SCREEN,
  expectSaved,
  newInterview,
  openCard,
  radio,
  rateAll,
  signedInPage,
  status,
  submitByKeyboard,
} from "../support/scorecard-page";

const browser = useBrowser();

/** f goes to the first red flag; Passive voice is the seventh. */
async function raisePassiveVoice(page: Page) {
  await page.keyboard.press("f");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
}

for (const viewport of [LAPTOP, HALF_SCREEN]) {
  it(`defect 1: Enter in a justification box never submits; Ctrl+Enter opens a review that Esc cancels and Enter confirms (${viewport.width}px)`, async () => {
    const { context, page } = await signedInPage(browser(), { viewport });
    const console = watchConsole(page);
    const card = newInterview();
    await openCard(page, card.url);
    await rateAll(page, [3, 3, 3, 3]);
    await page.keyboard.press("r");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight"); // yes
    await raisePassiveVoice(page); // caps Ownership at 2: its justification box appears
    await page.getByLabel("Why Ownership is rated above its cap").focus();
    await page.keyboard.type("Owned it in first person throughout");
    await page.keyboard.press("Enter");
    await expectSaved(page);
    await page.waitForTimeout(1500);
    expect(storedCard(card.id)?.status).toBe("draft");

    await page.keyboard.press("Control+Enter"); // from inside the text box, too
    const review = page.getByRole("dialog", { name: /Review/ });
    await expect.poll(() => review.isVisible()).toBe(true);
    const text = await review.textContent();
    expect(text).toMatch(/Weighted/);
    expect(text).toMatch(/Passive voice/);
    expect(text).toMatch(/Yes/);
    await screenshot(page, `scorecard-review-${viewport.width}`);
    await page.keyboard.press("Escape");
    await expect.poll(() => review.isVisible()).toBe(false);
    expect(storedCard(card.id)?.status).toBe("draft");

    await page.keyboard.press("Control+Enter");
    await expect.poll(() => review.isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/Submitted/);
    const stored = storedCard(card.id)!;
    expect(stored.status).toBe("submitted");
    expect(stored.ratings).toEqual({ ownership: 3, accountability: 3, repair: 3, behavioural_change: 3 });
    expect(stored.justifications.ownership).toBe("Owned it in first person throughout");
    console.expectNoErrors();
    await context.close();
  });
}

it("defect 2: a submitted card shows the stored values with JavaScript on; amend starts from them; no hydration errors with a running timer", async () => {
  const { context, page } = await signedInPage(browser());
  const console = watchConsole(page);
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("t");
  await rateAll(page, [3, 2, 3, 4]);
  await page.keyboard.press("r");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight"); // yes
  await raisePassiveVoice(page);
  await page.getByLabel("Why Ownership is rated above its cap").focus();
  await page.keyboard.type("Named the decision himself");
  await page.keyboard.press("Escape");
  await expectSaved(page);
  // Reload with the timer running: the clock must not break hydration.
  await openCard(page, card.url);
  await page.waitForTimeout(1500);
  console.expectNoErrors();
  await submitByKeyboard(page);

  await openCard(page, card.url);
  await page.waitForTimeout(500);
  for (const [group, score] of [
    ["Ownership", 3],
    ["Accountability", 2],
    ["Repair", 3],
    ["Behavioural change", 4],
  ] as const) {
    expect(await radio(page, group, new RegExp(`^${score} — `)).isChecked(), group).toBe(true);
  }
  expect(await radio(page, "Recommendation", /^Yes$/).isChecked()).toBe(true);
  expect(await page.getByLabel("Why Ownership is rated above its cap").inputValue()).toBe("Named the decision himself");
  await screenshot(page, "scorecard-submitted-hydrated");

  // Amend: starts from the stored card; change one rating and save with a reason.
  await page.getByRole("button", { name: /Amend/ }).focus();
  await page.keyboard.press("Enter");
  expect(await radio(page, "Behavioural change", /^4 — /).isChecked()).toBe(true);
  await radio(page, "Repair", /^4 — /).focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Why are you amending it?").fill("Re-read my notes on the repair");
  await page.getByRole("button", { name: "Save amendment" }).click();
  await expect.poll(() => storedCard(card.id)?.ratings.repair, { timeout: 15_000 }).toBe(4);
  expect(storedCard(card.id)?.ratings).toEqual({ ownership: 3, accountability: 2, repair: 4, behavioural_change: 4 });
  expect(storedCard(card.id)?.recommendation).toBe("yes");
  console.expectNoErrors();

  // A seeded past scorecard shows its ratings too.
  const [seeded] = queryDatabase<{ id: number; interview_id: number }>(
    "select s.id, s.interview_id from scorecards s join users u on u.id = s.interviewer_id where u.email = 'interviewer@demo.test' and s.status = 'submitted' and s.revision < 3 limit 1",
  );
  const ratings = queryDatabase<{ dimension_key: string; score: number }>(
    "select dimension_key, score from ratings where scorecard_id = ?",
    seeded.id,
  );
  await openCard(page, `${baseURL()}/interviews/${seeded.interview_id}/scorecard`);
  await page.waitForTimeout(500);
  for (const r of ratings) {
    expect(
      await page.locator(`[data-dimension="${r.dimension_key}"] input[type=radio][value="${r.score}"]`).isChecked(),
      r.dimension_key,
    ).toBe(true);
  }
  console.expectNoErrors();
  await context.close();
});

it("defect 5: focus follows a rating key, so Space keeps the rating", async () => {
  const { context, page } = await signedInPage(browser());
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("j");
  await page.keyboard.press("3");
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe("3");
  await page.keyboard.press("Space");
  expect(await radio(page, "Accountability", /^3 — /).isChecked()).toBe(true);
  await expectSaved(page);
  expect(storedCard(card.id)?.ratings).toEqual({ accountability: 3 });
  await context.close();
});

it("defect 6: a justification that no longer applies is cleared (with an undo) and never reaches the debrief", async () => {
  const { context, page } = await signedInPage(browser());
  const console = watchConsole(page);
  const card = newInterview({ at: new Date(Date.now() - 3_600_000) });
  await openCard(page, card.url);
  await rateAll(page, [1, 1, 1, 1]);
  await page.keyboard.press("r");
  await page.keyboard.press("ArrowLeft"); // wraps to strong yes: contradicts 1.00
  await page.keyboard.press("Tab"); // the justification box follows the choices
  await page.keyboard.type("r");
  await page.keyboard.press("Escape");
  await expectSaved(page);
  await page.keyboard.press("r");
  await page.keyboard.press("ArrowRight"); // wraps to strong no: consistent again
  await expect.poll(() => page.getByRole("button", { name: /Undo/ }).isVisible()).toBe(true);
  await expectSaved(page);
  expect(storedCard(card.id)?.recommendation_justification).toBe("");
  await submitByKeyboard(page);
  expect(storedCard(card.id)?.recommendation_justification).toBe("");
  await page.goto(`${baseURL()}/interviews/${card.id}`);
  expect(await page.locator("main").textContent()).not.toMatch(/— r\b/);
  console.expectNoErrors();
  await context.close();
});

it("defect 10: interview time in the viewer's zone, label grammar, ? help in the first screenful, help explains justification boxes", async () => {
  const { context, page } = await signedInPage(browser(), { timezoneId: "America/New_York" });
  const console = watchConsole(page);
  const card = newInterview({ at: new Date("2026-12-01T15:30:00Z") });
  await openCard(page, card.url);
  const header = (await page.locator("header.context").textContent()) ?? "";
  expect(header).toMatch(/10:30/);
  expect(header).not.toMatch(/UTC/);
  expect(await page.getByLabel("Add an Ownership note", { exact: true }).count()).toBe(1);
  expect(await page.getByLabel("Add an Accountability note", { exact: true }).count()).toBe(1);
  const help = page.getByRole("button", { name: /shortcuts/i }).first();
  const box = await help.boundingBox();
  expect(box && box.y + box.height <= LAPTOP.height).toBe(true);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  expect(await dialog.textContent()).toMatch(/justification/i);
  await page.keyboard.press("Escape");
  console.expectNoErrors();
  await context.close();
});
