// Issue #10 in the browser: the Content-Security-Policy blocks an inline script without the nonce
// (and the suite's watcher reports it), and signing out clears the user's drafts on the device.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, signInAs, takeBrowserProblems, waitForHydration } from "../support/browser";
import { scheduleInterview } from "../support/e2e-data";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("runs Remix's own scripts under the CSP and blocks an injected inline script, which the watcher reports", async () => {
  const page = await browser.newPage();
  await signInAs(page, "interviewer@demo.test");
  await waitForHydration(page);
  expect(takeBrowserProblems()).toEqual([]);
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.appendChild(script);
  });
  await expect.poll(() => takeBrowserProblems().join("\n"), { timeout: 10_000 }).toMatch(/CSP violation: script-src/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await page.close();
});

it("signing out removes this user's scorecard drafts from the device, and only theirs", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signInAs(page, "interviewer@demo.test");
  const interviewId = scheduleInterview(["interviewer@demo.test", "jordan@demo.test"]);
  await page.goto(`${baseURL()}/interviews/${interviewId}/scorecard`);
  await waitForHydration(page);
  await page.keyboard.press("3");
  await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
  const drafts = () =>
    page.evaluate(() =>
      Object.keys(window.localStorage)
        .filter((key) => key.startsWith("panel-scorecard:draft:"))
        .sort(),
    );
  const own = (await drafts()).filter((key) => key.endsWith(`:${interviewId}`));
  expect(own).toHaveLength(1);
  // Someone else's draft on the same laptop.
  await page.evaluate(() => window.localStorage.setItem("panel-scorecard:draft:999999:1", "{}"));

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  expect(await drafts()).toEqual(["panel-scorecard:draft:999999:1"]);
  await context.close();
});
