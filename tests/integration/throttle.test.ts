// Sign-in throttling through the real login action and the real login_attempts table.
// (tests/integration/security.test.ts checks the same through HTTP, against the built app.)
import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { beginSignInAttempt, recordSignInSuccess } from "~/models/login-throttle.server";
import { action as loginAction } from "~/routes/login";
import { createUser, PASSWORD, request } from "../support/factories";

const MINUTE = 60_000;
// Each test signs in from a client (IP address) of its own, as the HTTP front passes it on.
let clientNo = 0;
let client = "";
beforeEach(() => {
  client = `198.51.100.${++clientNo}`;
});
const callLogin = async (email: string, password: string, from = client) => {
  const req = await request("/login", { form: { email, password } });
  return (await loginAction({ request: req, params: {}, context: { clientAddress: from } })) as Response;
};
const sessionsOf = (userId: number) =>
  getDb().select({ n: count() }).from(t.sessions).where(eq(t.sessions.userId, userId)).get()!.n;
const attemptsOf = (email: string) =>
  getDb().select().from(t.loginAttempts).where(eq(t.loginAttempts.email, email)).all();
const failedAttempts = (email: string, at: Date, n: number) =>
  getDb()
    .insert(t.loginAttempts)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email,
        client,
        succeeded: false,
        at: new Date(at.getTime() - i * 1000).toISOString(),
      })),
    )
    .run();

describe("sign-in throttling, through the login action", () => {
  it("refuses the 6th attempt after 5 wrong passwords with 429 and Retry-After, even with the right password", async () => {
    const user = await createUser({ email: "tess@example.test" });
    for (let i = 0; i < 5; i++) expect((await callLogin("tess@example.test", "wrong password")).status).toBe(401);

    const response = await callLogin("tess@example.test", PASSWORD);
    expect(response.status).toBe(429);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const retryAfter = Number(response.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await response.json()).errors.form).toBe("Too many failed sign-ins. Try again in 15 minutes.");
    expect(sessionsOf(user.id)).toBe(0);
    // Refused attempts checked no password and are not recorded: the wait does not grow.
    expect(attemptsOf("tess@example.test")).toHaveLength(5);
  });

  it("throttles by the email lower-cased and trimmed, whatever the case typed", async () => {
    await createUser({ email: "uma@example.test" });
    for (const email of [
      "UMA@example.test",
      "uma@EXAMPLE.test",
      " Uma@Example.Test",
      "uma@example.test",
      "UMA@EXAMPLE.TEST",
    ]) {
      expect((await callLogin(email, "wrong password")).status).toBe(401);
    }
    expect((await callLogin("uma@example.test", PASSWORD)).status).toBe(429);
    expect(attemptsOf("uma@example.test").every((a) => !a.succeeded)).toBe(true);
  });

  it("leaves other accounts alone", async () => {
    await createUser({ email: "vic@example.test" });
    const other = await createUser({ email: "wyn@example.test" });
    for (let i = 0; i < 5; i++) await callLogin("vic@example.test", "wrong password");
    expect((await callLogin("vic@example.test", PASSWORD)).status).toBe(429);
    const response = await callLogin("wyn@example.test", PASSWORD);
    expect(response.status).toBe(302);
    expect(sessionsOf(other.id)).toBe(1);
  });

  it("throttles an unknown email the same way, so 429 does not reveal which accounts exist", async () => {
    for (let i = 0; i < 5; i++) expect((await callLogin("nobody-here@example.test", "guess")).status).toBe(401);
    expect((await callLogin("nobody-here@example.test", "guess")).status).toBe(429);
  });

  it("records a success, which does not wipe earlier failures", async () => {
    const user = await createUser({ email: "xia@example.test" });
    for (let i = 0; i < 3; i++) await callLogin("xia@example.test", "wrong password");
    expect((await callLogin("xia@example.test", PASSWORD)).status).toBe(302);
    expect(attemptsOf("xia@example.test").map((a) => a.succeeded)).toEqual([false, false, false, true]);
    for (let i = 0; i < 2; i++) expect((await callLogin("xia@example.test", "wrong password")).status).toBe(401);
    // 5 failures within the window, the success between them notwithstanding.
    expect((await callLogin("xia@example.test", PASSWORD)).status).toBe(429);
    expect(sessionsOf(user.id)).toBe(1);
  });

  it("counts only failures within the last 15 minutes: once they are older, sign-in works again", async () => {
    const user = await createUser({ email: "yan@example.test" });
    failedAttempts("yan@example.test", new Date(Date.now() - 15 * MINUTE - 1000), 10);
    failedAttempts("yan@example.test", new Date(), 4);
    expect((await callLogin("yan@example.test", PASSWORD)).status).toBe(302);
    expect(sessionsOf(user.id)).toBe(1);

    // Five failures 14 minutes ago: refused, and told to wait about a minute.
    const zed = await createUser({ email: "zed@example.test" });
    failedAttempts("zed@example.test", new Date(Date.now() - 14 * MINUTE), 5);
    const refused = await callLogin("zed@example.test", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await refused.json()).errors.form).toMatch(/Try again in 1 minute\.$/);
    // The same five, moved a minute and a bit further back, have left the window.
    getDb()
      .update(t.loginAttempts)
      .set({ at: new Date(Date.now() - 15 * MINUTE - 1000).toISOString() })
      .where(eq(t.loginAttempts.email, "zed@example.test"))
      .run();
    expect((await callLogin("zed@example.test", PASSWORD)).status).toBe(302);
    expect(sessionsOf(zed.id)).toBe(1);
  });

  it("lets only 5 of 12 simultaneous guesses be checked: counting and recording are one transaction", async () => {
    await createUser({ email: "burst@example.test" });
    // All 12 are in flight at once: each awaits the (slow, off-thread) password check after its throttle check.
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => callLogin("burst@example.test", "wrong password")),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect(attemptsOf("burst@example.test")).toHaveLength(5);
  });

  it("locks the guessing client out of the account, not the owner on another client", async () => {
    const owner = await createUser({ email: "owner@example.test" });
    for (let i = 0; i < 5; i++)
      expect((await callLogin("owner@example.test", "guess", "203.0.113.66")).status).toBe(401);
    expect((await callLogin("owner@example.test", PASSWORD, "203.0.113.66")).status).toBe(429);
    // The owner, from their own client: in.
    expect((await callLogin("owner@example.test", PASSWORD, "192.0.2.10")).status).toBe(302);
    expect(sessionsOf(owner.id)).toBe(1);
  });

  it("refuses one client spraying guesses over accounts after 10 failures, whichever accounts", async () => {
    for (let k = 0; k < 5; k++) await createUser({ email: `spray${k}@example.test` });
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (let k = 0; k < 5; k++)
        statuses.push((await callLogin(`spray${k}@example.test`, `guess ${round}`, "203.0.113.77")).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    // Each account is still open to its owners elsewhere.
    expect((await callLogin("spray0@example.test", PASSWORD, "192.0.2.20")).status).toBe(302);
  });

  it("stops distributed guessing of one account at 10 failures from unknown clients, but not a client the owner used before", async () => {
    const owner = await createUser({ email: "target@example.test" });
    expect((await callLogin("target@example.test", PASSWORD, "192.0.2.30")).status).toBe(302);
    for (let k = 0; k < 10; k++)
      expect((await callLogin("target@example.test", "guess", `203.0.113.${100 + k}`)).status).toBe(401);
    // An eleventh guesser, and the owner on a device never used before, wait.
    expect((await callLogin("target@example.test", "guess", "203.0.113.200")).status).toBe(429);
    expect((await callLogin("target@example.test", PASSWORD, "192.0.2.31")).status).toBe(429);
    // The owner's usual client is let in.
    expect((await callLogin("target@example.test", PASSWORD, "192.0.2.30")).status).toBe(302);
    expect(sessionsOf(owner.id)).toBe(2);
  });

  it("prunes attempts older than a day", async () => {
    const now = new Date();
    failedAttempts("old@example.test", new Date(now.getTime() - 25 * 60 * MINUTE), 3);
    failedAttempts("old@example.test", new Date(now.getTime() - 23 * 60 * MINUTE), 2);
    const attempt = beginSignInAttempt({ email: "old@example.test", client }, now);
    expect(attempt.allowed).toBe(true);
    const left = attemptsOf("old@example.test");
    expect(left).toHaveLength(3); // the 2 from 23 hours ago and this one
    expect(left.every((a) => Date.parse(a.at) > now.getTime() - 24 * 60 * MINUTE)).toBe(true);
    if (attempt.allowed) recordSignInSuccess(attempt.attemptId);
    expect(
      getDb()
        .select({ n: count() })
        .from(t.loginAttempts)
        .where(and(eq(t.loginAttempts.email, "old@example.test"), eq(t.loginAttempts.succeeded, true)))
        .get()!.n,
    ).toBe(1);
  });
});
