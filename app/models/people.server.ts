import { randomBytes } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "~db/client";
import { auditLog, scorecards, userRoles, users } from "~db/schema";
import { ROLES, type Role } from "~/domain/roles";
import { deactivateUser } from "./user.server";

// People as the admin sees them: accounts, their roles, whether they may still sign in.

export interface Person {
  id: number;
  name: string;
  email: string;
  active: boolean;
  roles: Role[];
  scorecards: number;
  createdAt: string;
}

const sortRoles = (roles: Iterable<Role>) => ROLES.filter((r) => [...roles].includes(r));

// Correlated subqueries name the outer table explicitly: drizzle leaves columns unqualified in a
// query without joins, where "id" would silently mean the subquery's own id.
export function listPeople(): Person[] {
  return getDb()
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      createdAt: users.createdAt,
      roles: sql<string | null>`(select group_concat(r.role) from ${userRoles} r where r.user_id = "users"."id")`,
      scorecards: sql<number>`(select count(*) from ${scorecards} s where s.interviewer_id = "users"."id")`,
    })
    .from(users)
    .orderBy(desc(users.active), asc(users.name))
    .all()
    .map((row) => ({ ...row, roles: sortRoles((row.roles?.split(",") ?? []) as Role[]) }));
}

/** Who can sit on a panel: active people with the interviewer role. */
export function listActiveInterviewers(): { id: number; name: string }[] {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(sql`${users.active} = 1 and ${userRoles.role} = 'interviewer'`)
    .orderBy(asc(users.name))
    .all();
}

export function countActivePeople(): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(eq(users.active, true))
      .get()?.n ?? 0
  );
}

export type CreatePersonResult = { kind: "created"; id: number } | { kind: "email_taken" };

/**
 * Adds an account. Emails are stored lower-case and compared without case, inside the same
 * immediate transaction as the insert, so two admins adding one address cannot both succeed.
 */
/** `actorId` null: made outside the app (the user:create CLI), by whoever runs the server. */
export function createPerson(
  input: { name: string; email: string; roles: Role[]; passwordHash: string },
  actorId: number | null,
): CreatePersonResult {
  const email = input.email.trim().toLowerCase();
  return writeTransaction((db) => {
    const taken = db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.email} = ${email} collate nocase`)
      .get();
    if (taken) return { kind: "email_taken" };
    const roles = sortRoles(new Set(input.roles));
    const { id } = db
      .insert(users)
      .values({ name: input.name, email, passwordHash: input.passwordHash })
      .returning({ id: users.id })
      .get();
    db.insert(userRoles)
      .values(roles.map((role) => ({ userId: id, role })))
      .run();
    db.insert(auditLog)
      .values({
        actorId,
        action: "user.created",
        entity: "user",
        entityId: id,
        detail: { name: input.name, email, roles },
      })
      .run();
    return { kind: "created", id };
  });
}

export type ChangeRolesResult =
  { kind: "changed"; before: Role[]; after: Role[] } | { kind: "unchanged" } | { kind: "not_found" };

export function changeRoles(userId: number, roles: Role[], actorId: number): ChangeRolesResult {
  return writeTransaction((db) => {
    const user = db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { kind: "not_found" };
    const before = sortRoles(
      db
        .select({ role: userRoles.role })
        .from(userRoles)
        .where(eq(userRoles.userId, userId))
        .all()
        .map((r) => r.role),
    );
    const after = sortRoles(new Set(roles));
    if (before.join() === after.join()) return { kind: "unchanged" };
    db.delete(userRoles).where(eq(userRoles.userId, userId)).run();
    db.insert(userRoles)
      .values(after.map((role) => ({ userId, role })))
      .run();
    db.insert(auditLog)
      .values({ actorId, action: "user.roles_changed", entity: "user", entityId: userId, detail: { before, after } })
      .run();
    return { kind: "changed", before, after };
  });
}

export type DeactivateResult = { kind: "deactivated" } | { kind: "already_inactive" } | { kind: "not_found" };

/** The person can no longer sign in and is signed out everywhere; their scorecards stay. */
export function deactivatePerson(userId: number, actorId: number): DeactivateResult {
  return writeTransaction((db) => {
    const user = db.select({ active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { kind: "not_found" };
    if (!user.active) return { kind: "already_inactive" };
    // deactivateUser runs its own transaction; nested here it becomes a savepoint of this one.
    deactivateUser(userId);
    db.insert(auditLog)
      .values({
        actorId,
        action: "user.deactivated",
        entity: "user",
        entityId: userId,
        detail: { active: { from: true, to: false } },
      })
      .run();
    return { kind: "deactivated" };
  });
}

/** A first password to hand over once: 16 characters from 96 random bits. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
