import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs } from "../support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage();
  await signInAs(page, "lead@demo.test");
});
afterAll(async () => {
  await browser?.close();
});

it("runs a calibration review: filter, find the outlier, open the split panel, record the outcome, export", async () => {
  await page.goto(`${baseURL()}/calibration`);
  // The figures say how fresh they are: the server answers from its last computed views.
  await expect.poll(() => page.locator(".as-of").textContent()).toMatch(/^As of \d\d:\d\d UTC/);
  // A filter that leaves enough shared candidates to judge anyone: the rater model will not flag on a
  // handful of scorecards (one variant alone leaves each interviewer 3–8 shared candidates).
  await page.getByRole("checkbox", { name: "Senior" }).check();
  await page.getByRole("checkbox", { name: "Staff+" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/level=senior&level=staff/);
  const outliers = page.getByRole("region", { name: "Who needs a calibration conversation, about what" });
  await expect.poll(() => outliers.textContent()).toMatch(/lenient\s*Jordan Lee/);
  await screenshot(page, "calibration-overview");

  // Every view keeps the filter, and each is saved for a person to look at.
  for (const [tab, name] of [
    ["Interviewers", "interviewers"],
    ["Dimensions", "dimensions"],
    ["Variants", "variants"],
    ["Candidates", "candidates"],
  ] as const) {
    await page.getByRole("navigation", { name: "Calibration views" }).getByRole("link", { name: tab }).click();
    await page.waitForURL(new RegExp(`/calibration/${name}\\?level=senior&level=staff`));
    await page.waitForSelector(".chart-area svg");
    await screenshot(page, `calibration-${name}`);
  }
  // The numbers behind a chart, one click away.
  await page.getByRole("navigation", { name: "Calibration views" }).getByRole("link", { name: "Interviewers" }).click();
  await page.getByRole("button", { name: "Show as table" }).first().click();
  const jordan = page.locator('tr[data-interviewer="Jordan Lee"]');
  expect(await jordan.textContent()).toMatch(/lenient/);

  await page
    .getByRole("navigation", { name: "Calibration views" })
    .getByRole("link", { name: "Disagreements" })
    .click();
  await page.waitForURL(/\/calibration\/queue\?level=senior&level=staff/);
  await screenshot(page, "calibration-queue");
  await page
    .getByRole("button", { name: /^Open review/ })
    .first()
    .click();
  await page.waitForURL(/\/calibration\/reviews\/\d+/);
  await page
    .getByLabel("Agreed reading")
    .fill("Ownership is a 3: the decision was named in first person; the 1 misread the anchor.");
  await page.getByLabel("Notes").fill("Split came from the Ownership anchors.");
  await page.getByLabel("Follow-ups").fill("Revisit the Ownership anchors with these interviewers.");
  await page.getByRole("button", { name: "Save and close review" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Reopen review" }).isVisible()).toBe(true);
  expect(await page.getByText("Revisit the Ownership anchors with these interviewers.").isVisible()).toBe(true);
  await screenshot(page, "calibration-review");

  await page.goto(`${baseURL()}/calibration/reviews?q=Ownership+anchors&status=all`);
  expect(await page.getByRole("main").textContent()).toMatch(/Ownership is a 3/);

  await page.goto(`${baseURL()}/calibration?variant=default`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV of this view" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toBe(
    "candidate,interviewer,dimension,score,variant,level,date,recommendation,rubric_version,candidate_id",
  );
  expect(csv.length).toBeGreaterThan(50);
  expect(csv.slice(1).every((line) => line.split(",")[4] === "default")).toBe(true);
  const shown = await (
    await page.request.get(`${baseURL()}/calibration?variant=default&_data=routes%2Fcalibration._index`)
  ).json();
  expect(csv.length - 1).toBe(shown.totals.ratings);
});

it("refuses the dashboard to an interviewer", async () => {
  const other = await (await browser.newContext()).newPage();
  await signInAs(other, "interviewer@demo.test");
  const response = await other.goto(`${baseURL()}/calibration`);
  expect(response!.status()).toBe(404);
  await other.context().close();
});
