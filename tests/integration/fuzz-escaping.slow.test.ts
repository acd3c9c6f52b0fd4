// Script tags stored through the real actions wherever text is accepted, then every page that shows
// them rendered by the real built app over HTTP: the markup must come out escaped, never live.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { action as candidatesAction } from "~/routes/admin.candidates._index";
import { toRubricFormValues } from "~/domain/rubric/rubric-form-values";
import { flattenForm, FUZZ_SEED, SCRIPT, SCRIPT_ESCAPED, type Pairs } from "../support/fuzz-kit";
import {
  adminCookie,
  leadCookie,
  ivyCookie,
  ids,
  form,
  idFrom,
  useStoredMarkup,
  page,
  expectEscaped,
} from "../support/stored-markup";

useStoredMarkup();

describe("stored markup is rendered escaped", () => {
  it("on every page that shows it, for the person who sees it", { timeout: 120_000 }, async () => {
    const pages: [string, string, boolean][] = [
      // [path, who, does the page show stored text with <script>]
      ["/admin", adminCookie, false],
      ["/admin/people", adminCookie, true],
      ["/admin/candidates", adminCookie, true],
      [`/admin/candidates/${ids.candidate}`, adminCookie, true],
      ["/admin/interviews", adminCookie, true],
      [`/admin/interviews/${ids.interview}`, adminCookie, true],
      ["/admin/rubric", adminCookie, true],
      ["/interviews", ivyCookie, true],
      [`/interviews/${ids.interview}/scorecard`, ivyCookie, true],
      [`/interviews/${ids.interview}`, ivyCookie, true],
      [`/interviews/${ids.interview}`, leadCookie, true],
      ["/practice", ivyCookie, true],
      [`/interviews/${ids.practice}/scorecard`, ivyCookie, true],
      ["/overdue", leadCookie, false],
      ["/calibration", leadCookie, false],
      ["/calibration/queue", leadCookie, true],
      ["/calibration/reviews", leadCookie, true],
      [`/calibration/reviews/${ids.review}`, leadCookie, true],
      ["/calibration/practice", leadCookie, true],
      ["/calibration/practice/new", adminCookie, true],
      ["/calibration/interviewers", leadCookie, true],
      ["/calibration/candidates", leadCookie, true],
      ["/calibration/dimensions", leadCookie, false],
      ["/calibration/variants", leadCookie, false],
    ];
    const report: string[] = [];
    for (const [path, cookie, mustShow] of pages) {
      const { status, html } = await page(path, cookie);
      report.push(`${status} ${path} shows-escaped=${html.includes(SCRIPT_ESCAPED)}`);
      expect(status, path).toBe(200);
      expectEscaped(path, html, mustShow);
    }
    console.log(`[fuzz] escaping, pages rendered:\n  ${report.join("\n  ")}`);
  });

  it(
    "in what a page reflects back: search boxes, redirectTo, and forms re-shown with what was typed",
    { timeout: 60_000 },
    async () => {
      const q = encodeURIComponent(`${SCRIPT}"'><svg/onload=alert(1)>`);
      for (const [path, cookie, mustShow] of [
        [`/login?redirectTo=${q}`, undefined, true],
        [`/admin/candidates?q=${q}`, adminCookie, true],
        [`/calibration/reviews?q=${q}`, leadCookie, true],
        // A status that is not a choice is refused beside the select; the page no longer carries the
        // dashboard's filter bar and export link (which echoed the query string), so nothing echoes it.
        [`/calibration/reviews?status=${q}`, leadCookie, false],
        [`/calibration/candidates?q=${q}`, leadCookie, true],
      ] as const) {
        const { status, html } = await page(path, cookie);
        expect(status, path).toBeLessThan(500);
        expectEscaped(path, html, mustShow);
      }
      // Plain (no-JavaScript) posts refused with 400: the page comes back with what was typed.
      const posts: [string, string, Pairs][] = [
        [
          "/admin/candidates",
          adminCookie,
          [
            ["name", `${SCRIPT}${"x".repeat(120)}`],
            ["targetLevel", "senior"],
          ],
        ],
        [
          "/admin/people",
          adminCookie,
          [
            ["intent", "create"],
            ["name", SCRIPT],
            ["email", `${SCRIPT}@x`],
            ["roles", "interviewer"],
            ["passwordMode", "generate"],
          ],
        ],
        [
          `/calibration/reviews/${ids.review}`,
          leadCookie,
          [
            ["intent", "save"],
            ["agreedReading", SCRIPT],
            ["notes", `${SCRIPT}${"x".repeat(10_001)}`],
            ["followUps", ""],
            ["version", "0"],
          ],
        ],
        [
          "/calibration/practice/new",
          adminCookie,
          [
            ["title", SCRIPT],
            ["level", "senior"],
            ["answer", SCRIPT],
            ["source", ""],
          ],
        ],
        [
          // The whole rubric form, a name set to markup and the weights broken (no longer 100).
          "/admin/rubric",
          adminCookie,
          flattenForm(
            toRubricFormValues(getLatestRubricVersion().rubric, getLatestRubricVersion().id) as unknown as Record<
              string,
              unknown
            >,
          ).map(([k, v]): [string, string] =>
            k === "note"
              ? [k, SCRIPT]
              : k === "dimensions.0.name"
                ? [k, SCRIPT]
                : k === "dimensions.0.weight"
                  ? [k, "1"]
                  : [k, v],
          ),
        ],
        [
          `/interviews/${ids.practice}/scorecard`,
          ivyCookie,
          [
            ["intent", "submit"],
            ["baseRevision", "0"],
            ["rubricVersionId", "1"],
            ["recommendationJustification", SCRIPT],
            ["capJustifications.ownership", SCRIPT],
          ],
        ],
      ];
      for (const [path, cookie, pairs] of posts) {
        const body = new URLSearchParams(pairs).toString();
        const { status, html } = await page(path, cookie, {
          method: "POST",
          body,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        expect(status, path).toBe(400);
        expectEscaped(path, html, true);
      }
    },
  );

  it("for arbitrary stored candidate names (property, 60 runs)", { timeout: 120_000 }, async () => {
    // Markup fragments in any arrangement: whatever is stored, the page has exactly the tags it has
    // for a harmless name (its own <script>s and comments), and no more.
    const TAGS = ["<script", "</script", "<img", "<svg", "<!--", "</title", "<iframe", "<a "];
    const tagCounts = (html: string) => TAGS.map((tag) => `${tag}×${html.split(tag).length - 1}`).join(" ");
    const candidatePage = async (name: string) => {
      const created = await form(
        candidatesAction,
        "/admin/candidates",
        [
          ["name", name],
          ["targetLevel", "mid"],
        ],
        adminCookie,
      );
      const { status, html } = await page(
        `/admin/candidates/${idFrom(created, /\/admin\/candidates\/(\d+)/)}`,
        adminCookie,
      );
      expect(status).toBe(200);
      return html;
    };
    const baseline = tagCounts(await candidatePage("N plain"));
    const fragment = fc.constantFrom(
      "<script>",
      "</script>",
      "alert(2)",
      "<img src=x onerror=alert(1)>",
      '"',
      "'",
      "&",
      "&lt;",
      "<!--",
      "-->",
      "]]>",
      "\u2028",
      "</title>",
      "<svg/onload=alert(1)>",
      "<iframe src=javascript:alert(1)>",
      "<a href=x>",
      " ",
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { minLength: 1, maxLength: 8 }), async (parts) => {
        runs++;
        const name = `N ${parts.join("")}`.slice(0, 120);
        expect(tagCounts(await candidatePage(name)), JSON.stringify(name)).toBe(baseline);
      }),
      { numRuns: 60, seed: FUZZ_SEED },
    );
    console.log(`[fuzz] escaping: ${runs} candidate names stored and rendered`);
  });
});
