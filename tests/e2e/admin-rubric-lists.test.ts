import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, signInAs } from "../support/browser";

// The rubric editor's lists (red flags, a flag's caps) grow and shrink in the browser: an item
// removed from the middle takes its own inputs with it, the ones after it keep what was typed and
// are renumbered, and its errors go with it. Nothing is saved (other files read the demo rubric).

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signInAs(page, "lead@demo.test");
  await page.goto(`${baseURL()}/admin/rubric`);
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(
    () =>
      (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized,
  );
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it("adds flags and caps, removes one from the middle, and the rest keep what was typed", async () => {
  const flags = page.getByRole("region", { name: /^Red flags/ });
  const items = flags.locator("details.rubric-item");
  const saved = await items.count();
  expect(saved).toBeGreaterThanOrEqual(2);

  // A saved flag removed from the front: the next one moves up, with its own inputs and number.
  await items.nth(0).locator("summary").click();
  await items.nth(1).locator("summary").click();
  const secondName = await items.nth(1).getByLabel("Name", { exact: true }).inputValue();
  await items
    .nth(0)
    .getByRole("button", { name: /Remove this red flag/ })
    .click();
  await expect.poll(() => items.count()).toBe(saved - 1);
  expect(await items.nth(0).getByLabel("Name", { exact: true }).inputValue()).toBe(secondName);
  expect(await items.nth(0).getByLabel("Name", { exact: true }).getAttribute("name")).toBe("redFlags.0.name");

  // Two new flags; the second gets two caps; then the first new flag and the second's first cap go.
  const add = flags.getByRole("button", { name: "Add a red flag" });
  await add.click();
  await add.click();
  await expect.poll(() => items.count()).toBe(saved + 1);
  const first = items.nth(saved - 1);
  const second = items.nth(saved);
  await first.getByLabel("Name", { exact: true }).fill("Blames the team");
  await second.getByLabel("Name", { exact: true }).fill("Skips the tests");
  await second.getByRole("button", { name: "Add a cap" }).click();
  await second.getByRole("button", { name: "Add a cap" }).click();
  const dimensions = second.getByLabel("Dimension");
  await expect.poll(() => dimensions.count()).toBe(2);
  await dimensions.nth(0).selectOption({ index: 1 });
  await dimensions.nth(1).selectOption({ index: 2 });
  const kept = await dimensions.nth(1).inputValue();

  await first.getByRole("button", { name: /Remove this red flag/ }).click();
  await expect.poll(() => items.count()).toBe(saved);
  const left = items.nth(saved - 1);
  expect(await left.getByLabel("Name", { exact: true }).inputValue()).toBe("Skips the tests");
  expect(await left.getByLabel("Name", { exact: true }).getAttribute("name")).toBe(`redFlags.${saved - 1}.name`);
  await left.getByRole("button", { name: /^Remove cap 1 of/ }).click();
  await expect.poll(() => left.getByLabel("Dimension").count()).toBe(1);
  expect(await left.getByLabel("Dimension").inputValue()).toBe(kept);
  expect(await left.getByLabel("Dimension").getAttribute("name")).toBe(`redFlags.${saved - 1}.caps.0.dimension`);

  // A save that fails in the browser marks the new flag (no key yet); removing it takes its errors along.
  await page.getByRole("button", { name: /^Save as version/ }).click();
  await expect.poll(() => left.getByText("Needs attention").isVisible()).toBe(true);
  await left.getByRole("button", { name: /Remove this red flag/ }).click();
  await expect.poll(() => items.count()).toBe(saved - 1);
  await expect.poll(() => flags.getByText("Needs attention").count()).toBe(0);
});
