// axe-core on the demo lead's pages (calibration, debrief, overdue) and the admin's, in Chromium: no
// serious or critical WCAG 2.0/2.1 A/AA violation. Each check also saves a screenshot as
// test-results/a11y-*.png. Signed out and the interviewer's pages: accessibility.test.ts.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open, settle, useLaptopPages, waitForCharts } from "../support/a11y-pages";
import { expectAccessible } from "../support/axe";
import { signInAs } from "../support/browser";

const newPage = useLaptopPages();

describe("the demo lead (and admin)", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPage());
    await signInAs(page, "lead@demo.test");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("debrief of a past interview, with the panel side by side", async () => {
    await open(page, "/calibration/queue");
    await page
      .getByRole("region", { name: "Disagreement queue" })
      .getByRole("rowheader")
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/interviews\/\d+$/);
    await settle(page);
    await expect.poll(() => page.getByRole("heading", { name: /^Debrief · / }).isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Scores side by side" }).getByRole("table").count()).toBeGreaterThan(
      0,
    );
    await expectAccessible(page, "a11y-debrief");
  });

  it("overdue scorecards", async () => {
    await open(page, "/overdue");
    await expect.poll(() => page.getByRole("heading", { name: "Overdue scorecards" }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-overdue");
  });

  for (const [tab, path] of [
    ["overview", "/calibration"],
    ["interviewers", "/calibration/interviewers"],
    ["dimensions", "/calibration/dimensions"],
    ["variants", "/calibration/variants"],
    ["candidates", "/calibration/candidates"],
    ["queue", "/calibration/queue"],
    ["reviews", "/calibration/reviews"],
    ["practice", "/calibration/practice"],
  ] as const) {
    it(`calibration: ${tab}`, async () => {
      await open(page, path);
      await expect
        .poll(() => page.getByRole("heading", { name: "Calibration", level: 1, exact: true }).isVisible())
        .toBe(true);
      await waitForCharts(page);
      await expectAccessible(page, `a11y-calibration-${tab}`);
    });
  }

  it("calibration: a review opened from the disagreement queue", async () => {
    await open(page, "/calibration/queue");
    await page
      .getByRole("button", { name: /^Open review/ })
      .first()
      .click();
    await page.waitForURL(/\/calibration\/reviews\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-calibration-review");
  });

  it("calibration: new practice exemplar form", async () => {
    await open(page, "/calibration/practice/new");
    await expectAccessible(page, "a11y-calibration-practice-new");
  });

  it("admin overview", async () => {
    await open(page, "/admin");
    await expect.poll(() => page.getByRole("heading", { name: "Administration" }).isVisible()).toBe(true);
    await expectAccessible(page, "a11y-admin");
  });

  for (const [name, path] of [
    ["people", "/admin/people"],
    ["candidates", "/admin/candidates"],
    ["interviews", "/admin/interviews"],
    ["settings", "/admin/settings"],
  ] as const) {
    it(`admin: ${name}`, async () => {
      await open(page, path);
      await expectAccessible(page, `a11y-admin-${name}`);
    });
  }

  it("admin: rubric, with a variant's editor open", async () => {
    await open(page, "/admin/rubric");
    await page.locator("details.rubric-item > summary").first().click();
    await expectAccessible(page, "a11y-admin-rubric");
  });

  it("admin: a candidate's page", async () => {
    await open(page, "/admin/candidates");
    await page
      .getByRole("region", { name: /All candidates/ })
      .getByRole("table")
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/admin\/candidates\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-admin-candidate");
  });

  it("admin: an upcoming interview's page", async () => {
    await open(page, "/admin/interviews");
    await page
      .getByRole("region", { name: /Upcoming/ })
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/admin\/interviews\/\d+$/);
    await settle(page);
    await expectAccessible(page, "a11y-admin-interview");
  });

  it("admin: the schedule form showing field errors after an empty submit", async () => {
    await open(page, "/admin/interviews");
    await page.getByRole("button", { name: "Schedule interview" }).click();
    await expect.poll(() => page.getByLabel("Candidate", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).searchParams.get("scheduled")).toBeNull();
    await expectAccessible(page, "a11y-admin-interviews-errors");
  });

  it("admin: the candidate form showing field errors after an empty submit", async () => {
    await open(page, "/admin/candidates");
    await page.getByRole("button", { name: "Add candidate" }).click();
    await expect.poll(() => page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(new URL(page.url()).pathname).toBe("/admin/candidates");
    await expectAccessible(page, "a11y-admin-candidates-errors");
  });
});
