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
  // Half a screen: flags, STAR and the recommendation stick to the bottom edge. Each note added grows
  // the card above the box; a box that slid under that panel took keystrokes where nobody saw them.
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

it("screenshots at 1440×900 for a person to look at", async () => {
  const { context, page } = await signedInPage(browser(), { viewport: { width: 1440, height: 900 } });
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("3");
  await page.screenshot({ path: "test-results/scorecard-live-1440.png" });
  await screenshot(page, "scorecard-live-1440-full");
  await context.close();
});
