// Every integration test file gets its own SQLite file with the real migrations applied.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-test-"));
process.env.DATABASE_PATH = join(dir, "test.db");
process.env.SESSION_SECRET = "test-secret";

const { getDb, closeConnection } = await import("~db/client");
const { applyMigrations } = await import("~db/migrate");
const { ensureDefaultRubric } = await import("../../app/models/rubric.server");
applyMigrations(getDb());
ensureDefaultRubric(getDb());

afterAll(() => {
  closeConnection();
  rmSync(dir, { recursive: true, force: true });
});
