import { and, eq, gt, sql } from "drizzle-orm";
import { getDb, preparedOnce, writeTransaction } from "../../db/client";
import { sessions, userRoles, users } from "../../db/schema";
import { decoyHash, verifyPassword } from "~/utils/password.server";
import type { Role } from "~/domain/roles";



export interface SessionUser {
  id: number;
  email: string;
  name: string;
  roles: Role[];
}

const SESSION_DAYS = 30;

const findBySessionStatement = preparedOnce((db) =>
  db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: sql<string>`(select group_concat(${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("sessionId")), eq(users.active, true), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare(),
);

/** The active user behind a live session id, or null. */
export function findUserBySession(sessionId: string): SessionUser | null {
  const row = findBySessionStatement().get({ sessionId, now: new Date().toISOString() });
  if (!row) return null;
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

export function createSession(userId: number, id: string): void {
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
  getDb().insert(sessions).values({ id, userId, expiresAt }).run();
}

export function deleteSession(id: string): void {
  getDb().delete(sessions).where(eq(sessions.id, id)).run();
}

/**
 * Deactivates an account and ends every session it has, in one transaction: the person is signed
 * out everywhere at once, and `verifyLogin` and `findUserBySession` refuse the account from then on.
 * False if there is no such user.
 */
export function deactivateUser(userId: number): boolean {
  return writeTransaction((db) => {
    const updated = db.update(users).set({ active: false }).where(eq(users.id, userId)).returning({ id: users.id }).all();
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    return updated.length > 0;
  });
}
