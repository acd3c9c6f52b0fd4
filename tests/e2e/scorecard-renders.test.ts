// Issue #16, "typing stays light": a keystroke re-renders only what it changes. Counted with React's
// commit hook (tests/support/react-commits.ts) on the built app: which notes' rows rendered into the
// page after a key, and whether anything rendered at all for a key that changes nothing. Before,
// the evidence coach handed its notes a new context value at every render, so a note added, a rating
// or a flag re-rendered every note on the card; Escape re-rendered the whole editor.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { OBSERVE_COMMITS } from "../support/react-commits";
import { expectSaved, newInterview, openCard, signedInPage } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NOTES = ["Wrote the runbook for the failover", "Paged the owner of the queue", "Added a canary stage"];

/** The time now on the page's clock: commits after it are the next key's. */
const mark = (page: Page) => page.evaluate(() => performance.now());

/**
 * What rendered since `since`, the interview clock's ticks left out: the note rows it rendered into
 * (their text), the components, and the commits (a commit that rendered nothing is a component that
 * ran and bailed out: React 18 renders a useReducer's component to find its state unchanged).
 */
async function renderedSince(
  page: Page,
  since: number,
): Promise<{ rows: string[]; components: number; commits: number }> {
  // Long enough for the key's commits (synchronous) and its effects; shorter than the autosave's 600 ms.
  await page.waitForTimeout(250);
  return page.evaluate((t0) => {
    const w = window as unknown as {
      __renderHosts: { t: number; host: Element | null }[];
      __commits: { t: number; rendered: number[] }[];
    };
    const ticking = (h: { host: Element | null }) => !!h.host?.closest(".live-timer");
    const hosts = w.__renderHosts.filter((h) => h.t > t0 && !ticking(h));
    const commits = w.__commits.filter((c) => {
      const mine = w.__renderHosts.filter((h) => h.t === c.t);
      return c.t > t0 && !(mine.length && mine.every(ticking));
    });
    const rows = new Set(hosts.map((h) => h.host?.closest(".note-list li")).filter((li) => !!li));
    return {
      rows: [...rows].map((li) => li!.querySelector(".note-text")?.textContent ?? ""),
      components: hosts.length,
      commits: commits.length,
    };
  }, since);
}

it("a note added re-renders its own row only; Escape, a rating and a red flag re-render no note", async () => {
  const { context, page } = await signedInPage(browser);
  await context.addInitScript(OBSERVE_COMMITS);
  const card = newInterview();
  await openCard(page, card.url);

  await page.keyboard.press("n");
  for (const note of NOTES) {
    await page.keyboard.type(note);
    await page.keyboard.press("Enter");
  }
  await expect.poll(() => page.locator(".note-list li").count()).toBe(3);
  await expectSaved(page);

  await page.keyboard.type("Named the missing alert");
  let since = await mark(page);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".note-list li").count()).toBe(4);
  expect((await renderedSince(page, since)).rows).toEqual(["Named the missing alert"]);
  await expectSaved(page);

  // Escape leaves the note box: nothing on the card changes, so nothing renders.
  since = await mark(page);
  await page.keyboard.press("Escape");
  expect(await renderedSince(page, since)).toEqual({ rows: [], components: 0, commits: 0 });

  // A rating re-renders its card and the recommendation's score, not the card's notes.
  since = await mark(page);
  await page.keyboard.press("3");
  const rated = await renderedSince(page, since);
  expect(rated.rows).toEqual([]);
  expect(rated.components).toBeGreaterThan(0);
  await expectSaved(page);

  // A red flag ticked with Space: no note shows anything about it.
  await page.keyboard.press("f");
  since = await mark(page);
  await page.keyboard.press("Space");
  expect((await renderedSince(page, since)).rows).toEqual([]);
  await expect.poll(() => page.locator("[data-red-flags] input").first().isChecked()).toBe(true);
  await expectSaved(page);
  await context.close();
});
