// A practice interview's scorecard shows the exemplar's written answer above the card. The answer
// comes in a chunk of its own (scorecard-context.tsx): the server's HTML must carry it, a full load
// must hydrate it without a mismatch (React's warning is a console.error, which fails the test), and
// a navigation inside the app must draw it once its chunk has come.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs, waitForHydration } from "../support/browser";
import { queryDatabase } from "../support/e2e-data";
import { LAPTOP, signedInPage } from "../support/scorecard-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const answerOf = (interviewId: number) =>
  queryDatabase<{ answer: string }>(
    "SELECT e.answer FROM interviews i JOIN exemplars e ON e.id = i.exemplar_id WHERE i.id = ?",
    interviewId,
  )[0]?.answer;

/** The practice answer as drawn: its paragraphs' text. */
const drawnParagraphs = (page: Page) =>
  page
    .getByRole("region", { name: /^Practice — not part of any real statistic$/ })
    .locator("blockquote p")
    .allTextContents();

it("shows the exemplar's answer on a practice scorecard: in the server's HTML, after hydration and after a navigation in the app", async () => {
  const { context, page } = await signedInPage(browser, { viewport: LAPTOP });
  await page.goto(`${baseURL()}/practice`);
  await waitForHydration(page);
  // A navigation inside the app (the form posts, the action redirects): the part is drawn once its chunk comes.
  await page
    .getByRole("button", { name: /^(Practise|Continue practising) on / })
    .first()
    .click();
  await page.waitForURL(/\/interviews\/\d+\/scorecard$/);
  const interviewId = Number(/\/interviews\/(\d+)\//.exec(page.url())![1]);
  const paragraphs = answerOf(interviewId)!.split("\n");
  expect(paragraphs.length).toBeGreaterThan(0);
  await expect.poll(() => drawnParagraphs(page)).toEqual(paragraphs);

  // The document itself, as the server sends it (what a browser shows before any script runs).
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain("Practice — not part of any real statistic");
  const firstWords = paragraphs[0].split(/[&<>"']/)[0].slice(0, 60);
  expect(firstWords.length).toBeGreaterThan(20);
  expect(html).toContain(firstWords);

  // A full load with the part's chunk held back (in a context of its own: no service worker or cache
  // to answer for it): hydrated without it, the server's HTML stays as it was drawn, also through a
  // revalidation of the page's data (what an action brings) meanwhile; then the chunk comes and
  // hydrates it. (New data re-renders the memoised header with new objects: the boundary must wait for
  // its chunk, not be drawn anew without it, which React would also log as an error.)
  const fresh = await browser.newContext({ viewport: LAPTOP, serviceWorkers: "block" });
  const held = await fresh.newPage();
  await signInAs(held, "interviewer@demo.test");
  let release!: () => void;
  const holding = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await held.route(/\/practice-answer-[A-Z0-9]+\.js$/, async (route) => {
    asked += 1;
    await holding;
    await route.continue();
  });
  await held.goto(page.url());
  await waitForHydration(held);
  expect(asked).toBe(1);
  expect(await drawnParagraphs(held)).toEqual(paragraphs);
  await held.evaluate(() =>
    (window as unknown as { __remixRouter: { revalidate: () => Promise<void> } }).__remixRouter.revalidate(),
  );
  await expect
    .poll(() =>
      held.evaluate(
        () =>
          (window as unknown as { __remixRouter: { state: { revalidation: string } } }).__remixRouter.state
            .revalidation,
      ),
    )
    .toBe("idle");
  expect(await drawnParagraphs(held)).toEqual(paragraphs);
  release();
  await expect
    .poll(() =>
      held.evaluate(() => performance.getEntriesByType("resource").some((e) => /practice-answer/.test(e.name))),
    )
    .toBe(true);
  expect(await drawnParagraphs(held)).toEqual(paragraphs);
  await screenshot(held, "scorecard-practice");
  await fresh.close();
  await context.close();
});
