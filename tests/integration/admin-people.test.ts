import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { findUserBySession, verifyLogin } from "~/models/user.server";
import { action, loader } from "~/routes/admin.people";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";

let admin: Awaited<ReturnType<typeof createUser>>;
let cookie: string;

beforeAll(async () => {
  admin = await createUser({ roles: ["lead", "admin"], name: "Ada Admin" });
  cookie = await sessionCookieFor(admin.id);
});

function post(fields: Record<string, string | string[]>, as = cookie) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  const request = new Request("http://localhost/admin/people", {
    method: "POST",
    headers: { Cookie: as, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  return action({ request, params: {}, context: {} }).catch((e: unknown) => e) as Promise<Response>;
}

const rows = () => ({
  users: getDb().select({ n: count() }).from(t.users).get()!.n,
  roles: getDb().select({ n: count() }).from(t.userRoles).get()!.n,
  audit: getDb().select({ n: count() }).from(t.auditLog).get()!.n,
});
const rolesOf = (userId: number) =>
  getDb()
    .select({ role: t.userRoles.role })
    .from(t.userRoles)
    .where(eq(t.userRoles.userId, userId))
    .all()
    .map((r) => r.role)
    .sort();
const lastAudit = () => getDb().select().from(t.auditLog).orderBy(t.auditLog.id).all().at(-1)!;

const person = (over: Record<string, string | string[]> = {}) => ({
  intent: "create",
  name: "Noor Haddad",
  email: "noor@example.test",
  roles: ["interviewer", "lead"],
  passwordMode: "set",
  password: "a long first password",
  ...over,
});

async function expectRefused(fields: Record<string, string | string[]>, errors: Record<string, string | RegExp>) {
  const before = rows();
  const res = await post(fields);
  expect(res.status).toBe(400);
  const body = await res.json();
  for (const [field, message] of Object.entries(errors)) expect(body.errors[field]).toMatch(message);
  expect(rows()).toEqual(before);
  return body;
}

describe("admin people: the list", () => {
  it("lists everyone with their roles, status and scorecard count", async () => {
    const res = await loader({
      request: new Request("http://localhost/admin/people", { headers: { Cookie: cookie } }),
      params: {},
      context: {},
    });
    const { people, selfId } = await res.json();
    expect(selfId).toBe(admin.id);
    expect(people).toContainEqual(
      expect.objectContaining({
        id: admin.id,
        name: "Ada Admin",
        roles: ["lead", "admin"],
        active: true,
        scorecards: 0,
      }),
    );
  });
});

describe("admin people: adding a person", () => {
  it("adds a person with several roles and the password the admin set; the email is stored lower-case", async () => {
    const res = await post(person({ email: "  Noor@Example.TEST " }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.created).toMatchObject({ name: "Noor Haddad", email: "noor@example.test", password: null });
    const user = getDb().select().from(t.users).where(eq(t.users.id, body.created.id)).get()!;
    expect(user).toMatchObject({ email: "noor@example.test", name: "Noor Haddad", active: true });
    expect(rolesOf(user.id)).toEqual(["interviewer", "lead"]);
    expect(await verifyLogin("noor@example.test", "a long first password")).toEqual({ id: user.id });
    expect(lastAudit()).toMatchObject({
      actorId: admin.id,
      action: "user.created",
      entity: "user",
      entityId: user.id,
      detail: { name: "Noor Haddad", email: "noor@example.test", roles: ["interviewer", "lead"] },
    });
    expect(JSON.stringify(lastAudit())).not.toContain("a long first password");
  });

  it("generates a first password, shows it once, and it signs in", async () => {
    const res = await post(person({ email: "gen@example.test", passwordMode: "generate", password: "" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { created } = await res.json();
    expect(created.password).toMatch(/^[\w-]{16}$/);
    expect(await verifyLogin("gen@example.test", created.password)).toEqual({ id: created.id });
  });

  it("refuses an email already in use, whatever its case, beside the email field", async () => {
    await createUser({ email: "taken@example.test" });
    const body = await expectRefused(person({ email: "TAKEN@example.test" }), {
      email: "That email is already in use",
    });
    expect(body.values).toMatchObject({ name: "Noor Haddad", email: "TAKEN@example.test", password: "" });
  });

  it("refuses an empty name, a bad email, no role and a short password, saving nothing", async () => {
    await expectRefused(person({ name: "   ", email: "x1@example.test" }), { name: "Enter a name" });
    await expectRefused(person({ email: "not-an-email" }), { email: "Enter a valid email" });
    await expectRefused(person({ email: "x2@example.test", roles: [] }), { roles: "Choose at least one role" });
    await expectRefused(person({ email: "x3@example.test", roles: ["owner"] }), { "roles.0": "Unknown role" });
    await expectRefused(person({ email: "x4@example.test", password: "short" }), {
      password: "At least 10 characters",
    });
  });
});

describe("admin people: roles", () => {
  it("changes a person's roles and records before and after", async () => {
    const someone = await createUser({ roles: ["interviewer"] });
    const res = await post({ intent: "roles", userId: String(someone.id), roles: ["lead", "interviewer"] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ intent: "roles", userId: someone.id, saved: true });
    expect(rolesOf(someone.id)).toEqual(["interviewer", "lead"]);
    expect(lastAudit()).toMatchObject({
      action: "user.roles_changed",
      entityId: someone.id,
      detail: { before: ["interviewer"], after: ["interviewer", "lead"] },
    });
  });

  it("refuses no roles, and an admin removing their own admin role", async () => {
    const someone = await createUser({ roles: ["interviewer"] });
    await expectRefused({ intent: "roles", userId: String(someone.id) }, { roles: "Choose at least one role" });
    await expectRefused(
      { intent: "roles", userId: String(admin.id), roles: ["lead"] },
      { roles: "You can't remove your own admin role" },
    );
    expect(rolesOf(admin.id)).toEqual(["admin", "lead"]);
  });

  it("answers 404 for a person who does not exist", async () => {
    expect((await post({ intent: "roles", userId: "999999", roles: ["lead"] })).status).toBe(404);
  });
});

describe("admin people: deactivation", () => {
  it("deactivates: signed out everywhere, cannot sign in, scorecards stay", async () => {
    const leaving = await createUser({ roles: ["interviewer"], email: "leaving@example.test" });
    const colleague = await createUser();
    const interview = createInterview({ panel: [leaving, colleague] });
    getDb()
      .insert(t.scorecards)
      .values({ interviewId: interview.id, interviewerId: leaving.id, rubricVersionId: 1, variantKey: "default" })
      .run();
    const theirCookie = await sessionCookieFor(leaving.id);
    const sessionId = decodeURIComponent(theirCookie.split("=")[1]);

    const res = await post({ intent: "deactivate", userId: String(leaving.id) });
    expect(res.status).toBe(200);
    expect(getDb().select().from(t.users).where(eq(t.users.id, leaving.id)).get()!.active).toBe(false);
    expect(getDb().select().from(t.sessions).where(eq(t.sessions.userId, leaving.id)).all()).toEqual([]);
    expect(findUserBySession(sessionId)).toBeNull();
    expect(await verifyLogin("leaving@example.test", "correct horse battery")).toBeNull();
    expect(getDb().select().from(t.scorecards).where(eq(t.scorecards.interviewerId, leaving.id)).all()).toHaveLength(1);
    const list = await (
      await loader({
        request: new Request("http://localhost/admin/people", { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      })
    ).json();
    expect(list.people.find((p: { id: number }) => p.id === leaving.id)).toMatchObject({
      active: false,
      scorecards: 1,
      roles: ["interviewer"],
    });
    expect(list.people.find((p: { id: number }) => p.id === colleague.id)).toMatchObject({
      active: true,
      scorecards: 0,
    });
    expect(lastAudit()).toMatchObject({
      action: "user.deactivated",
      entity: "user",
      entityId: leaving.id,
      actorId: admin.id,
      detail: { active: { from: true, to: false } },
    });
  });

  it("refuses to deactivate the signed-in admin", async () => {
    await expectRefused(
      { intent: "deactivate", userId: String(admin.id) },
      { form: "You can't deactivate your own account" },
    );
    expect(getDb().select().from(t.users).where(eq(t.users.id, admin.id)).get()!.active).toBe(true);
  });

  it("refuses an unknown intent", async () => {
    await expectRefused({ intent: "promote", userId: String(admin.id) }, { form: "Unknown action" });
  });
});
