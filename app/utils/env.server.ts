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

/** A whole number of at least 1 from the environment, or the default; anything else stops the start. */
function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

/**
 * How long a session lasts: it ends after SESSION_IDLE_MINUTES without a request (default 120, so
 * a laptop left signed in is not open for days) and in any case SESSION_MAX_DAYS after sign-in
 * (default 14).
 */
export function sessionLifetime(): { idleMs: number; maxMs: number } {
  return {
    idleMs: positiveInteger("SESSION_IDLE_MINUTES", 120) * 60_000,
    maxMs: positiveInteger("SESSION_MAX_DAYS", 14) * 86_400_000,
  };
}
