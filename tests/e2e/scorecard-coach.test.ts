// Issue #14: the evidence coach on the live scorecard. A note's signals come from the server
// (POST /coach/signals); the suggested flag shows under the note, one key raises it through the
// flags panel's own path, and a dismissed suggestion stays dismissed across a reload.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, screenshot, takeBrowserProblems } from "../support/browser";
import { expectAccessible } from "../support/axe";
import { queryDatabase, storedCard } from "../support/e2e-data";
import { HALF_SCREEN, LAPTOP, expectSaved, newInterview, openCard, signedInPage } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSIVE = "The assumption was made that the data was clean";
const GENERIC = "I learned to communicate better with the team";

/** n, type, Enter, Esc: a note added to the current dimension the keyboard way, focus left outside any field. */
async function addNote(page: Page, text: string) {
  await page.keyboard.press("n");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
}

const noteRow = (page: Page, text: string) => page.locator(".note-list li", { hasText: text });
const suggestions = (page: Page, text: string) =>
  noteRow(page, text).getByRole("toolbar", { name: "Suggested red flags" });
const flagBox = (page: Page, key: string) => page.locator(`[data-red-flags] input[value="${key}"]`);

function storedFlags(interviewId: number): string[] {
  const card = storedCard(interviewId)!;
  return queryDatabase<{ flag_key: string }>(
    "select flag_key from raised_red_flags where scorecard_id = ? order by flag_key",
    card.id,
  ).map((r) => r.flag_key);
}

function storedDismissals(interviewId: number): string[] {
  const card = storedCard(interviewId) as unknown as { coach_dismissed: string };
  return JSON.parse(card.coach_dismissed) as string[];
}

it("keyboard only at 1280×720: a suggestion appears under the note, g raises it, d dismisses another and it stays dismissed after a reload", async () => {
  const { context, page } = await signedInPage(browser, { viewport: LAPTOP });
  const card = newInterview();
  await openCard(page, card.url);

  await addNote(page, PASSIVE);
  // The suggestion comes from the server; the note shows at once, the suggestion a moment later.
  await expect
    .poll(() => suggestions(page, PASSIVE).textContent(), { timeout: 15_000 })
    .toMatch(/Passive voice\?.*“was made”/);
  expect(await noteRow(page, PASSIVE).locator("mark.coach-span").textContent()).toBe("was made");
  expect(await flagBox(page, "passive_voice").isChecked()).toBe(false); // suggested, never raised by the app
  await expectSaved(page);
  expect(storedFlags(card.id)).toEqual([]);

  // Typing g and d in a note box raises and dismisses nothing.
  await page.keyboard.press("n");
  await page.keyboard.type("good deed");
  expect(await flagBox(page, "passive_voice").isChecked()).toBe(false);
  expect(await suggestions(page, PASSIVE).count()).toBe(1);
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Escape");

  await page.keyboard.press("g");
  await expect.poll(() => flagBox(page, "passive_voice").isChecked()).toBe(true);
  await expect.poll(() => suggestions(page, PASSIVE).count()).toBe(0); // raised: nothing left to suggest
  await expectSaved(page);
  await expect.poll(() => storedFlags(card.id), { timeout: 15_000 }).toEqual(["passive_voice"]);

  await addNote(page, GENERIC);
  await expect.poll(() => suggestions(page, GENERIC).textContent(), { timeout: 15_000 }).toMatch(/Generic lesson\?/);
  await page.keyboard.press("d");
  await expect.poll(() => suggestions(page, GENERIC).count()).toBe(0);
  expect(await flagBox(page, "generic_lesson").isChecked()).toBe(false);
  await expectSaved(page);
  await expect
    .poll(() => storedDismissals(card.id), { timeout: 15_000 })
    .toEqual([expect.stringMatching(/^[\w-]+\|generic_lesson:0-45$/)]);

  await page.reload();
  await page.waitForSelector("html[data-hydrated]");
  await expect.poll(() => noteRow(page, PASSIVE).locator("mark.coach-span").count(), { timeout: 15_000 }).toBe(1); // signals are back
  expect(await flagBox(page, "passive_voice").isChecked()).toBe(true);
  expect(await noteRow(page, GENERIC).textContent()).toContain(GENERIC);
  expect(await suggestions(page, GENERIC).count()).toBe(0); // still dismissed
  expect(await noteRow(page, GENERIC).locator("mark.coach-span").count()).toBe(0);
  expect(storedFlags(card.id)).toEqual(["passive_voice"]);
  await context.close();
});

it("offline, or the coach failing: the note shows without suggestions and nothing breaks", async () => {
  const { context, page } = await signedInPage(browser);
  const card = newInterview();
  await openCard(page, card.url);
  // A server error first (the answer a broken analyser gives), then no network at all.
  await page.route("**/coach/signals", (route) => route.fulfill({ status: 503, body: "unavailable" }));
  await addNote(page, PASSIVE);
  await expectSaved(page);
  await context.setOffline(true);
  await addNote(page, GENERIC);
  await page.waitForTimeout(1500); // what would have come back by now has not
  for (const text of [PASSIVE, GENERIC]) {
    expect(await noteRow(page, text).locator(".note-text").textContent()).toBe(text);
    expect(await noteRow(page, text).locator("mark.coach-span").count()).toBe(0);
    expect(await suggestions(page, text).count()).toBe(0);
  }
  // The rest of the card still works from the keyboard.
  await page.keyboard.press("3");
  expect(
    await page
      .getByRole("radiogroup", { name: "Ownership", exact: true })
      .getByRole("radio", { name: /^3 — / })
      .isChecked(),
  ).toBe(true);
  await context.setOffline(false);
  await page.unroute("**/coach/signals");
  await expectSaved(page);
  expect(storedCard(card.id)!.notes.map((n) => n.text)).toEqual([PASSIVE, GENERIC]);
  // Chromium itself notes each 503 it was served ("Failed to load resource"); the app logs nothing.
  const problems = takeBrowserProblems();
  expect(
    problems.every((p) => /Failed to load resource: the server responded with a status of 503/.test(p)),
    problems.join("\n"),
  ).toBe(true);
  await context.close();
});

for (const viewport of [{ width: 1440, height: 900 }, LAPTOP, HALF_SCREEN]) {
  it(`a card with suggestions, for a person to look at (${viewport.width}×${viewport.height})`, async () => {
    const { context, page } = await signedInPage(browser, { viewport });
    const card = newInterview();
    await openCard(page, card.url);
    await addNote(page, "We kind of assumed the contract was updated");
    await addNote(page, PASSIVE);
    await expect.poll(() => suggestions(page, PASSIVE).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => suggestions(page, "contract").count(), { timeout: 15_000 }).toBe(1);
    // The page-wide keys act on the newest note: its suggestion shows them, the older one does not.
    expect(await suggestions(page, PASSIVE).locator("kbd").allTextContents()).toEqual(["g", "d"]);
    expect(await suggestions(page, "contract").locator("kbd").count()).toBe(0);
    await expectSaved(page);
    await screenshot(page, `scorecard-coach-${viewport.width}`);
    // The underlines and suggestion lines keep the page within WCAG A/AA (contrast, names, roles).
    if (viewport === LAPTOP) await expectAccessible(page, "scorecard with coach suggestions");
    await context.close();
  });
}
