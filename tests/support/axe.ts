// axe-core in the browser tests: run it on the page as it is now, and say plainly what to fix.
// @axe-core/playwright is pinned to 4.13: 4.14 needs Node 22.
import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { screenshot } from "./browser";

/** WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The impacts that fail a test; moderate and minor ones are only printed. */
export const BLOCKING_IMPACTS = ["serious", "critical"];

const TARGETS_SHOWN = 5;

/** One line per violation: its id, impact, what it asks, how many nodes and the first few selectors. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes
        .slice(0, TARGETS_SHOWN)
        .map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? `  — ${firstLine(n.failureSummary)}` : ""}`);
      const more = v.nodes.length > TARGETS_SHOWN ? [`      … and ${v.nodes.length - TARGETS_SHOWN} more`] : [];
      return [
        `  ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"}) ${v.helpUrl}`,
        ...targets,
        ...more,
      ].join("\n");
    })
    .join("\n");
}

function firstLine(summary: string) {
  // axe's summary is "Fix any of the following:\n  <reason>\n  <reason>": keep the first reason.
  return (
    summary
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(1, 2)
      .join(" ") || summary.trim()
  );
}

export interface AxeCheck {
  /** Violations with impact serious or critical: the test fails on any of these. */
  blocking: Result[];
  /** Moderate and minor violations: printed, not failed on. */
  other: Result[];
  /** A readable account of the blocking violations, for the assertion message. */
  report: string;
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page, saves a screenshot as test-results/<name>.png, and
 * prints every violation found. The caller asserts `blocking` is empty.
 */
export async function checkAccessibility(page: Page, name: string): Promise<AxeCheck> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  await screenshot(page, name);
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact ?? ""));
  const other = results.violations.filter((v) => !BLOCKING_IMPACTS.includes(v.impact ?? ""));
  const where = `${name} (${new URL(page.url()).pathname})`;
  if (results.violations.length)
    console.log(
      `axe on ${where}: ${results.violations.length} violation(s)\n${describeViolations(results.violations)}`,
    );
  const report = blocking.length
    ? `axe found ${blocking.length} serious/critical violation(s) on ${where}:\n${describeViolations(blocking)}`
    : "";
  return { blocking, other, report };
}

/** checkAccessibility, then fails (with the report) on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<AxeCheck> {
  const check = await checkAccessibility(page, name);
  expect(
    check.blocking.map((v) => v.id),
    check.report,
  ).toEqual([]);
  return check;
}
