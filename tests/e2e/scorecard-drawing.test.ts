// Issue #16, "typing stays light": what Chromium redraws after j, counted (never timed) in a trace
// of the built app. Folding a dimension used to take its anchors and notes out of the flow
// (position: absolute, 1 px, white-space: nowrap), so unfolding one restyled its whole subtree
// (~90 elements) and laid it out again (~110 layout objects): most of the slowest key's time at 4x
// CPU. Folded parts now keep their style and layout; only their height changes.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { useBrowser } from "../support/browser";
import { expectSaved, newInterview, openCard, signedInPage } from "../support/scorecard-page";

const browser = useBrowser();

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  args?: { elementCount?: number; beginData?: { dirtyObjects?: number }; data?: { type?: string } };
}

/** Elements restyled and objects laid out on the page's main thread from `key`'s keydown until it is drawn. */
async function redrawnBy(page: Page, key: string) {
  await browser().startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
  await page.keyboard.press(key);
  // Two frames after the key: everything it changed has been drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const { traceEvents } = JSON.parse((await browser().stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
  const keydown = traceEvents.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown");
  if (!keydown) throw new Error(`no keydown in the trace of ${key}`);
  const after = traceEvents.filter((e) => e.pid === keydown.pid && e.tid === keydown.tid && e.ts >= keydown.ts);
  const sum = (name: string, pick: (e: TraceEvent) => number) =>
    after.filter((e) => e.name === name && e.ph === "X").reduce((total, e) => total + pick(e), 0);
  return {
    restyled: sum("UpdateLayoutTree", (e) => e.args?.elementCount ?? 0),
    laidOut: sum("Layout", (e) => e.args?.beginData?.dirtyObjects ?? 0),
  };
}

it("j and k restyle and lay out the two cards' frames, not the contents of the card they unfold", async () => {
  const { context, page } = await signedInPage(browser());
  await openCard(page, newInterview().url);
  // Each card holds a rating and notes (what a folded card keeps out of sight), the clock paused.
  for (const [i, notes] of [["Owned the rollback", "Paged the team lead"], ["Named the missing alert"]].entries()) {
    if (i > 0) await page.keyboard.press("j");
    await page.keyboard.press("3");
    await page.keyboard.press("n");
    for (const note of notes) {
      await page.keyboard.type(note);
      await page.keyboard.press("Enter");
    }
    await page.keyboard.press("Escape");
  }
  await page.keyboard.press("t");
  await expectSaved(page);

  for (const key of ["k", "j", "j"]) {
    const counts = await redrawnBy(page, key);
    // Unfolding rebuilt the card: ~90 elements restyled and ~110 layout objects laid out before.
    expect(counts.restyled, `${key}: elements restyled`).toBeLessThan(45);
    expect(counts.laidOut, `${key}: objects laid out`).toBeLessThan(60);
  }
  await expect.poll(() => page.locator("section.dimension.current").getAttribute("data-dimension")).toBe("repair");
  // Folded, the other cards' ratings and notes stay in the page for a screen reader and Tab.
  expect(await page.getByRole("radiogroup", { name: "Ownership", exact: true }).getByRole("radio").count()).toBe(4);
  expect(await page.locator('section[data-dimension="ownership"] .note-list li').count()).toBe(2);
  await context.close();
});
