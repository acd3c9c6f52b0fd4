// The recruiting lead's loop in Chromium on the demo data: the filter bar's Clear, a calibration
// conversation, a structured debrief with a re-vote and a decision, the decision figures, and an
// interviewer's in-app reminders. Each new page is screenshotted at 1440×900 and 1280×720.
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { baseURL, launchBrowser, screenshot, signInAs, waitForHydration } from "../support/browser";
import { scheduleInterview } from "../support/e2e-data";

let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(email: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await signInAs(page, email);
  return page;
}

/** Both laptop sizes the brief names, full page. */
async function screenshots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

/** Submitted scorecards for a panel, written as the scorecard's submit would leave them. */
function submitted(interviewId: number, votes: Record<string, string>) {
  const db = new Database(inject("databasePath"));
  db.pragma("busy_timeout = 5000");
  try {
    for (const [email, recommendation] of Object.entries(votes)) {
      const card = db
        .prepare(
          `insert into scorecards (interview_id, interviewer_id, rubric_version_id, variant_key, status, revision, recommendation, recommendation_justification, weighted_score, submitted_at)
           select ?, id, 1, 'default', 'submitted', 1, ?, 'Seen in the follow-ups.', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') from users where email = ? returning id`,
        )
        .get(interviewId, recommendation, email) as { id: number };
      for (const d of ["ownership", "accountability", "repair", "behavioural_change"]) {
        db.prepare("insert into ratings (scorecard_id, dimension_key, score) values (?, ?, 3)").run(card.id, d);
      }
    }
  } finally {
    db.close();
  }
}

it("Clear empties the filter form, and the form shows only on pages it applies to", async () => {
  const page = await newPage("lead@demo.test");
  await page.goto(`${baseURL()}/calibration`);
  await waitForHydration(page);
  await page.getByLabel("Interviewers", { exact: true }).selectOption({ label: "Jordan Lee" });
  await page.getByRole("checkbox", { name: "Senior" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/interviewer=\d+/);
  await page.getByRole("link", { name: "Clear" }).click();
  await page.waitForURL((url) => url.search === "");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(
    (url) => url.pathname === "/calibration" && !url.search.includes("interviewer") && !url.search.includes("level"),
  );
  expect(new URL(page.url()).search).toMatch(/^\??$/);

  for (const path of [
    "/calibration/reviews",
    "/calibration/practice",
    "/calibration/decisions",
    "/calibration/conversations",
  ]) {
    await page.goto(`${baseURL()}${path}`);
    expect(await page.getByRole("form", { name: "Filters" }).count(), path).toBe(0);
  }
  await page.goto(`${baseURL()}/calibration/interviewers`);
  expect(await page.getByRole("form", { name: "Filters" }).count()).toBe(1);
  await page.context().close();
});

it("records a calibration conversation with a follow-up that comes due", async () => {
  const page = await newPage("lead@demo.test");
  await page.goto(`${baseURL()}/calibration/conversations`);
  await waitForHydration(page);
  await page.getByLabel("Interviewer").selectOption({ label: "Jordan Lee" });
  await page.getByLabel("Effect discussed").selectOption("lenient");
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Held on").fill(today);
  await page
    .getByLabel("What you agreed")
    .fill("Re-read the anchors before each interview; keep 4 for evidence beyond the level.");
  await page.getByLabel("Follow up on").fill(today);
  await page.getByRole("button", { name: "Record conversation" }).click();
  await page.waitForURL(/interviewer=\d+/);
  expect(await page.getByRole("region", { name: /Conversations with Jordan Lee/ }).textContent()).toMatch(
    /keep 4 for evidence beyond the level/,
  );
  await screenshots(page, "calibration-conversations");

  await page.goto(`${baseURL()}/calibration`);
  expect(await page.getByRole("region", { name: /Follow-ups due/ }).textContent()).toMatch(
    /Jordan Lee.*Lenient against co-panellists/,
  );
  await screenshots(page, "calibration-overview-follow-ups");
  await page.context().close();
});

it("runs a structured debrief: votes locked, a re-vote with a reason, the decision, and the agreement figures", async () => {
  const interviewId = scheduleInterview(["jordan@demo.test", "casey@demo.test", "priya@demo.test"], {
    at: new Date(Date.now() - 5 * 3_600_000),
    candidate: "Debrief Devi",
  });
  const page = await newPage("lead@demo.test");
  // The demo already has decided debriefs (app/seed/debriefs.server.ts): read Casey's figures before this one.
  const caseyRow = async () => {
    await page.goto(`${baseURL()}/calibration/decisions`);
    const cells = await page
      .getByRole("region", { name: "Agreement with final decisions" })
      .getByRole("row", { name: /Casey Novak/ })
      .locator("td")
      .allTextContents();
    return { debriefs: Number(cells[0] ?? 0), changed: Number(cells[3] ?? 0), toward: Number(cells[4] ?? 0) };
  };
  const before = await caseyRow();
  await page.goto(`${baseURL()}/interviews/${interviewId}`);
  await waitForHydration(page);
  const debrief = page.getByRole("region", { name: "Votes and decision" });
  expect(await debrief.getByRole("button", { name: /Start the debrief/ }).isDisabled()).toBe(true);

  submitted(interviewId, { "jordan@demo.test": "strong_yes", "casey@demo.test": "no", "priya@demo.test": "yes" });
  await page.reload();
  await waitForHydration(page);
  await debrief.getByRole("button", { name: /Start the debrief/ }).click();
  await expect.poll(() => debrief.getByRole("table").count()).toBe(1);

  // A re-vote without a reason is refused beside the field.
  await debrief.getByLabel("Panellist").selectOption({ label: "Casey Novak" });
  await debrief.getByLabel("Vote after the discussion").selectOption({ label: "Yes" });
  await debrief.getByRole("button", { name: "Record re-vote" }).click();
  await expect.poll(() => debrief.getByText(/Say why the vote changed/).isVisible()).toBe(true);
  await debrief.getByLabel("Reason").fill("Jordan's repair evidence was specific; I had missed it.");
  await debrief.getByRole("button", { name: "Record re-vote" }).click();
  await expect
    .poll(() => debrief.getByRole("row", { name: /Casey Novak/ }).textContent())
    .toMatch(/No\s*Yes\s*changed.*repair evidence/);

  await debrief.getByRole("radio", { name: "Hire", exact: true }).check();
  await debrief.getByLabel("Note").fill("Clear ownership and a mechanism that stuck.");
  await debrief.getByRole("button", { name: "Record the decision" }).click();
  await expect.poll(() => debrief.getByRole("status").textContent()).toMatch(/Decision: Hire/);
  await screenshots(page, "debrief-decided");

  // Casey voted in one more decided debrief, changed her vote once more, toward the panel.
  expect(await caseyRow()).toEqual({
    debriefs: before.debriefs + 1,
    changed: before.changed + 1,
    toward: before.toward + 1,
  });
  const agreement = page.getByRole("region", { name: "Agreement with final decisions" });
  expect(await agreement.getByRole("row", { name: /Casey Novak/ }).textContent()).toMatch(/\d+%/);
  expect(await page.getByRole("region", { name: /Panels' votes/ }).textContent()).toMatch(/independent[^.]*-?\d\.\d\d/);
  await screenshots(page, "calibration-decisions");
  await page.context().close();
});

it("shows an interviewer the reminders a pass put in the app when no SMTP server is set", async () => {
  const interviewId = scheduleInterview(["interviewer@demo.test", "kai@demo.test"], {
    at: new Date(Date.now() - 3 * 3_600_000),
    candidate: "Reminder Rosa",
  });
  const run = spawnSync(process.execPath, ["--import", "tsx", "app/cli/send-reminders.ts"], {
    env: { ...process.env, DATABASE_PATH: inject("databasePath"), SMTP_URL: "", APP_URL: baseURL() },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain(`${baseURL()}/interviews/${interviewId}/scorecard`);

  const page = await newPage("interviewer@demo.test");
  await page.goto(`${baseURL()}/interviews`);
  expect(
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /Notifications\s*\d+/ })
      .count(),
  ).toBe(1);
  await page.goto(`${baseURL()}/notifications`);
  await screenshots(page, "notifications");
  await page.getByRole("link", { name: "Scorecard due: Reminder Rosa" }).click();
  await page.waitForURL(new RegExp(`/interviews/${interviewId}/scorecard$`));
  await page.context().close();
  expect(problems).toEqual([]);
});

it("at 768 px the decisions page scrolls its wide table inside the card, not the page", async () => {
  const page = await newPage("lead@demo.test", { width: 768, height: 900 });
  await page.goto(`${baseURL()}/calibration/decisions`);
  await waitForHydration(page);
  const table = page.getByRole("region", { name: "Each interviewer's votes against the decisions" });
  await table.getByRole("row", { name: /Casey Novak/ }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
    0,
  );
  expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.context().close();
}, 120_000);
