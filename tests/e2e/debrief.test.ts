import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs, waitForHydration } from "../support/browser";
import { scheduleInterview } from "../support/e2e-data";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signInAs(page, email);
  return page;
}

async function scoreAndSubmit(page: Page, href: string, keys: string[]) {
  await page.goto(`${baseURL()}${href}`);
  await waitForHydration(page);
  for (const key of keys) await page.keyboard.press(key);
  await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^Saved/);
  await page.keyboard.press("Control+Enter");
  await expect.poll(() => page.getByRole("dialog", { name: /Review/ }).isVisible()).toBe(true);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/Submitted/);
}

it("hides the panel's scores until the interviewer has submitted their own, then shows them side by side", async () => {
  const interviewId = scheduleInterview(["interviewer@demo.test", "casey@demo.test"], {
    at: new Date(Date.now() - 3_600_000),
    candidate: "Debrief Dana",
  });
  const scorecardHref = `/interviews/${interviewId}/scorecard`;
  const me = await newPage("interviewer@demo.test");
  const colleague = { name: "Casey Novak" };

  // A colleague scores and submits first.
  const other = await newPage("casey@demo.test");
  await scoreAndSubmit(other, scorecardHref, ["1", "j", "1", "j", "1", "j", "1", "r", " "]);

  // Before my own submission: nothing of theirs reaches my page, and it says why.
  await me.goto(`${baseURL()}/interviews/${interviewId}`);
  const scores = me.getByRole("region", { name: "Scores side by side" });
  expect(await scores.textContent()).toMatch(/Submit your own scorecard first/);
  expect(await scores.getByRole("table").count()).toBe(0);
  await screenshot(me, "debrief-before");

  await scoreAndSubmit(me, scorecardHref, ["3", "j", "3", "j", "3", "j", "3", "r", "ArrowRight", "ArrowRight"]);

  // After: the panel side by side, the 2-point spread highlighted, the split recommendation named.
  await me.goto(`${baseURL()}/interviews/${interviewId}`);
  const table = me.getByRole("region", { name: "Scores side by side" }).getByRole("table");
  expect(await table.textContent()).toMatch(new RegExp(`Alex Chen.*${colleague.name}|${colleague.name}.*Alex Chen`));
  expect(await table.getByRole("row", { name: /Ownership/ }).textContent()).toMatch(/2 — panel disagrees/);
  expect(await table.getByRole("row", { name: /Recommendation/ }).textContent()).toMatch(/Split yes \/ no/);
  await screenshot(me, "debrief-after");
  for (const page of [me, other]) await page.context().close();
});

it("shows the lead an amendment made after seeing the panel, with the scores it replaced", async () => {
  const interviewId = scheduleInterview(["interviewer@demo.test", "casey@demo.test"], {
    at: new Date(Date.now() - 3_600_000),
    candidate: "Amended Avery",
  });
  const scorecardHref = `/interviews/${interviewId}/scorecard`;
  const other = await newPage("casey@demo.test");
  await scoreAndSubmit(other, scorecardHref, ["1", "j", "1", "j", "1", "j", "1", "r", " "]);
  const me = await newPage("interviewer@demo.test");
  await scoreAndSubmit(me, scorecardHref, ["3", "j", "3", "j", "3", "j", "3", "r", "ArrowRight", "ArrowRight"]);
  // I read the panel, then amend to match it (the amendment posted as the scorecard page does).
  await me.goto(`${baseURL()}/interviews/${interviewId}`);
  const data = `?_data=${encodeURIComponent("routes/interviews.$interviewId.scorecard")}`;
  const loaded = await me.request.get(`${baseURL()}${scorecardHref}${data}`);
  const body = await loaded.text();
  if (!body.startsWith("{")) throw new Error(`${loaded.status()} ${loaded.url()} ${body.slice(0, 300)}`);
  const { revision } = (JSON.parse(body) as { scorecard: { revision: number } }).scorecard;
  const amended = await me.request.post(`${baseURL()}${scorecardHref}${data}`, {
    headers: { "Content-Type": "application/json", Origin: baseURL() },
    data: {
      intent: "amend",
      reason: "Matched the panel",
      baseRevision: revision,
      rubricVersionId: 1,
      ratings: { ownership: 1, accountability: 1, repair: 1, behavioural_change: 1 },
      capJustifications: {},
      redFlags: [],
      star: [],
      recommendation: "strong_no",
      recommendationJustification: "",
    },
  });
  expect(amended.status()).toBe(200);
  expect(await amended.json()).toMatchObject({ kind: "amended", afterSeeingOthers: true });

  const lead = await newPage("lead@demo.test");
  await lead.goto(`${baseURL()}/interviews/${interviewId}`);
  const table = lead.getByRole("region", { name: "Scores side by side" }).getByRole("table");
  expect(await table.getByRole("columnheader", { name: /Alex Chen/ }).textContent()).toMatch(
    /amended after seeing the panel/,
  );
  expect(await table.getByRole("row", { name: /Ownership/ }).textContent()).toMatch(/1 \(was 3\)/);
  expect(await lead.getByRole("list", { name: "Amendments after seeing the panel" }).textContent()).toMatch(
    /Alex Chen amended .*Matched the panel/,
  );
  await screenshot(lead, "debrief-amended-after-seeing");
  for (const page of [me, other, lead]) await page.context().close();
});
