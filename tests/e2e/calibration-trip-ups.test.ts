// What a lead tripped on in the calibration pages (issue #12, part 6), in Chromium on the demo data.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { baseURL, launchBrowser, signInAs } from "../support/browser";
import { scheduleInterview } from "../support/e2e-data";

let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await signInAs(page, "lead@demo.test");
});
afterAll(async () => {
  await browser?.close();
  expect(problems).toEqual([]);
});

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(inject("databasePath"), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

it("tells two reviewed candidates of the same name apart by id, in the list and the review's header", async () => {
  const first = scheduleInterview(["jordan@demo.test"], {
    at: new Date(Date.now() - 86_400_000),
    candidate: "Twin Tamsin",
  });
  const second = scheduleInterview(["casey@demo.test"], {
    at: new Date(Date.now() - 86_400_000),
    candidate: "Twin Tamsin",
  });
  for (const interviewId of [first, second]) {
    const res = await page.request.post(`${baseURL()}/calibration/reviews`, {
      form: { intent: "open", interviewId: String(interviewId) },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(302);
  }
  const ids = [first, second].map(
    (id) => query<{ candidate_id: number }>("select candidate_id from interviews where id = ?", id).candidate_id,
  );
  await page.goto(`${baseURL()}/calibration/reviews?q=Twin+Tamsin`);
  const rows = page.getByRole("region", { name: /Matching reviews/ }).getByRole("row", { name: /Twin Tamsin/ });
  const texts = await rows.allTextContents();
  expect(texts).toHaveLength(2);
  for (const id of ids) expect(texts.some((text) => text.includes(`Twin Tamsin #${id}`))).toBe(true);
  await rows.first().getByRole("link").click();
  await page.waitForURL(/\/calibration\/reviews\/\d+/);
  expect(await page.getByRole("heading", { name: /^Review · Twin Tamsin/ }).textContent()).toMatch(/Twin Tamsin #\d+/);
});

it("says in the disagreement queue whether a review exists and whether it is closed", async () => {
  await page.goto(`${baseURL()}/calibration/queue`);
  const row = page.getByRole("region", { name: "Disagreement queue" }).getByRole("row").nth(2);
  const candidate = (await row.getByRole("rowheader").textContent())!;
  await row.getByRole("button", { name: /^Open review/ }).click();
  await page.waitForURL(/\/calibration\/reviews\/\d+/);
  await page.getByLabel("Agreed reading").fill("A 3 on Ownership, read together.");
  await page.getByRole("button", { name: "Save and close review" }).click();
  await expect.poll(() => page.getByRole("button", { name: "Reopen review" }).isVisible()).toBe(true);
  await page.goto(`${baseURL()}/calibration/queue`);
  const same = page.getByRole("region", { name: "Disagreement queue" }).getByRole("row", { name: candidate });
  expect(await same.textContent()).toMatch(/Reviewed \(closed\)/);
  expect(await same.getByRole("button", { name: /^Open review/ }).count()).toBe(0);
});

it("explains an empty leniency chart instead of drawing an empty box", async () => {
  // One day of interviews: every interviewer has fewer shared candidates than a leniency figure needs.
  const { day } = query<{ day: string }>(
    "select substr(max(i.scheduled_at), 1, 10) as day from interviews i join scorecards s on s.interview_id = i.id where s.status = 'submitted' and i.exemplar_id is null and i.scheduled_at < ?",
    new Date(Date.now() - 86_400_000).toISOString(),
  );
  await page.goto(`${baseURL()}/calibration/interviewers?from=${day}&to=${day}`);
  expect(await page.getByRole("main").textContent()).toMatch(
    /No interviewer in this view shares enough candidates with co-panellists for a leniency figure \(each needs 5 candidates also rated by someone else\)/,
  );
});
