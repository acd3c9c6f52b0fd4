import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it("the demo interviewer signs in and sees their interview list", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseURL()}/interviews`);
  await page.waitForURL(/\/login\?redirectTo=%2Finterviews/);
  await screenshot(page, "sign-in");
  await signInAs(page, "interviewer@demo.test");
  expect(new URL(page.url()).pathname).toBe("/interviews");
  await expect.poll(() => page.getByRole("heading", { name: "Your interviews" }).isVisible()).toBe(true);
  const upcoming = page.getByRole("region", { name: /Upcoming/ });
  expect(await upcoming.getByRole("row").count()).toBeGreaterThan(1);
  expect(await page.getByRole("region", { name: /Past/ }).getByRole("link").count()).toBeGreaterThan(10);
  await screenshot(page, "interviews");
  await page.close();
});

it("a wrong password shows one clear message and stays on the sign-in page", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseURL()}/login`);
  await page.getByLabel("Email").fill("interviewer@demo.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/don't match an active account/);
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.close();
});
