// The session lookup keeps only what cannot go stale (issue #16): the token a Cookie header
// carries (its signature checked once per header) and the token's hash. Whether the session is
// alive is asked of the database on every request, so sign-out, deactivation, a role change, a
// session ended by another process and the idle and absolute limits all take effect at once.
// last_seen_at is written only when due (once a minute), not on every request.
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databasePath, getDb } from "~db/client";
import * as t from "~db/schema";
import { changeRoles, deactivatePerson } from "~/models/people.server";
import { getUser, signOut } from "~/utils/session.server";
import { createUser, sessionCookieFor } from "../support/factories";

const MINUTE = 60_000;
const withCookie = (cookie: string) => new Request("http://localhost/interviews", { headers: { Cookie: cookie } });

async function signedIn(roles: ("interviewer" | "lead" | "admin")[] = ["interviewer"]) {
  const user = await createUser({ roles });
  const cookie = await sessionCookieFor(user.id);
  expect((await getUser(withCookie(cookie)))?.id).toBe(user.id); // the header is now known
  return { user, cookie };
}
const sessionRow = (userId: number) => getDb().select().from(t.sessions).where(eq(t.sessions.userId, userId)).get();

describe("session lookups", () => {
  it("sign-out ends the session at once for the same Cookie header", async () => {
    const { cookie } = await signedIn();
    await signOut(withCookie(cookie));
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("deactivation and a role change take effect on the next request", async () => {
    const admin = await createUser({ roles: ["admin"] });
    const { user, cookie } = await signedIn(["interviewer", "lead"]);
    changeRoles(user.id, ["interviewer"], admin.id);
    expect((await getUser(withCookie(cookie)))?.roles).toEqual(["interviewer"]);
    deactivatePerson(user.id, admin.id);
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("a session deleted by another connection (another process, a CLI) is gone at once", async () => {
    const { user, cookie } = await signedIn();
    const other = new Database(databasePath());
    try {
      other.prepare("delete from sessions where user_id = ?").run(user.id);
    } finally {
      other.close();
    }
    expect(await getUser(withCookie(cookie))).toBeNull();
  });

  it("idle and absolute limits hold for a known header", async () => {
    const { user, cookie } = await signedIn();
    const row = sessionRow(user.id)!;
    getDb()
      .update(t.sessions)
      .set({ lastSeenAt: new Date(Date.now() - 121 * MINUTE).toISOString() })
      .where(eq(t.sessions.id, row.id))
      .run();
    expect(await getUser(withCookie(cookie))).toBeNull();
    const fresh = await signedIn();
    getDb()
      .update(t.sessions)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(t.sessions.userId, fresh.user.id))
      .run();
    expect(await getUser(withCookie(fresh.cookie))).toBeNull();
  });

  it("a tampered cookie is refused, also after the genuine one was seen", async () => {
    const { cookie } = await signedIn();
    const [name, value] = cookie.split("=");
    const decoded = decodeURIComponent(value);
    // One signature character changed (not the last, whose low bits base64 may ignore) to another.
    const swapped = decoded.at(-2) === "A" ? "B" : "A";
    const tampered = `${name}=${encodeURIComponent(`${decoded.slice(0, -2)}${swapped}${decoded.slice(-1)}`)}`;
    expect(tampered).not.toBe(cookie);
    expect(await getUser(withCookie(tampered))).toBeNull();
  });

  it("last_seen_at is written when a minute old, not on every request", async () => {
    const { user, cookie } = await signedIn();
    const set = (iso: string) =>
      getDb().update(t.sessions).set({ lastSeenAt: iso }).where(eq(t.sessions.userId, user.id)).run();
    const recent = new Date(Date.now() - 30_000).toISOString();
    set(recent);
    await getUser(withCookie(cookie));
    expect(sessionRow(user.id)!.lastSeenAt).toBe(recent);
    set(new Date(Date.now() - 61_000).toISOString());
    await getUser(withCookie(cookie));
    expect(Date.now() - Date.parse(sessionRow(user.id)!.lastSeenAt)).toBeLessThan(MINUTE);
  });
});
