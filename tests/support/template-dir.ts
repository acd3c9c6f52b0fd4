// Global setup: one folder per test run for the database templates (tests/support/database-templates.ts),
// so a template is built at most once per run and never outlives it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-templates-"));
  project.provide("templateDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
