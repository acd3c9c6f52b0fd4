import { createHash } from "node:crypto";
import { eq, lt, or } from "drizzle-orm";
import { getDb, preparedOnce, writeTransaction } from "~db/client";
import { sessions, users } from "~db/schema";
import { sessionLifetime } from "./session-lifetime.server";
import { decoyHash, verifyPassword } from "./password.server";
import type { Role } from "~/domain/roles";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: Role[];
}

/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * What the sessions table stores instead of the token: its SHA-256. The token is 256 random bits,
 * so a plain hash (no salt, no slow hash) is enough: a leaked table or backup signs no one in.
 */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Token -> its hash, for the tokens in use (a pure function; bounded: cleared when full). */
const hashes = new Map<string, string>();
function hashOf(token: string): string {
  let hash = hashes.get(token);
  if (hash === undefined) {
    if (hashes.size >= 10_000) hashes.clear();
    hashes.set(token, (hash = hashSessionToken(token)));
  }
  return hash;
}

// On every request of a signed-in user (every autosave): plain SQL prepared once per connection,
// the row read as it comes (drizzle's per-row mapping cost about as much as the query).
const findBySessionStatement = preparedOnce((db) =>
  db.$client.prepare(
    `select u.id, u.email, u.name, s.last_seen_at as lastSeenAt,
       (select group_concat(r.role) from user_roles r where r.user_id = u.id) as roles
     from sessions s inner join users u on u.id = s.user_id
     where s.id = ? and u.active = 1 and s.expires_at > ? and s.last_seen_at > ?`,
  ),
);

const touchSessionStatement = preparedOnce((db) =>
  db.$client.prepare("update sessions set last_seen_at = ? where id = ? and last_seen_at < ?"),
);

interface SessionRow {
  id: number;
  email: string;
  name: string;
  lastSeenAt: string;
  roles: string | null;
}

/**
 * The active user behind a live session token, or null: the session has not passed its absolute
 * end and was used within the idle timeout (see sessionLifetime). Using it moves the idle clock on.
 * Asked of the database on every call: a signed-out, expired or deactivated session is refused at once.
 */
export function findUserBySession(token: string, now = new Date()): SessionUser | null {
  const { idleMs } = sessionLifetime();
  const sessionId = hashOf(token);
  const nowText = now.toISOString();
  const row = findBySessionStatement().get(sessionId, nowText, new Date(now.getTime() - idleMs).toISOString()) as
    SessionRow | undefined;
  if (!row) return null;
  // The row says when it was last touched: the write (a write lock and a commit) only when due.
  const touchBefore = new Date(now.getTime() - TOUCH_EVERY_MS).toISOString();
  if (row.lastSeenAt < touchBefore) touchSessionStatement().run(nowText, sessionId, touchBefore);
  return { id: row.id, email: row.email, name: row.name, roles: (row.roles?.split(",") ?? []) as Role[] };
}

/**
 * The user for an email and password, or null. An unknown email is checked against a decoy hash
 * so a wrong email and a wrong password take the same time and give the same answer.
 */
export async function verifyLogin(email: string, password: string): Promise<{ id: number } | null> {
  const user = getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .get();
  const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  return ok && user?.active ? { id: user.id } : null;
}

/** Stores a new session under its token's hash, and prunes the sessions that have ended. */
export function createSession(userId: number, token: string, now = new Date()): void {
  const { idleMs, maxMs } = sessionLifetime();
  writeTransaction((db) => {
    const ended = or(
      lt(sessions.expiresAt, now.toISOString()),
      lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs).toISOString()),
    );
    db.delete(sessions).where(ended).run();
    db.insert(sessions)
      .values({
        id: hashSessionToken(token),
        userId,
        expiresAt: new Date(now.getTime() + maxMs).toISOString(),
        lastSeenAt: now.toISOString(),
      })
      .run();
  });
}

export function deleteSession(token: string): void {
  getDb()
    .delete(sessions)
    .where(eq(sessions.id, hashSessionToken(token)))
    .run();
}

/**
 * Deactivates an account and ends every session it has, in one transaction: the person is signed
 * out everywhere at once, and `verifyLogin` and `findUserBySession` refuse the account from then on.
 * False if there is no such user.
 */
export function deactivateUser(userId: number): boolean {
  return writeTransaction((db) => {
    const updated = db
      .update(users)
      .set({ active: false })
      .where(eq(users.id, userId))
      .returning({ id: users.id })
      .all();
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    return updated.length > 0;
  });
}
