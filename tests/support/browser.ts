// Debian's Chromium driven by playwright-core (`npx playwright install` cannot work here).
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseURL = () => inject("baseURL");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function signInAs(page: Page, email: string, password = "panel-demo") {
  await page.goto(`${baseURL()}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Screenshots land in test-results/ so a person can look at what the tests saw. */
export async function screenshot(page: Page, name: string) {
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** Keyboard shortcuts and autosave exist once the page has hydrated (app/root.tsx marks <html>). */
export async function waitForHydration(page: Page) {
  await page.waitForSelector("html[data-hydrated]");
}

/**
 * Collects every console.error and uncaught page error (React's hydration warnings included);
 * a test calls `expectNoErrors()` at its end, so any of them fails it.
 */
export function watchConsole(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    // An offline test provokes failed requests on purpose; the browser logs those, the app does not.
    if (message.type() === "error" && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return { errors, expectNoErrors: () => expect(errors).toEqual([]) };
}
