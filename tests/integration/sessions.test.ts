// Sessions: only a hash of the token is stored, an idle timeout and an absolute lifetime (both
// settings), and database files readable by their owner only.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { getDb, openDatabase } from "~db/client";
import * as t from "~db/schema";
import { findUserBySession, hashSessionToken } from "~/models/user.server";
import { sessionLifetime } from "~/models/session-lifetime.server";
import { createUser, sessionCookieFor } from "../support/factories";

const MINUTE = 60_000;
const folder = mkdtempSync(join(tmpdir(), "sessions-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_DAYS;
});

/** The token in a Cookie header made by the real sign-in ("__session=<signed value>"). */
async function signedIn() {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const signed = JSON.parse(
    Buffer.from(decodeURIComponent(cookie.split("=")[1]).split(".")[0], "base64").toString("utf8"),
  ) as string;
  const row = getDb().select().from(t.sessions).where(eq(t.sessions.userId, user.id)).get()!;
  return { user, token: signed, row };
}

describe("sessions", () => {
  it("stores the SHA-256 of the session token, never the token", async () => {
    const { token, row, user } = await signedIn();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(row.id).toBe(hashSessionToken(token));
    expect(row.id).not.toContain(token);
    expect(findUserBySession(token)?.id).toBe(user.id);
    // The stored value itself is no token.
    expect(findUserBySession(row.id)).toBeNull();
  });

  it("ends a session idle longer than SESSION_IDLE_MINUTES (default 120); use moves the idle clock on", async () => {
    const { token, row, user } = await signedIn();
    const setLastSeen = (minutesAgo: number) =>
      getDb()
        .update(t.sessions)
        .set({ lastSeenAt: new Date(Date.now() - minutesAgo * MINUTE).toISOString() })
        .where(eq(t.sessions.id, row.id))
        .run();
    setLastSeen(119);
    expect(findUserBySession(token)?.id).toBe(user.id);
    // That use was recorded: an hour later it is still alive.
    const seen = getDb().select().from(t.sessions).where(eq(t.sessions.id, row.id)).get()!.lastSeenAt;
    expect(Date.now() - Date.parse(seen)).toBeLessThan(MINUTE);
    setLastSeen(121);
    expect(findUserBySession(token)).toBeNull();
    process.env.SESSION_IDLE_MINUTES = "180";
    expect(findUserBySession(token)?.id).toBe(user.id);
  });

  it("ends every session SESSION_MAX_DAYS (default 14) after sign-in, however busy", async () => {
    const { token, row } = await signedIn();
    const lifetime =
      Date.parse(row.expiresAt) -
      Date.parse(row.createdAt.replace(" ", "T") + (row.createdAt.endsWith("Z") ? "" : "Z"));
    expect(Math.abs(lifetime - 14 * 86_400_000)).toBeLessThan(5 * MINUTE);
    // Used all along: last seen a moment before its end.
    getDb()
      .update(t.sessions)
      .set({ lastSeenAt: new Date(Date.parse(row.expiresAt) - 2 * MINUTE).toISOString() })
      .where(eq(t.sessions.id, row.id))
      .run();
    expect(findUserBySession(token, new Date(Date.parse(row.expiresAt) - MINUTE))).not.toBeNull();
    expect(findUserBySession(token, new Date(Date.parse(row.expiresAt) + 1000))).toBeNull();

    process.env.SESSION_MAX_DAYS = "1";
    const short = await signedIn();
    expect(Math.abs(Date.parse(short.row.expiresAt) - Date.now() - 86_400_000)).toBeLessThan(5 * MINUTE);
  });

  it("refuses a malformed setting instead of guessing", () => {
    expect(sessionLifetime()).toEqual({ idleMs: 120 * MINUTE, maxMs: 14 * 86_400_000 });
    for (const bad of ["0", "-5", "two", "1.5"]) {
      process.env.SESSION_IDLE_MINUTES = bad;
      expect(() => sessionLifetime()).toThrow(/SESSION_IDLE_MINUTES must be a whole number/);
    }
  });
});

describe("database files", () => {
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it("creates the database, its -wal and -shm readable and writable by the owner only (0600)", () => {
    const path = join(folder, "new.db");
    const connection = openDatabase(path);
    connection.sqlite.exec("create table t (x); insert into t values (1);");
    expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual(["600", "600", "600"]);
    connection.sqlite.close();
  });
});
