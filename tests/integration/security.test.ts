// The HTTP front (app/server/http.ts) with the real Remix build, in-process on a free port:
// cross-site requests, body size, sign-in throttling over HTTP, and deactivation ending sessions.
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { deactivateUser, findUserBySession, hashSessionToken, verifyLogin } from "~/models/user.server";
import { CROSS_SITE_MESSAGE } from "~/server/cross-site";
import { createApp, type AppOptions } from "~/server/http";
import { createUser, PASSWORD, sessionCookieFor } from "../support/factories";
import { ensureBuild } from "../support/server-process";
import { send } from "../support/http-send";

const MB = 1024 * 1024;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const sessionsOf = (userId: number) =>
  getDb().select({ n: count() }).from(t.sessions).where(eq(t.sessions.userId, userId)).get()!.n;
const attemptsOf = (email: string) =>
  getDb().select({ n: count() }).from(t.loginAttempts).where(eq(t.loginAttempts.email, email)).get()!.n;

async function listen(build: ServerBuild, options?: AppOptions) {
  const server = createApp(build, options).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("the HTTP front, with the built app", () => {
  let server: Server;
  let base: string;
  let build: ServerBuild;

  beforeAll(async () => {
    // The build must include the current app code (the login action's throttling, above all).
    ensureBuild();
    build = (await import(/* @vite-ignore */ pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
    ({ server, base } = await listen(build));
  }, 300_000);
  afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  const ownOrigin = () => ({ Origin: base, "Sec-Fetch-Site": "same-origin" });
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    send(base, "POST", "/login", { headers: { ...FORM, ...headers }, body: form({ email, password }) });

  describe("cross-site requests", () => {
    it("refuses a cross-site sign-in with 403 before the action runs: no session, no attempt recorded", async () => {
      const user = await createUser({ email: "csrf-login@example.test" });
      const foreign: Record<string, string>[] = [
        { Origin: "https://evil.example" },
        { "Sec-Fetch-Site": "cross-site" },
        { Origin: "null" },
      ];
      for (const headers of foreign) {
        const reply = await login("csrf-login@example.test", PASSWORD, headers);
        expect(reply.status).toBe(403);
        expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
        expect(reply.text).toBe(CROSS_SITE_MESSAGE);
        expect(reply.headers["set-cookie"]).toBeUndefined();
      }
      expect(sessionsOf(user.id)).toBe(0);
      expect(attemptsOf("csrf-login@example.test")).toBe(0);
    });

    it("refuses a cross-site sign-out: the session lives on", async () => {
      const user = await createUser({ email: "csrf-logout@example.test" });
      const cookie = await sessionCookieFor(user.id);
      const reply = await send(base, "POST", "/logout", {
        headers: { ...FORM, Cookie: cookie, Origin: "https://evil.example" },
        body: "",
      });
      expect(reply.status).toBe(403);
      expect(sessionsOf(user.id)).toBe(1);
      expect((await send(base, "GET", "/interviews", { headers: { Cookie: cookie } })).status).toBe(200);
    });

    it("lets a same-origin sign-in and sign-out through", async () => {
      const user = await createUser({ email: "same-origin@example.test" });
      const reply = await login("same-origin@example.test", PASSWORD, ownOrigin());
      expect(reply.status).toBe(302);
      expect(reply.headers.location).toBe("/interviews");
      expect(sessionsOf(user.id)).toBe(1);
      const cookie = reply.headers["set-cookie"]![0].split(";")[0];
      const out = await send(base, "POST", "/logout", {
        headers: { ...FORM, ...ownOrigin(), Cookie: cookie },
        body: "",
      });
      expect(out.status).toBe(302);
      expect(sessionsOf(user.id)).toBe(0);
    });

    it("lets a post with neither Origin nor Sec-Fetch-Site through (curl, no-JS clients)", async () => {
      const user = await createUser({ email: "no-origin@example.test" });
      expect((await login("no-origin@example.test", PASSWORD)).status).toBe(302);
      expect(sessionsOf(user.id)).toBe(1);
    });

    it("leaves GET alone, whatever the Origin", async () => {
      const reply = await send(base, "GET", "/login", {
        headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      });
      expect(reply.status).toBe(200);
    });

    it("ignores X-Forwarded-Host unless the app trusts its proxy", async () => {
      await createUser({ email: "forwarded@example.test" });
      const proxied = { "X-Forwarded-Host": "scorecard.example", Origin: "https://scorecard.example" };
      // Not trusted: the Origin is compared with the Host header, which it does not match.
      expect((await login("forwarded@example.test", PASSWORD, proxied)).status).toBe(403);
      // A stray X-Forwarded-Host does not disturb a same-origin post (nor make Remix answer 500).
      expect(
        (await login("forwarded@example.test", PASSWORD, { ...ownOrigin(), "X-Forwarded-Host": "elsewhere.example" }))
          .status,
      ).toBe(302);

      const trusting = await listen(build, { trustProxy: "loopback" });
      try {
        const reply = await send(trusting.base, "POST", "/login", {
          headers: { ...FORM, ...proxied },
          body: form({ email: "forwarded@example.test", password: PASSWORD }),
        });
        expect(reply.status).toBe(302);
        // X-Forwarded-Proto is believed too: the cookie is marked Secure.
        const https = await send(trusting.base, "POST", "/login", {
          headers: { ...FORM, ...proxied, "X-Forwarded-Proto": "https" },
          body: form({ email: "forwarded@example.test", password: PASSWORD }),
        });
        expect(https.headers["set-cookie"]![0]).toMatch(/; Secure/);
        const foreign = await send(trusting.base, "POST", "/login", {
          headers: { ...FORM, "X-Forwarded-Host": "scorecard.example", Origin: "https://evil.example" },
          body: form({ email: "forwarded@example.test", password: PASSWORD }),
        });
        expect(foreign.status).toBe(403);
      } finally {
        await new Promise((done) => trusting.server.close(done));
      }
    });
  });

  describe("request body size", () => {
    const padded = (email: string, bytes: number) => {
      const fields = form({ email, password: PASSWORD, padding: "" });
      return fields + "x".repeat(bytes - fields.length);
    };

    it("refuses a 2 MB body declared by Content-Length with 413, before the action runs", async () => {
      const user = await createUser({ email: "big-declared@example.test" });
      const body = padded("big-declared@example.test", 2 * MB);
      const reply = await send(base, "POST", "/login", {
        headers: { ...FORM, "Content-Length": String(body.length) },
        body,
      });
      expect(reply.status).toBe(413);
      expect(reply.text).toBe("Request body too large: the limit is 1 MB.");
      expect(sessionsOf(user.id)).toBe(0);
      expect(attemptsOf("big-declared@example.test")).toBe(0);
    });

    it("answers a Content-Length over the limit without waiting for the body", async () => {
      // Only 10 bytes of the promised 2 MB are ever sent.
      const reply = await send(base, "POST", "/login", {
        headers: { ...FORM, "Content-Length": String(2 * MB) },
        body: "email=a%40",
        leaveOpen: true,
      });
      expect(reply.status).toBe(413);
    });

    it("cuts off a chunked body once it grows past 1 MB, with 413: the action never gets it", async () => {
      const user = await createUser({ email: "big-chunked@example.test" });
      const body = Buffer.from(padded("big-chunked@example.test", 2 * MB));
      const chunks = Array.from({ length: 32 }, (_, i) => body.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
      const reply = await send(base, "POST", "/login", { headers: FORM, chunks });
      expect(reply.status).toBe(413);
      expect(reply.text).toBe("Request body too large: the limit is 1 MB.");
      expect(sessionsOf(user.id)).toBe(0);
      expect(attemptsOf("big-chunked@example.test")).toBe(0);
      // The server carries on.
      expect((await send(base, "GET", "/login")).status).toBe(200);
    });

    it("cuts off a body just over the limit in its last chunk (no truncated body reaches the action)", async () => {
      const user = await createUser({ email: "just-over@example.test" });
      const body = Buffer.from(padded("just-over@example.test", MB + 1));
      const reply = await send(base, "POST", "/login", {
        headers: FORM,
        chunks: [body.subarray(0, MB), body.subarray(MB)],
      });
      expect(reply.status).toBe(413);
      expect(sessionsOf(user.id)).toBe(0);
      expect(attemptsOf("just-over@example.test")).toBe(0);
    });

    it("streams bodies up to the limit through to the action intact, chunked or not", async () => {
      const user = await createUser({ email: "at-limit@example.test" });
      const body = Buffer.from(padded("at-limit@example.test", MB));
      expect(body.length).toBe(MB);
      const chunks = Array.from({ length: 16 }, (_, i) => body.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
      expect((await send(base, "POST", "/login", { headers: FORM, chunks })).status).toBe(302);
      expect(
        (await send(base, "POST", "/login", { headers: { ...FORM, "Content-Length": String(MB) }, body })).status,
      ).toBe(302);
      expect(sessionsOf(user.id)).toBe(2);
    });
  });

  describe("sign-in throttling over HTTP", () => {
    it("answers the 6th attempt after 5 wrong passwords with 429 and Retry-After, right password or not", async () => {
      const user = await createUser({ email: "http-throttle@example.test" });
      const bystander = await createUser({ email: "http-bystander@example.test" });
      for (let i = 0; i < 5; i++)
        expect((await login("http-throttle@example.test", "wrong password", ownOrigin())).status).toBe(401);
      const reply = await login("http-throttle@example.test", PASSWORD, ownOrigin());
      expect(reply.status).toBe(429);
      expect(Number(reply.headers["retry-after"])).toBeGreaterThan(14 * 60);
      expect(reply.headers["set-cookie"]).toBeUndefined();
      expect(reply.text).toContain("Too many failed sign-ins. Try again in 15 minutes.");
      expect(sessionsOf(user.id)).toBe(0);
      // The same through Remix's data request (a sign-in with JavaScript).
      const data = await send(base, "POST", "/login?_data=routes%2Flogin", {
        headers: { ...FORM, ...ownOrigin() },
        body: form({ email: "http-throttle@example.test", password: PASSWORD }),
      });
      expect(data.status).toBe(429);
      expect(Number(data.headers["retry-after"])).toBeGreaterThan(14 * 60);
      expect(JSON.parse(data.text).errors.form).toMatch(/^Too many failed sign-ins\. Try again in 15 minutes\.$/);
      expect(sessionsOf(user.id)).toBe(0);
      // Another account is unaffected.
      expect((await login("http-bystander@example.test", PASSWORD, ownOrigin())).status).toBe(302);
      expect(sessionsOf(bystander.id)).toBe(1);
      // Once the failures are older than 15 minutes, the account can sign in again.
      getDb()
        .update(t.loginAttempts)
        .set({ at: new Date(Date.now() - 16 * 60_000).toISOString() })
        .where(eq(t.loginAttempts.email, "http-throttle@example.test"))
        .run();
      expect((await login("http-throttle@example.test", PASSWORD, ownOrigin())).status).toBe(302);
      expect(sessionsOf(user.id)).toBe(1);
    });
  });

  describe("deactivation", () => {
    it("ends every session of the user at once, and sign-in is refused from then on", async () => {
      const user = await createUser({ email: "leaver@example.test" });
      const colleague = await createUser({ email: "stayer@example.test" });
      const cookies = [await sessionCookieFor(user.id), await sessionCookieFor(user.id)];
      const colleagueCookie = await sessionCookieFor(colleague.id);
      for (const cookie of cookies)
        expect((await send(base, "GET", "/interviews", { headers: { Cookie: cookie } })).status).toBe(200);

      expect(deactivateUser(user.id)).toBe(true);

      expect(sessionsOf(user.id)).toBe(0);
      expect(getDb().select().from(t.users).where(eq(t.users.id, user.id)).get()!.active).toBe(false);
      for (const cookie of cookies) {
        const reply = await send(base, "GET", "/interviews", { headers: { Cookie: cookie } });
        expect(reply.status).toBe(302);
        expect(reply.headers.location).toBe("/login?redirectTo=%2Finterviews");
      }
      expect(await verifyLogin("leaver@example.test", PASSWORD)).toBeNull();
      expect((await login("leaver@example.test", PASSWORD, ownOrigin())).status).toBe(401);
      // Colleagues stay signed in.
      expect(sessionsOf(colleague.id)).toBe(1);
      expect((await send(base, "GET", "/interviews", { headers: { Cookie: colleagueCookie } })).status).toBe(200);
    });

    it("keeps an inactive user's leftover session refused (findUserBySession checks active)", async () => {
      const user = await createUser({ email: "leftover@example.test" });
      const lastSeenAt = new Date().toISOString();
      getDb()
        .insert(t.sessions)
        .values({
          id: hashSessionToken("leftover-session"),
          userId: user.id,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          lastSeenAt,
        })
        .run();
      expect(findUserBySession("leftover-session")).not.toBeNull();
      getDb().update(t.users).set({ active: false }).where(eq(t.users.id, user.id)).run();
      expect(findUserBySession("leftover-session")).toBeNull();
    });

    it("answers false for a user that does not exist", () => {
      expect(deactivateUser(999_999)).toBe(false);
    });
  });
});
