import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { hashSessionToken } from "~/models/user.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as interviewsLoader } from "~/routes/interviews._index";
import { createUser, PASSWORD, request } from "../support/factories";

const sessionCount = () => getDb().select({ n: count() }).from(t.sessions).get()!.n;
const callLogin = async (form: Record<string, string>) => {
  const req = await request("/login", { form });
  return (await loginAction({ request: req, params: {}, context: {} })) as Response;
};
const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0];

describe("sign-in", () => {
  it("signs in with the right password: a session row and an httpOnly, SameSite=Lax cookie", async () => {
    const user = await createUser({ email: "ada@example.test" });
    const before = sessionCount();
    const response = await callLogin({ email: "ADA@example.test ", password: PASSWORD, redirectTo: "/interviews" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/interviews");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(sessionCount()).toBe(before + 1);
    // The cookie carries only the (signed) session token: "<base64 of the JSON token>.<signature>";
    // the table keeps only the token's SHA-256.
    const session = getDb().select().from(t.sessions).where(eq(t.sessions.userId, user.id)).get()!;
    const [payload] = decodeURIComponent(setCookie.split(";")[0].slice("__session=".length)).split(".");
    expect(hashSessionToken(JSON.parse(Buffer.from(payload, "base64").toString()))).toBe(session.id);
  });

  it("stores passwords as argon2id at the OWASP ASVS minimum (19 MiB, 2 iterations, parallelism 1)", async () => {
    const user = await createUser();
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("gives a wrong password and an unknown email the same message, and no session", async () => {
    await createUser({ email: "bo@example.test" });
    const before = sessionCount();
    const wrongPassword = await callLogin({ email: "bo@example.test", password: "nope" });
    const unknownEmail = await callLogin({ email: "nobody@example.test", password: PASSWORD });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    const [a, b] = await Promise.all([wrongPassword.json(), unknownEmail.json()]);
    expect(a).toEqual(b);
    expect(a.errors.form).toMatch(/don't match an active account/);
    expect(sessionCount()).toBe(before);
  });

  it("answers malformed input with 400 and field messages, changing nothing", async () => {
    const before = sessionCount();
    const response = await callLogin({ email: "not-an-email", password: "" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({ email: "Enter a valid email", password: "Enter your password" });
    expect(sessionCount()).toBe(before);
  });

  it("refuses a deactivated account", async () => {
    await createUser({ email: "gone@example.test", active: false });
    expect((await callLogin({ email: "gone@example.test", password: PASSWORD })).status).toBe(401);
  });

  it("never redirects off-site after sign-in", async () => {
    await createUser({ email: "cy@example.test" });
    const response = await callLogin({
      email: "cy@example.test",
      password: PASSWORD,
      redirectTo: "//evil.example/steal",
    });
    expect(response.headers.get("Location")).toBe("/interviews");
  });

  it("gives a new session id on every sign-in", async () => {
    await createUser({ email: "dee@example.test" });
    const first = cookieOf(await callLogin({ email: "dee@example.test", password: PASSWORD }));
    const second = cookieOf(await callLogin({ email: "dee@example.test", password: PASSWORD }));
    expect(first).not.toBe(second);
  });
});

describe("pages behind sign-in", () => {
  it("redirects an unauthenticated request to /login, remembering where it was going", async () => {
    const thrown = await interviewsLoader({ request: await request("/interviews"), params: {}, context: {} }).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Finterviews");
  });

  it("ignores a forged cookie", async () => {
    const thrown = await interviewsLoader({
      request: await request("/interviews", { cookie: "__session=forged" }),
      params: {},
      context: {},
    }).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(302);
  });

  it("sends a signed-in visitor of /login on to their interviews", async () => {
    await createUser({ email: "eve@example.test" });
    const cookie = cookieOf(await callLogin({ email: "eve@example.test", password: PASSWORD }));
    const thrown = await loginLoader({ request: await request("/login", { cookie }), params: {}, context: {} }).catch(
      (e: unknown) => e,
    );
    expect((thrown as Response).headers.get("Location")).toBe("/interviews");
  });

  it("ends the session on sign-out: the same cookie no longer works", async () => {
    await createUser({ email: "fay@example.test" });
    const cookie = cookieOf(await callLogin({ email: "fay@example.test", password: PASSWORD }));
    const ok = await interviewsLoader({ request: await request("/interviews", { cookie }), params: {}, context: {} });
    expect(ok.status).toBe(200);
    const before = sessionCount();
    await logoutAction({ request: await request("/logout", { cookie, form: {} }), params: {}, context: {} });
    expect(sessionCount()).toBe(before - 1);
    const thrown = await interviewsLoader({
      request: await request("/interviews", { cookie }),
      params: {},
      context: {},
    }).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(302);
  });
});
