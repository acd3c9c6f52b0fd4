// Issue #15, defect 9: beside a call (1280×720, 768×900) the live controls are all on screen at
// once, whichever dimension is current. Screenshots at 1440×900 too, for a person to look at.
import { expect, it } from "vitest";
import { useBrowser, screenshot, watchConsole } from "../support/browser";
import { storedCard } from "../support/e2e-data";
import {
  HALF_SCREEN,
  LAPTOP,
  expectSaved,
  inViewport,
  newInterview,
  openCard,
  signedInPage,
} from "../support/scorecard-page";

const browser = useBrowser();

const LIVE_CONTROLS = {
  "current dimension's ratings": "section.dimension.current [role=radiogroup]",
  "current dimension's note box": "section.dimension.current [data-note-input]",
  timer: ".timer-clock",
  "answer marks": "[data-answer-marks]",
  "save status": ".save-status",
  "red flags": "[data-red-flags]",
  recommendation: "[data-recommendation]",
  submit: "button[data-submit]",
};

for (const viewport of [LAPTOP, HALF_SCREEN]) {
  it(`defect 9: at ${viewport.width}×${viewport.height} every live control is on screen, for each dimension in turn`, async () => {
    const { context, page } = await signedInPage(browser(), { viewport });
    const console = watchConsole(page);
    const card = newInterview();
    await openCard(page, card.url);
    await page.keyboard.press("t");
    for (const [i, dimension] of ["ownership", "accountability", "repair", "behavioural_change"].entries()) {
      if (i > 0) await page.keyboard.press("j");
      await page.keyboard.press("3");
      await page.waitForTimeout(400); // the smooth scroll settles
      await page.screenshot({ path: `test-results/scorecard-live-${viewport.width}-${dimension}.png` });
      const offScreen: string[] = [];
      for (const [name, selector] of Object.entries(LIVE_CONTROLS))
        if (!(await inViewport(page, selector))) offScreen.push(name);
      expect(offScreen, dimension).toEqual([]);
      // A short anchor label is always visible; the full text is a key away.
      expect(await page.locator("section.dimension.current .anchor-short").first().isVisible()).toBe(true);
    }
    await expectSaved(page);
    expect(storedCard(card.id)!.ratings).toEqual({ ownership: 3, accountability: 3, repair: 3, behavioural_change: 3 });
    console.expectNoErrors();
    await context.close();
  });
}

it("at 768×900 the note box stays clear of the bottom panel as notes pile up, and when n comes back to it", async () => {
  // Half a screen: flags, STAR and the recommendation stick to the bottom edge. Each note added grew
  // the card above the box (before the notes pane); a box that slid under that panel took keystrokes
  // where nobody saw them. Still checked: the pane must keep the box clear of it too.
  const { context, page } = await signedInPage(browser(), { viewport: HALF_SCREEN });
  const console = watchConsole(page);
  const card = newInterview();
  await openCard(page, card.url);
  const box = "section.dimension.current [data-note-input]";
  const clear = () =>
    page.locator(box).evaluate((el) => {
      const r = el.getBoundingClientRect();
      // What a person sees at the box's middle and just above its bottom edge is the box itself.
      return [r.top + r.height / 2, r.bottom - 3].every((y) => {
        const seen = document.elementFromPoint(r.left + r.width / 2, y);
        return y < window.innerHeight && seen !== null && el.contains(seen);
      });
    });
  await page.keyboard.press("n");
  for (let i = 1; i <= 6; i++) {
    await page.keyboard.type(`Evidence ${i}: named the missed deadline as her own call`);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300); // a smooth scroll settles
    expect(await clear(), `after note ${i}`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await page.mouse.wheel(0, -2000);
  await page.waitForTimeout(300);
  await page.keyboard.press("n");
  await page.waitForTimeout(300);
  expect(await clear(), "after n").toBe(true);
  await expectSaved(page);
  expect(storedCard(card.id)!.notes).toHaveLength(6);
  console.expectNoErrors();
  await context.close();
});

it("at 1280×720 a note added moves nothing else on screen: the open card's notes scroll in a pane of their own", async () => {
  // A note added used to grow the card: the box being typed in, the folded cards below and the
  // whole frame moved and were drawn again after every Enter.
  const { context, page } = await signedInPage(browser(), { viewport: LAPTOP });
  const console = watchConsole(page);
  const card = newInterview();
  await openCard(page, card.url);
  const places = () =>
    page.evaluate(() =>
      Object.fromEntries(
        Object.entries({
          box: "section.dimension.current [data-note-input]",
          "next card": "section.dimension.current + section.dimension",
          "red flags": "[data-red-flags]",
        }).map(([name, selector]) => [name, document.querySelector(selector)!.getBoundingClientRect().top]),
      ),
    );
  // What a person sees at the middle of a note's row is that row (not covered, not scrolled away).
  const seen = (nth: number) =>
    page
      .locator("section.dimension.current .note-list li")
      .nth(nth)
      .evaluate((row) => {
        const r = row.getBoundingClientRect();
        const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return at !== null && row.contains(at);
      });
  await page.keyboard.press("n");
  const before = await places();
  for (let i = 1; i <= 4; i++) {
    await page.keyboard.type(`Evidence ${i}: named the missed deadline as her own call`);
    await page.keyboard.press("Enter");
    await page.waitForTimeout(150); // the frame after the note, with its scroll
    expect(await places(), `after note ${i}`).toEqual(before);
    expect(await seen(i - 1), `note ${i} in view`).toBe(true);
  }
  // The oldest is scrolled up inside the pane, and back in view when the pane scrolls to it.
  expect(await seen(0)).toBe(false);
  await page.locator("section.dimension.current .note-list li").first().scrollIntoViewIfNeeded();
  expect(await seen(0)).toBe(true);
  expect(await places()).toEqual(before);
  await expectSaved(page);
  expect(storedCard(card.id)!.notes).toHaveLength(4);
  // The pane opens on the newest notes: after a reload, and when its card is opened again.
  await openCard(page, card.url);
  expect(await seen(3), "the newest after a reload").toBe(true);
  expect(await seen(0), "the oldest after a reload").toBe(false);
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  expect(await seen(3), "the newest after j, k").toBe(true);
  console.expectNoErrors();
  await context.close();
});

it("screenshots at 1440×900 for a person to look at", async () => {
  const { context, page } = await signedInPage(browser(), { viewport: { width: 1440, height: 900 } });
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("3");
  await page.screenshot({ path: "test-results/scorecard-live-1440.png" });
  await screenshot(page, "scorecard-live-1440-full");
  await context.close();
});
