// Debian's Chromium driven by playwright-core (`npx playwright install` cannot work here).
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./chromium";

export const baseURL = () => inject("baseURL");

// Every page of the browser suite is watched: a console.error, an uncaught page error or a
// Content-Security-Policy violation fails the test that caused it.
const problems: string[] = [];

/** Chromium logs a blocked resource as a console error too; this names the directive for sure. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener("securitypolicyviolation", (e) =>
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));`;

/**
 * HTTP error statuses a flow provokes on purpose (a stale save's 409, a refused submit's 400) are
 * logged by Chromium as "Failed to load resource"; the tests check those answers themselves.
 */
const EXPECTED = /^Failed to load resource: the server responded with a status of 4\d\d/;

function watchPage(page: Page) {
  page.on("console", (message) => {
    if (message.type() === "error" && !EXPECTED.test(message.text()))
      problems.push(`console.error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  // A missing script, stylesheet or image is never on purpose (unlike a refused fetch, above).
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (response.status() >= 400 && ["script", "stylesheet", "image", "font"].includes(type))
      problems.push(`${type} ${response.url()} answered ${response.status()}`);
  });
}

async function watchContext(context: BrowserContext) {
  await context.addInitScript(REPORT_CSP_VIOLATIONS);
  context.on("page", watchPage);
  for (const page of context.pages()) watchPage(page);
}

/** The problems seen so far in this test, taken (a test that provokes one on purpose takes it). */
export function takeBrowserProblems(): string[] {
  return problems.splice(0);
}

afterEach(() => {
  expect(takeBrowserProblems(), "console errors, page errors or CSP violations in the browser").toEqual([]);
});

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    await watchContext(context);
    return context;
  };
  // browser.newPage makes a context of its own: through newContext above, so it is watched too.
  browser.newPage = async (...args) => {
    const context = await browser.newContext(...args);
    const page = await context.newPage();
    // Closing the page closes its context, as browser.newPage's own pages do.
    page.once("close", () => void context.close().catch(() => undefined));
    return page;
  };
  return browser;
}

/** One Chromium for the test file, launched before its tests and closed after them (call at the top level). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the browser is launched in beforeAll: use it inside a test");
    return browser;
  };
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
    if (message.type() === "error" && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(message.text()))
      errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return { errors, expectNoErrors: () => expect(errors).toEqual([]) };
}
