// Issue #15, defect 4: the interview clock, the answer's start and end live on the server; notes
// are stamped on that clock even if the stopwatch key was never pressed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, watchConsole } from "../support/browser";
import { queryDatabase, storedCard } from "../support/e2e-data";
import { expectSaved, newInterview, openCard, signedInPage, submitByKeyboard } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface TimingRow {
  clock_started_at: number | null;
  answer_start_seconds: number | null;
  answer_end_seconds: number | null;
  timer_elapsed_ms: number;
}

it("defect 4: clock, answer start and end are stored, survive another device, and reach the submitted card and the debrief", async () => {
  const { context, page } = await signedInPage(browser);
  const console = watchConsole(page);
  const card = newInterview({ at: new Date(Date.now() - 1_800_000) });
  await openCard(page, card.url);
  // Never pressing t: the first change starts the interview clock.
  await page.keyboard.press("3");
  await page.waitForTimeout(2500);
  await page.keyboard.press("n");
  await page.keyboard.type("Said I shipped it without the review");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  await page.keyboard.press("a"); // the answer starts
  await page.waitForTimeout(2200);
  await page.keyboard.press("e"); // and ends
  await expectSaved(page);

  const stored = storedCard(card.id)!;
  expect(stored.notes[0].elapsed_seconds).toBeGreaterThanOrEqual(2);
  const [timing] = queryDatabase<TimingRow>(
    "select clock_started_at, answer_start_seconds, answer_end_seconds, timer_elapsed_ms from scorecards where id = ?",
    stored.id,
  );
  expect(timing.clock_started_at).not.toBeNull();
  expect(timing.answer_start_seconds).toBeGreaterThanOrEqual(2);
  expect(timing.answer_end_seconds! - timing.answer_start_seconds!).toBeGreaterThanOrEqual(2);

  // Another device sees the same clock and marks.
  const other = await signedInPage(browser);
  await openCard(other.page, card.url);
  expect(await other.page.locator(".answer-text").textContent()).toMatch(/Answer 0:0[2-4]/);
  await other.context.close();

  for (const key of ["j", "3", "j", "3", "j", "3"]) await page.keyboard.press(key);
  await page.keyboard.press("r");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expectSaved(page);
  await submitByKeyboard(page);
  const [after] = queryDatabase<TimingRow>(
    "select clock_started_at, answer_start_seconds, answer_end_seconds, timer_elapsed_ms from scorecards where id = ?",
    stored.id,
  );
  expect(after.timer_elapsed_ms).toBeGreaterThanOrEqual(4000);
  expect(after.clock_started_at).toBe(timing.clock_started_at);

  await openCard(page, card.url);
  expect(await page.locator(".answer-text").textContent()).toMatch(/Answer 0:0\d — under 2:00/);
  await screenshot(page, "scorecard-timing-submitted");
  await page.goto(`${baseURL()}/interviews/${card.id}`);
  expect(await page.locator("main").textContent()).toMatch(/Answer 0:0\d — under 2:00/);
  console.expectNoErrors();
  await context.close();
});
