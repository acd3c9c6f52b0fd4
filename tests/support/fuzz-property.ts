// The property every fuzzed action keeps (see fuzz-kit.ts), who sends the payloads, and the tally.
import { createHash } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { getDb } from "~db/client";
import { deactivateUser } from "~/models/user.server";
import { createUser, sessionCookieFor } from "./factories";
import { FUZZ_SEED, seedFor } from "./fuzz-values";

// ---------------------------------------------------------------- who sends it

export type Actor = "right" | "wrong-role" | "anonymous" | "forged" | "tampered" | "deactivated";
/** Mostly the right user; now and then the wrong role, no session, or a bad one. */
export const actor: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 12, arbitrary: fc.constant("right" as const) },
  { weight: 2, arbitrary: fc.constant("wrong-role" as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("anonymous" as const, "forged" as const, "tampered" as const, "deactivated" as const),
  },
);

/** Cookies for the actors: `right` and `wrong-role` are real sessions of the given users. */
export async function actorCookies(right: { id: number }, wrongRole: { id: number } | null) {
  const rightCookie = await sessionCookieFor(right.id);
  const wrongCookie = wrongRole ? await sessionCookieFor(wrongRole.id) : rightCookie;
  const gone = await createUser({ roles: ["interviewer", "lead", "admin"] });
  const goneCookie = await sessionCookieFor(gone.id);
  deactivateUser(gone.id);
  // The signed value with its last character changed: the signature no longer matches.
  const tampered = rightCookie.slice(0, -1) + (rightCookie.endsWith("A") ? "B" : "A");
  const cookies: Record<Actor, string | undefined> = {
    right: rightCookie,
    "wrong-role": wrongCookie,
    anonymous: undefined,
    forged: `__session=${encodeURIComponent(JSON.stringify("a-session-id-nobody-issued"))}`,
    tampered,
    deactivated: goneCookie,
  };
  return (who: Actor) => cookies[who];
}

// ---------------------------------------------------------------- the property

/** Columns any request moves on its own: a session's idle clock is "used", not "changed". */
const VOLATILE_COLUMNS: Record<string, readonly string[]> = { sessions: ["last_seen_at"] };

/** Every table (sqlite_sequence included) as row count and a hash of its rows. */
export function fingerprint(ignore: readonly string[] = []): Map<string, string> {
  const sqlite = getDb().$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' order by name")
    .pluck()
    .all() as string[];
  const out = new Map<string, string>();
  for (const table of tables) {
    if (ignore.includes(table)) continue;
    const volatile = VOLATILE_COLUMNS[table] ?? [];
    const columns = volatile.length
      ? (sqlite.prepare(`select name from pragma_table_info('${table}')`).pluck().all() as string[])
          .filter((c) => !volatile.includes(c))
          .map((c) => `"${c}"`)
          .join(", ")
      : "*";
    let rows = sqlite.prepare(`select ${columns} from "${table}"`).raw().all() as unknown[][];
    // An ignored table's AUTOINCREMENT counter moves with it.
    if (table === "sqlite_sequence") rows = rows.filter(([name]) => !ignore.includes(name as string));
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))).sort();
    out.set(table, `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex")}`);
  }
  return out;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((n) => before.get(n) !== after.get(n))
    .map((n) => `${n} (${before.get(n)?.split(":")[0] ?? "-"} -> ${after.get(n)?.split(":")[0] ?? "-"} rows)`);
}

const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(","))
    .join("|");

/** A thrown Response is an answer like a returned one; anything else thrown is a crash (a 500). */
export async function settle(call: () => Promise<unknown>): Promise<Response> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (error instanceof Response) return error;
    throw new Error(
      `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} (a 500 in the server)`,
      { cause: error },
    );
  }
  if (!(result instanceof Response)) throw new Error(`returned a non-Response: ${String(result).slice(0, 200)}`);
  return result;
}

export async function bodyOf(res: Response): Promise<{ text: string; json: unknown }> {
  const text = await res.clone().text();
  let json: unknown = null;
  if (res.headers.get("Content-Type")?.includes("json")) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { text, json };
}

/** Refused: a 4xx, a redirect to sign-in, or an answer that says errors or conflict. */
export async function isRefusal(res: Response): Promise<boolean> {
  if (res.status >= 400) return true;
  if (res.status >= 300) return (res.headers.get("Location") ?? "").startsWith("/login");
  const { json } = await bodyOf(res);
  if (json === null || typeof json !== "object") return false;
  const body = json as Record<string, unknown>;
  return body.errors != null || body.conflict === true || body.rejected != null;
}

export type Action = (args: ActionFunctionArgs) => Promise<unknown>;
/** One request to one action: called directly, or sent over HTTP to the built app (see useBuiltApp). */
export interface Call {
  action: Action;
  request: Request;
  params?: Record<string, string>;
}

export interface FuzzOptions<T> {
  numRuns: number;
  /** Tables an action may legitimately write to even when it refuses (login_attempts). */
  ignoreTables?: readonly string[];
  /** What counts as refused, if not the default (isRefusal). */
  refused?: (res: Response) => Promise<boolean>;
  /** Extra checks on every answer. */
  check?: (res: Response, input: T, changed: string[]) => void | Promise<void>;
  /** Asked after prepare: true keeps this payload off HTTP (a known bug in rendering the page). */
  avoidHttp?: () => boolean;
}

/**
 * With the built app running (tests/support/fuzz-server.ts), every HTTP_SHARE-th payload goes over
 * HTTP as a plain, no-JavaScript form post would: through the cross-site and body-limit middleware,
 * the action, and then the render of the page with the action's answer, which a direct call skips.
 */
const HTTP_SHARE = 3;
let httpBase: string | null = null;
export function useHttpBase(base: string | null) {
  httpBase = base;
}

async function overHttp(call: Call): Promise<Response> {
  const url = new URL(call.request.url);
  const body = await call.request.arrayBuffer();
  return fetch(`${httpBase}${url.pathname}${url.search}`, {
    method: call.request.method,
    headers: call.request.headers,
    body,
    redirect: "manual",
  });
}

/** How many payloads each action was sent, and the answers' statuses, for the summary. */
export const tally = new Map<string, { direct: number; http: number }>();
const statuses = new Map<string, Map<string, number>>();

export function printTally(file: string) {
  const total = [...tally.values()].reduce((a, b) => a + b.direct + b.http, 0);
  const lines = [...tally].map(([name, n]) => {
    const seen = [...(statuses.get(name) ?? [])].sort().map(([s, k]) => `${s}×${k}`);
    return `  ${name}: ${n.direct + n.http} (${n.direct} direct, ${n.http} over HTTP; ${seen.join(" ")})`;
  });
  console.log(`[fuzz] ${file}: ${total} payloads (seed ${FUZZ_SEED})\n${lines.join("\n")}`);
}

/**
 * Sends `numRuns` generated payloads. `prepare` may set up state (it runs before the database is
 * fingerprinted) and returns the request to send; the answer must be a Response below 500, and if
 * it is a refusal, no table may have changed.
 */
export async function fuzzAction<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  prepare: (input: T) => Promise<Call>,
  opts: FuzzOptions<T>,
) {
  const count = { direct: 0, http: 0 };
  await fc.assert(
    fc.asyncProperty(arb, async (input) => {
      const call = await prepare(input);
      const viaHttp =
        httpBase !== null && (count.direct + count.http) % HTTP_SHARE === HTTP_SHARE - 1 && !opts.avoidHttp?.();
      count[viaHttp ? "http" : "direct"]++;
      const shape = prototypeShape();
      const before = fingerprint(opts.ignoreTables);
      const res = viaHttp
        ? await overHttp(call)
        : await settle(() => call.action({ request: call.request, params: call.params ?? {}, context: {} }));
      const { text } = await bodyOf(res);
      const seen = statuses.get(name) ?? statuses.set(name, new Map()).get(name)!;
      const key =
        res.status >= 300 && res.status < 400
          ? `${res.status}${(res.headers.get("Location") ?? "").startsWith("/login") ? "→login" : ""}`
          : String(res.status);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const summary = `${viaHttp ? "over HTTP " : ""}${res.status} ${res.headers.get("Location") ?? ""} ${text.slice(0, 300)}`;
      if (process.env.FUZZ_DEBUG) console.log(`[fuzz] ${name}: ${summary.slice(0, 200)}`);
      if (res.status >= 500) throw new Error(`answered ${summary}`);
      if (prototypeShape() !== shape) throw new Error(`a built-in prototype gained properties (answer: ${summary})`);
      const changed = changedTables(before, fingerprint(opts.ignoreTables));
      if (changed.length && (await (opts.refused ?? isRefusal)(res)))
        throw new Error(`refused (${summary}) but changed ${changed.join(", ")}`);
      await opts.check?.(res, input, changed);
    }),
    { numRuns: opts.numRuns, seed: seedFor(name), endOnFailure: true },
  );
  tally.set(name, count);
}
