// Issue #16, "typing stays light": a keystroke re-renders only what it changes. Counted with React's
// commit hook (tests/support/react-commits.ts) on the built app: which notes' rows rendered into the
// page after a key, and whether anything rendered at all for a key that changes nothing. Before,
// the evidence coach handed its notes a new context value at every render, so a note added, a rating
// or a flag re-rendered every note on the card; Escape re-rendered the whole editor.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { queryDatabase, storedCard } from "../support/e2e-data";
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

/** Where the components rendered since `since` render into (the interview clock's ticks left out). */
async function placesSince(page: Page, since: number) {
  await page.waitForTimeout(250);
  return page.evaluate((t0) => {
    const w = window as unknown as { __renderHosts: { t: number; host: Element | null }[] };
    const hosts = w.__renderHosts.filter((h) => h.t > t0 && !h.host?.closest(".live-timer")).map((h) => h.host);
    return {
      /** Components rendering straight into the dimensions' column: the coach, and each card. */
      inDimensions: hosts.filter((h) => h?.matches(".dimensions")).length,
      /** Components inside a card: its header's rating label, its cap warning, its note list, its rows. */
      insideCards: hosts.filter((h) => h?.closest("section.dimension")).length,
      /** Of those, the ones rendering into a card's header (the rating chosen, as a folded card shows it). */
      inHeads: hosts.filter((h) => h?.matches(".dimension-head")).length,
      /** Components rendering into the form itself or above it: the editor's own parts (live bar, columns). */
      editor: hosts.filter((h) => !h?.closest(".dimensions, .sidebar, .live-bar")).length,
    };
  }, since);
}

/**
 * A new card with React's commits observed, once the parts loaded after the page is up (the coach
 * among them) have rendered as they arrived.
 */
async function openSettledCard() {
  const { context, page } = await signedInPage(browser);
  await context.addInitScript(OBSERVE_COMMITS);
  await openCard(page, newInterview().url);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  return { context, page };
}

it("the first change (which starts the clock), a rating and t re-render neither the editor nor a card's notes", async () => {
  const { context, page } = await openSettledCard();

  // The first change to the card starts the interview clock: the timer panel shows it. The rating
  // renders its card's header label alone, not the card (its anchors, probes and note list: 1 in the
  // dimensions' column when the card watched its rating).
  let since = await mark(page);
  await page.keyboard.press("3");
  // Read before the autosave (600 ms on) sends the change: its reply re-renders the route above the editor.
  expect(await placesSince(page, since)).toEqual({ inDimensions: 0, insideCards: 1, inHeads: 1, editor: 0 });
  await expect.poll(() => page.locator(".timer-clock").textContent(), { timeout: 10_000 }).not.toBe("0:00");
  await expectSaved(page);

  // Another rating: its card's header label (not the card) and the recommendation's score.
  since = await mark(page);
  await page.keyboard.press("2");
  expect(await placesSince(page, since)).toEqual({ inDimensions: 0, insideCards: 1, inHeads: 1, editor: 0 });
  await expectSaved(page);

  // t pauses the clock: the timer panel alone.
  since = await mark(page);
  await page.keyboard.press("t");
  expect(await placesSince(page, since)).toEqual({ inDimensions: 0, insideCards: 0, inHeads: 0, editor: 0 });
  await expect.poll(() => page.locator(".live-timer button").first().textContent()).toContain("Resume");

  // A flag that caps the rating (passive voice caps Ownership at 2; it is rated 2, then 3): the
  // warning alone in the card, beside the coach and its engine (they show the flags raised), not
  // the card (3 in the dimensions' column when the card watched the flags).
  await page.keyboard.press("3");
  await expectSaved(page);
  since = await mark(page);
  await page.getByRole("checkbox", { name: "Passive voice" }).check();
  await expect.poll(() => page.getByLabel("Why Ownership is rated above its cap").isVisible()).toBe(true);
  expect(await placesSince(page, since)).toEqual({ inDimensions: 2, insideCards: 1, inHeads: 0, editor: 0 });
  await context.close();
});

it("j and k re-render the card that folds, the card that unfolds and the coach, not the editor", async () => {
  const { context, page } = await openSettledCard();
  await page.keyboard.press("3");
  await expectSaved(page);

  // The open dimension is in a store of its own (current-dimension.ts): in the editor's state, every
  // j re-rendered the editor, its form, the live bar and the dialogs (editor: 5 here).
  for (const key of ["j", "j", "k"]) {
    const since = await mark(page);
    await page.keyboard.press(key);
    // Two cards and the coach (its engine with it), straight into the dimensions' column.
    expect(await placesSince(page, since), key).toEqual({ inDimensions: 4, insideCards: 0, inHeads: 0, editor: 0 });
  }
  expect(await page.locator("section.dimension.current").getAttribute("data-dimension")).toBe("accountability");
  // The keys still act on the open dimension.
  await page.keyboard.press("2");
  await expect.poll(() => page.locator("section.dimension.current input[type=radio]:checked").inputValue()).toBe("2");
  await context.close();
});

it("a note added renders its card's note list and the new row, not the card", async () => {
  const { context, page } = await openSettledCard();
  await page.keyboard.press("3");
  await page.keyboard.press("n");
  for (const note of NOTES.slice(0, 2)) {
    await page.keyboard.type(note);
    const since = await mark(page);
    await page.keyboard.press("Enter");
    // The commit that rendered the new row (the clock's tick or the coach's answer for the note come
    // in others), straight into the dimensions' column: the coach's engine (it reads every note), not
    // the card (2 when the card watched its notes: its header, anchors and probes rendered too).
    await expect.poll(() => page.locator(".note-list li", { hasText: note }).count()).toBe(1);
    const keyCommit = await page.evaluate(
      ([t0, text]) => {
        const w = window as unknown as { __renderHosts: { t: number; host: Element | null }[] };
        const after = w.__renderHosts.filter((h) => h.t > t0);
        const t = after.find((h) => h.host?.closest(".note-list li")?.textContent?.includes(text))?.t;
        const hosts = after.filter((h) => h.t === t).map((h) => h.host);
        return { inDimensions: hosts.filter((h) => h?.matches(".dimensions")).length, rows: t !== undefined };
      },
      [since, note] as const,
    );
    expect(keyCommit, note).toEqual({ inDimensions: 1, rows: true });
  }
  await expect.poll(() => page.locator('section[data-dimension="ownership"] .note-list li').count()).toBe(2);
  // A note added to another card renders neither this card nor its list.
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await page.keyboard.press("n");
  await page.keyboard.type(NOTES[2]);
  const since = await mark(page);
  await page.keyboard.press("Enter");
  const places = await page.evaluate((t0) => {
    const w = window as unknown as { __renderHosts: { t: number; host: Element | null }[] };
    return w.__renderHosts
      .filter((h) => h.t > t0)
      .map((h) => h.host?.closest("section.dimension")?.getAttribute("data-dimension"))
      .filter((d) => d);
  }, since);
  expect(new Set(places)).toEqual(new Set(["accountability"]));
  await expect.poll(() => page.locator('section[data-dimension="accountability"] .note-list li').count()).toBe(1);
  await context.close();
});

it("a note added goes to the device once, with its box emptied, inside the keystroke", async () => {
  const { context, page } = await signedInPage(browser);
  // Every write of a scorecard draft to localStorage, with what it held.
  await context.addInitScript(() => {
    const writes: { notes: number; draft: string }[] = [];
    (window as unknown as { __draftWrites: typeof writes }).__draftWrites = writes;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.includes(":draft:")) {
        const draft = JSON.parse(value) as { values: { notes: unknown[]; noteDrafts: Record<string, string> } };
        writes.push({ notes: draft.values.notes.length, draft: draft.values.noteDrafts.ownership ?? "?" });
      }
      return setItem.call(this, key, value);
    };
  });
  await openCard(page, newInterview().url);
  await page.keyboard.press("n");
  await page.keyboard.type("Paged the owner");
  const before = await page.evaluate(() => (window as unknown as { __draftWrites: unknown[] }).__draftWrites.length);
  // The Enter and what it wrote, read in the same task as the key's handlers ran.
  const written = await page.evaluate(() => {
    const w = window as unknown as { __draftWrites: unknown[] };
    const box = document.querySelector<HTMLTextAreaElement>("[data-note-input]:focus")!;
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    return w.__draftWrites.slice();
  });
  expect(written.slice(before)).toEqual([{ notes: 1, draft: "" }]);
  await expect.poll(() => page.locator(".note-list li").count()).toBe(1);
  await context.close();
});

// At the end of each key's and click's own event (a listener on window, after React's on the
// document and the microtasks it queued): what the page shows by then.
const AT_EVENT_END = `(() => {
  window.__atEventEnd = [];
  for (const type of ["keydown", "click"])
    addEventListener(type, (e) => {
      window.__atEventEnd.push({
        type,
        checked: [...document.querySelectorAll("input:checked")].map((i) => i.name + "=" + i.value),
        weighted: document.querySelector(".recommendation .weighted strong")?.textContent ?? null,
        capWarning: document.querySelector(".cap-warning") !== null,
        justificationBox: document.getElementById("recommendation-justification") !== null,
        // The draft on the device (localStorage): what a crash right after the key would keep.
        device: Object.keys(localStorage)
          .filter((k) => k.startsWith("panel-scorecard:draft:"))
          .map((k) => JSON.parse(localStorage.getItem(k)).values),
      });
    });
})()`;

it("a rating key and Space on a red flag change their control within the key's own event; what React draws from them follows, unless it brings a box the next key may need", async () => {
  // The weighted score, a cap's warning and the coach rendered inside the key's event before, so the
  // key's frame waited for them; the radio or the box a person looks at needs none of it. A
  // justification box next in the Tab order (a rating's cap warning, the recommendation's) still
  // comes with the key: a Tab straight after it must land in the box.
  const { context, page } = await signedInPage(browser);
  await context.addInitScript(AT_EVENT_END);
  const card = newInterview();
  await openCard(page, card.url);
  await page.keyboard.press("t"); // the clock runs: a change does not start it
  const atEnd = () =>
    page.evaluate(() => {
      const w = window as unknown as {
        __atEventEnd: {
          type: string;
          checked: string[];
          weighted: string | null;
          capWarning: boolean;
          justificationBox: boolean;
          device: { ratings: Record<string, string>; redFlags: string[] | string | false }[];
        }[];
      };
      return w.__atEventEnd.splice(0);
    });
  await atEnd();

  await page.keyboard.press("3"); // Ownership
  const [rating] = (await atEnd()).filter((e) => e.type === "keydown");
  expect(rating.checked).toContain("ratings.ownership=3");
  expect(rating.device.map((v) => v.ratings.ownership)).toEqual(["3"]); // on the device within the key
  expect(rating.weighted).toBe("—");
  await expect.poll(() => page.locator(".recommendation .weighted strong").textContent()).toBe("3.00");

  // Passive voice caps Ownership at 2: its warning follows the box.
  await page.getByRole("checkbox", { name: /Passive voice/ }).focus();
  await atEnd();
  await page.keyboard.press("Space");
  const [flag] = (await atEnd()).filter((e) => e.type === "click");
  expect(flag.checked).toContain("redFlags=passive_voice");
  expect(flag.device.map((v) => [v.redFlags].flat())).toEqual([["passive_voice"]]);
  expect(flag.capWarning).toBe(false);
  await expect.poll(() => page.getByText(/Rated 3, above the cap of 2 set by Passive voice/).isVisible()).toBe(true);

  // Back to the ratings: 2 clears the warning, 3 brings it back, each within the key; 4 keeps it.
  await page.locator('[data-dimension="ownership"] input[type=radio]:checked').focus();
  await atEnd();
  for (const [key, warned] of [
    ["2", false],
    ["3", true],
    ["4", true],
  ] as const) {
    await page.keyboard.press(key);
    const [end] = (await atEnd()).filter((e) => e.type === "keydown");
    expect(end.checked, key).toContain(`ratings.ownership=${key}`);
    expect(end.capWarning, key).toBe(warned);
  }
  // A recommendation that contradicts the weighted 4.00 shows its justification box within the key.
  await page.keyboard.press("r"); // the first choice, strong no, focused
  await atEnd();
  await page.keyboard.press("ArrowRight"); // no: consistent with 1–3 only
  const ends = await atEnd();
  expect(ends.at(-1)!.checked).toContain("recommendation=no");
  expect(ends.at(-1)!.justificationBox).toBe(true);

  await expectSaved(page);
  const stored = storedCard(card.id)!;
  expect(stored.ratings).toEqual({ ownership: 4 });
  expect(queryDatabase("select flag_key from raised_red_flags where scorecard_id = ?", stored.id)).toEqual([
    { flag_key: "passive_voice" },
  ]);
  await context.close();
});
