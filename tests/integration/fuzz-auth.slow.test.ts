// Hostile payloads against sign-in and sign-out.
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { createUser, PASSWORD, sessionCookieFor } from "../support/factories";
import {
  formEncoding,
  formPayload,
  formRequest,
  fuzzAction,
  hostileString,
  printTally,
  resolvePairs,
  SCRIPT,
  useHttpBase,
  type Pairs,
} from "../support/fuzz-kit";
import { startBuiltApp } from "../support/fuzz-server";

type User = Awaited<ReturnType<typeof createUser>>;
let good: User;
let guessed: User;
let other: User;

let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const app = await startBuiltApp();
  close = app.close;
  useHttpBase(app.base);
  good = await createUser({ email: "good@example.test" }); // only ever sent with its right password
  guessed = await createUser({ email: "guessed@example.test" }); // sent with wrong passwords: gets throttled
  other = await createUser();
});

afterAll(async () => {
  printTally("fuzz-auth");
  await close?.();
});

const sessionsOf = (userId?: number) =>
  (userId === undefined
    ? getDb().select({ n: count() }).from(t.sessions).get()
    : getDb().select({ n: count() }).from(t.sessions).where(eq(t.sessions.userId, userId)).get())!.n;

describe("sign-in and sign-out under hostile payloads", () => {
  it(
    "login: never a 5xx, nothing but a throttling record when refused, never a redirect off-site",
    { timeout: 60_000 },
    async () => {
      const redirectTo = fc.oneof(
        fc.constantFrom(
          "",
          "/interviews",
          "/admin/people?x=1#y",
          "//evil.example",
          "/\\evil.example",
          "https://evil.example",
          "javascript:alert(1)",
          " /interviews",
          "/%2F%2Fevil.example",
          `/${SCRIPT}`,
        ),
        hostileString,
      );
      const valid = fc.oneof(
        // The right password, with a hostile place to go afterwards.
        redirectTo.map((to): Pairs => [
          ["email", "$GOOD"],
          ["password", PASSWORD],
          ["redirectTo", to],
        ]),
        fc
          .record({
            email: fc.constantFrom("$GUESSED", "nobody@example.test", "GUESSED@EXAMPLE.TEST ", SCRIPT),
            password: hostileString,
          })
          .map((f): Pairs => [
            ["email", f.email],
            ["password", f.password],
          ]),
      );
      const payload = formPayload(valid, ["email", "password", "redirectTo"]);
      await fuzzAction(
        "login",
        fc.record({ pairs: payload, encoding: formEncoding }),
        async ({ pairs, encoding }) => {
          const request = formRequest(
            "/login",
            resolvePairs(pairs, { $GOOD: () => good.email, $GUESSED: () => guessed.email }),
            { encoding },
          );
          return { action: loginAction, request };
        },
        {
          numRuns: 200,
          // A sign-in that works may redirect to /login itself (redirectTo=/login): only a 4xx is a refusal.
          refused: async (res) => res.status >= 400,
          // Every checked sign-in is recorded for throttling, refused or not: that is the design.
          ignoreTables: ["login_attempts"],
          check: (res) => {
            const location = res.headers.get("Location");
            if (location === null) return;
            const target = new URL(location, "http://localhost/login");
            if (target.origin !== "http://localhost")
              throw new Error(`redirected off-site: Location ${JSON.stringify(location)} -> ${target.href}`);
          },
        },
      );
    },
  );

  it("logout: only ever ends the session it was sent, whatever the body and cookie", { timeout: 60_000 }, async () => {
    const valid = fc.constant<Pairs>([]);
    const cookieKind = fc.constantFrom("own", "own", "own", "anonymous", "forged", "tampered", "garbage");
    let expected = { total: 0, own: 0 };
    let ownerId = 0;
    await fuzzAction(
      "logout",
      fc.record({
        pairs: formPayload(valid, ["intent", "redirectTo"]),
        kind: cookieKind,
        encoding: formEncoding,
        owner: fc.constantFrom("good", "other"),
      }),
      async ({ pairs, kind, encoding, owner }) => {
        ownerId = owner === "good" ? good.id : other.id;
        const own = await sessionCookieFor(ownerId);
        const cookie = {
          own,
          anonymous: undefined,
          forged: `__session=${encodeURIComponent(JSON.stringify("not-a-session"))}`,
          tampered: own.slice(0, -2) + (own.endsWith("AA") ? "BB" : "AA"),
          garbage: `__session=${"%".repeat(3)}; other=${SCRIPT}`,
        }[kind];
        const total = sessionsOf();
        const mine = sessionsOf(ownerId);
        expected = kind === "own" ? { total: total - 1, own: mine - 1 } : { total, own: mine };
        const request = formRequest("/logout", pairs, { cookie, encoding });
        return { action: logoutAction, request };
      },
      {
        numRuns: 150,
        ignoreTables: ["sessions"], // checked below: exactly the presented session, and only if it is real
        check: (res) => {
          if (res.status !== 302 || res.headers.get("Location") !== "/login")
            throw new Error(`logout answered ${res.status} ${res.headers.get("Location")}`);
          if (!/__session=;/.test(res.headers.get("Set-Cookie") ?? ""))
            throw new Error("logout did not clear the cookie");
          const now = { total: sessionsOf(), own: sessionsOf(ownerId) };
          if (now.total !== expected.total || now.own !== expected.own)
            throw new Error(`sessions ${JSON.stringify(now)}, expected ${JSON.stringify(expected)}`);
        },
      },
    );
  });
});
