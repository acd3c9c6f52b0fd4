import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "~db/client";

let secret: string | undefined;

/**
 * SESSION_SECRET, or one generated on first use and kept beside the database file, so restarts
 * don't sign everyone out and no secret is ever committed.
 */
export function sessionSecret(): string {
  if (secret) return secret;
  if (process.env.SESSION_SECRET) return (secret = process.env.SESSION_SECRET);
  const file = join(dirname(databasePath()), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // "wx": if two processes race, the second fails here and reads the first one's secret below.
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch {
      /* written by a concurrent process */
    }
    chmodSync(file, 0o600);
  }
  return (secret = readFileSync(file, "utf8").trim());
}
