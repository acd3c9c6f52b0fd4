import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "~/domain/roles";
import { createSession, deleteSession, findUserBySession, type SessionUser } from "~/models/user.server";
import { sessionLifetime } from "~/models/session-lifetime.server";
import { sessionSecret } from "./env.server";
import { invariantFound } from "./invariant";

// The cookie carries only the session id, signed with the session secret; the session itself
// lives in the database so sign-out and deactivation can end it.
let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    // The browser may drop it at the session's absolute end; the server enforces both limits.
    maxAge: Math.floor(sessionLifetime().maxMs / 1000),
    secrets: [sessionSecret()],
  });
  return cookie;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/**
 * Cookie header -> the session token it carries (null: none, or a bad signature). Checking the
 * signature (an HMAC), base64 and JSON costs more than the session's database lookup, and a
 * browser sends the same header on every request: the answer is a pure function of the header
 * and the secret, so it is kept. Whether the session is still alive is always asked of the
 * database (findUserBySession), never of this map. Bounded: cleared when full.
 */
const parsedCookies = new Map<string, string | null>();
const PARSED_COOKIES_MAX = 10_000;

async function readSessionId(request: Request): Promise<string | null> {
  return sessionIdOfCookieHeader(request.headers.get("Cookie"));
}

/** The session token a Cookie header carries (null: none, or a bad signature); see parsedCookies. */
export async function sessionIdOfCookieHeader(header: string | null | undefined): Promise<string | null> {
  if (!header) return null;
  const known = parsedCookies.get(header);
  if (known !== undefined) return known;
  const value = await sessionCookie().parse(header);
  const id = typeof value === "string" ? value : null;
  if (parsedCookies.size >= PARSED_COOKIES_MAX) parsedCookies.clear();
  parsedCookies.set(header, id);
  return id;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  return id ? findUserBySession(id) : null;
}

/** The signed-in user; anyone else is sent to /login and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

/** A user holding at least one of `roles`; anyone else gets a 404 (no hint that the page exists). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  invariantFound(roles.some((r) => user.roles.includes(r)));
  return user;
}

/** A user holding every one of `roles` (e.g. an admin page inside the leads' calibration area). */
export async function requireEveryRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  invariantFound(roles.every((r) => user.roles.includes(r)));
  return user;
}

export const requireLead = (request: Request) => requireRole(request, "lead");
export const requireAdmin = (request: Request) => requireRole(request, "admin");

/** Starts a fresh session (a new id on every sign-in) and redirects with its cookie. */
export async function signIn(request: Request, userId: number, redirectTo: string) {
  const id = randomBytes(32).toString("base64url");
  // The response first: should it fail, no session is left behind without a cookie to end it.
  const response = redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize(id, { secure: isHttps(request) }) },
  });
  createSession(userId, id);
  return response;
}

export async function signOut(request: Request) {
  const id = await readSessionId(request);
  if (id) deleteSession(id);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0, secure: isHttps(request) }) },
  });
}

/**
 * Only a path on this site, so a crafted ?redirectTo= cannot send a user elsewhere after sign-in.
 * Printable ASCII only: browsers drop tabs and newlines ("/\t/evil.example" becomes
 * "//evil.example"), and a Location header cannot carry other characters at all.
 */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/interviews"): string {
  if (typeof to !== "string" || !/^\/[\x21-\x7e]*$/.test(to) || to.startsWith("//") || to.includes("\\"))
    return fallback;
  return to;
}
