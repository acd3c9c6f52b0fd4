// Every integration test file gets its own SQLite file with the real migrations applied: a copy of
// the run's migrated template (tests/support/database-templates.ts), holding rubric v1 and nothing else.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-test-"));
process.env.DATABASE_PATH = join(dir, "test.db");
process.env.SESSION_SECRET = "test-secret";

const { closeConnection } = await import("~db/client");
const { useEmptyDatabase } = await import("./database-templates");
await useEmptyDatabase();

afterAll(() => {
  closeConnection();
  rmSync(dir, { recursive: true, force: true });
});
