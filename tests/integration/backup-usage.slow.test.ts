// `db:backup` refuses bad usage with one line on stderr and a non-zero exit, and writes nothing; a
// --force backup replaces an existing file in one step, owner-only. (The backup under load:
// backup.slow.test.ts.)
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { backupCli, integrity, useBackupWorkspace } from "../support/backup-cli";

const dir = useBackupWorkspace();

describe("db:backup", () => {
  describe("refuses bad usage with one line on stderr and writes nothing", { timeout: 60_000 }, () => {
    // The migrated, empty database the integration setup made for this file.
    const source = process.env.DATABASE_PATH!;
    const work = join(dir, "usage");

    beforeAll(() => mkdirSync(work, { recursive: true }));

    async function refused(databasePath: string, args: string[], code: 1 | 2, message: RegExp): Promise<void> {
      const files = readdirSync(work);
      const result = await backupCli(databasePath, ...args);
      expect(result).toMatchObject({ code, stdout: "" });
      expect(result.stderr).toMatch(/^backup: [^\n]+\n$/);
      expect(result.stderr).toMatch(message);
      expect(readdirSync(work)).toEqual(files);
    }

    it("without FILE, with an unknown option, with two FILEs, with FILE = the database: exit 2", async () => {
      await refused(source, [], 2, /no backup FILE given/);
      await refused(source, ["--fast", join(work, "a.db")], 2, /unknown option "--fast"/);
      await refused(source, [join(work, "a.db"), join(work, "b.db")], 2, /one backup FILE only/);
      await refused(source, [source], 2, /is the database itself/);
    });

    it("when FILE's directory is missing, or the database is missing or not a database: exit 1", async () => {
      await refused(source, [join(work, "missing", "a.db")], 1, /directory .*missing does not exist/);
      expect(existsSync(join(work, "missing"))).toBe(false);
      await refused(join(work, "nowhere.db"), [join(work, "a.db")], 1, /no database at .*nowhere\.db/);
      const notADatabase = join(dir, "not-a-database.db");
      writeFileSync(notADatabase, "this is not SQLite, just text that is long enough to have a header".repeat(4));
      await refused(notADatabase, [join(work, "a.db")], 1, /not a database/);
    });

    it("keeps an existing FILE unless --force, and then replaces it in one step", async () => {
      const existing = join(work, "existing.db");
      writeFileSync(existing, "an older backup");
      await refused(source, [existing], 1, /already exists; pass --force/);
      expect(readFileSync(existing, "utf8")).toBe("an older backup");

      const result = await backupCli(source, "--force", existing);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /^backed up .*existing\.db: .*integrity ok; newest migration \S+ \((\d+) of \1 in this checkout\)\n$/,
      );
      expect(integrity(existing)).toBe("ok");
      expect(readdirSync(work).filter((name) => name.startsWith("."))).toEqual([]);
      // The copy holds sessions and password hashes: owner-only, whatever the umask.
      expect((statSync(existing).mode & 0o777).toString(8)).toBe("600");
    });
  });
});
