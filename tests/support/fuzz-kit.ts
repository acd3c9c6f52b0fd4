// Hostile payloads for the fuzz tests (tests/integration/fuzz-*.slow.test.ts), and the property every
// action must keep under them: the answer is a Response below 500, and a refused request leaves
// every table of the database as it was.
import { createHash } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import fc from "fast-check";
import { getDb } from "~db/client";
import { deactivateUser } from "~/models/user.server";
import { createUser, sessionCookieFor } from "./factories";

// ---------------------------------------------------------------- seeds and markers

/** The base seed: FUZZ_SEED=n in the environment replays another run. */
export const FUZZ_SEED = (() => {
  const raw = process.env.FUZZ_SEED;
  if (raw === undefined || raw.trim() === "") return 20260522;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
})();

/** One seed per action, from FUZZ_SEED and the action's name: adding an action moves no other. */
export function seedFor(name: string): number {
  return createHash("sha256").update(`${FUZZ_SEED}:${name}`).digest().readInt32LE(0);
}

/** Markup that must never come out live; SCRIPT_ESCAPED is SCRIPT as React writes it as text. */
export const SCRIPT = "<script>alert(1)</script>";
export const SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
export const IMG_TAG = "<img src=x onerror=alert(1)>";

// ---------------------------------------------------------------- hostile values

/** Text no form expects: empty, blank, markup, control characters, numbers in odd spellings, huge. */
const HOSTILE_TEXT = [
  "",
  " ",
  "\t\n ",
  "\r\n".repeat(40),
  SCRIPT,
  IMG_TAG,
  `"'><svg/onload=alert(1)>`,
  "\u0000",
  "a\u0000b",
  "%",
  "%00",
  "%2e%2e%2f",
  "../../etc/passwd",
  "\\",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "0",
  "1",
  "2",
  "3",
  "-1",
  "1.5",
  "1e3",
  "0x10",
  " 7 ",
  "9".repeat(20),
  "987654",
  "[]",
  "{}",
  '{"__proto__":{"polluted":1}}',
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "true",
  "false",
  "on",
  "' OR 1=1 --",
  "x'); DROP TABLE users; --",
  "\u202eevil",
  "\u2028\u2029",
  "\ufeff",
  "é",
  "日本語",
  "👩‍👩‍👧",
  "\ud800",
  "a".repeat(10_001),
  // Huge next to every field's limit (at most 1000), yet far below 64 KB: over HTTP, a body of a
  // few hundred KB that the action answers without reading (a sign-in redirect, a 404) stalls the
  // next request on the same keep-alive connection until the server drops it (ECONNRESET).
  "x".repeat(20_000),
  "javascript:alert(1)",
  "//evil.example",
  "/\\evil.example",
];

/** A hostile form or JSON value: the fixed list above most often, and generated text and numbers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** A route's id parameter that names no record: malformed, out of range, or an attack on the path. */
export const hostileIdParam: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "0",
      "-1",
      "1.5",
      "1e3",
      "0x10",
      " 1",
      "1 ",
      "01",
      "+1",
      "abc",
      "",
      "9".repeat(13),
      "9007199254740993",
      "١",
      "%",
      "..",
      "1/2",
      "1;2",
      "null",
      "NaN",
      "Infinity",
      "__proto__",
      "constructor",
      SCRIPT,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000_000 }).map(String) },
);

/** An object with `key` as its own property, whatever the key (`__proto__` too, as JSON.parse makes it). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Nested lists: a small body that is costly to walk recursively. */
const deepArray = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** JSON where an object of some shape is expected: wrong types, prototype keys, deep nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      0,
      -1,
      1.5,
      1e308,
      "",
      "x",
      SCRIPT,
      true,
      false,
      [],
      {},
      [1, 2, 3],
      [{}],
      ["save"],
      { intent: null },
      { valueOf: 1, toString: 1 },
      { constructor: { prototype: { polluted: 1 } } },
    ),
  },
  { weight: 1, arbitrary: fc.constant(null).map(() => withOwn({}, "__proto__", { polluted: 1, isAdmin: true })) },
  // Deeper still only as text (brokenJsonText): a value this deep already strains recursive code.
  { weight: 1, arbitrary: fc.constantFrom(20, 100).map(deepArray) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hostileString },
);

// ---------------------------------------------------------------- form posts

/** A form post's fields in order, as [name, value]; a name repeats for a checkbox group. */
export type Pairs = [string, string][];

/**
 * How a form is sent: url-encoded or multipart as browsers send forms, or a body that is not a form
 * at all (text/plain, JSON), which a form action must refuse with a 4xx.
 */
export type FormEncoding = "urlencoded" | "multipart" | "text" | "json";
export const formEncoding: fc.Arbitrary<FormEncoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("urlencoded" as const) },
  { weight: 3, arbitrary: fc.constant("multipart" as const) },
  { weight: 1, arbitrary: fc.constantFrom("text" as const, "json" as const) },
);

/** Field names no form has: prototype keys (alone and dotted), empty segments, lookalikes of real ones. */
const HOSTILE_NAMES = [
  "__proto__",
  "__proto__.polluted",
  "__proto__.isAdmin",
  "constructor",
  "constructor.prototype.polluted",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "",
  ".",
  "a..b",
  "x.",
  ".x",
  "id",
  "role",
  "roles.admin",
  "isAdmin",
  "actorId",
  "createdBy",
  "0",
  "100",
  "1.2.3.4.5.6.7.8.9.10",
  "a".repeat(300),
  SCRIPT,
];

/** Under a real field's name: an object where text was (some of these run or shadow prototype methods). */
const NEST_KEYS = [
  "x",
  "0",
  "1",
  "99",
  "100",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "constructor",
  "prototype",
  "length",
  "then",
  "0.0",
];

export type FormMutation =
  /** Every field of that name removed. */
  | { kind: "drop"; name: string }
  /** One field (by position) removed. */
  | { kind: "drop-at"; index: number }
  /** The field's value(s) replaced by one value, or the field added. */
  | { kind: "set"; name: string; value: string }
  /** Another field of the same name: a list where one value was. */
  | { kind: "repeat"; name: string; value: string }
  /** "name" renamed "name.key": an object where a value was. */
  | { kind: "nest"; name: string; key: string }
  /** A field the form does not have. */
  | { kind: "add"; name: string; value: string }
  /** A field (by position) under another name. */
  | { kind: "rename"; index: number; to: string }
  /** The fields in another order. */
  | { kind: "reverse" };

const fieldName = (names: readonly string[]): fc.Arbitrary<string> =>
  names.length ? fc.constantFrom(...names) : fc.constantFrom(...HOSTILE_NAMES);
const unknownName = (names: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
    { weight: 1, arbitrary: fieldName(names).map((n) => `${n}.x`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );

/** One change to a valid post; `names` are the form's own field names. */
export function formMutation(names: readonly string[]): fc.Arbitrary<FormMutation> {
  const name = fieldName(names);
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), name }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-at" as const), index: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), name, value: hostileString }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("repeat" as const), name, value: hostileString }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant("nest" as const), name, key: fc.constantFrom(...NEST_KEYS) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("add" as const), name: unknownName(names), value: hostileString }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("rename" as const),
        index: fc.nat(),
        to: fc.oneof(name, unknownName(names)),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: "reverse" as const }) },
  );
}

/** The post with the mutations applied in turn (a new list; the input is left as it was). */
export function mutatePairs(pairs: Pairs, mutations: readonly FormMutation[]): Pairs {
  let out: Pairs = pairs.map(([k, v]): [string, string] => [k, v]);
  for (const m of mutations) {
    switch (m.kind) {
      case "drop":
        out = out.filter(([k]) => k !== m.name);
        break;
      case "drop-at":
        if (out.length) out.splice(m.index % out.length, 1);
        break;
      case "set": {
        const at = out.findIndex(([k]) => k === m.name);
        out = out.filter(([k], i) => k !== m.name || i === at);
        if (at >= 0) out[out.findIndex(([k]) => k === m.name)] = [m.name, m.value];
        else out.push([m.name, m.value]);
        break;
      }
      case "repeat": {
        const existing = out.find(([k]) => k === m.name);
        out.push([m.name, existing ? existing[1] : m.value], [m.name, m.value]);
        break;
      }
      case "nest":
        out = out.map(([k, v]): [string, string] => (k === m.name ? [`${k}.${m.key}`, v] : [k, v]));
        if (!out.some(([k]) => k === `${m.name}.${m.key}`)) out.push([`${m.name}.${m.key}`, "1"]);
        break;
      case "add":
        out.push([m.name, m.value]);
        break;
      case "rename":
        if (out.length) out[m.index % out.length] = [m.to, out[m.index % out.length][1]];
        break;
      case "reverse":
        out.reverse();
        break;
    }
  }
  return out;
}

/** Fields that have nothing to do with the form: real names and hostile ones, hostile values. */
const hostilePairs = (names: readonly string[]): fc.Arbitrary<Pairs> =>
  fc.array(fc.tuple(fc.oneof(fieldName(names), unknownName(names)), hostileString), { maxLength: 8 });

/** A post to fuzz with: the valid one as it is, the valid one mutated 1–3 times, or fields at random. */
export function formPayload(valid: fc.Arbitrary<Pairs>, names: readonly string[]): fc.Arbitrary<Pairs> {
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 6,
      arbitrary: fc
        .tuple(valid, fc.array(formMutation(names), { minLength: 1, maxLength: 3 }))
        .map(([pairs, ms]) => mutatePairs(pairs, ms)),
    },
    { weight: 1, arbitrary: hostilePairs(names) },
  );
}

/** "$NAME" values replaced by tokens.$NAME(), called when the request is made (ids made in prepare). */
export function resolvePairs(pairs: Pairs, tokens: Record<string, () => string>): Pairs {
  return pairs.map(([k, v]): [string, string] => [k, Object.hasOwn(tokens, v) ? tokens[v]() : v]);
}

/** A POST of the fields to `path` on http://localhost, as a browser (or something that is not one) sends it. */
export function formRequest(
  path: string,
  pairs: Pairs,
  opts: { cookie?: string; encoding?: FormEncoding } = {},
): Request {
  const headers = new Headers();
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  let body: BodyInit;
  switch (opts.encoding ?? "urlencoded") {
    case "urlencoded":
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(pairs).toString();
      break;
    case "multipart":
      body = toFormData(pairs); // Content-Type with its boundary is set by the Request
      break;
    case "text":
      headers.set("Content-Type", "text/plain;charset=UTF-8");
      body = pairs.map(([k, v]) => `${k}=${v}`).join("\r\n");
      break;
    case "json": {
      headers.set("Content-Type", "application/json");
      const object: Record<string, unknown> = {};
      for (const [k, v] of pairs) withOwn(object, k, v);
      body = JSON.stringify(object);
      break;
    }
  }
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}

// ---------------------------------------------------------------- JSON bodies

/** A body sent as it is, not through JSON.stringify (broken or odd JSON text). */
export class RawJson {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

/** Text that is not JSON, or JSON at the edge of what a parser takes. */
export const brokenJsonText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "{",
      "}",
      "[",
      '{"intent":',
      '{"intent":"save",}',
      "{'intent':'save'}",
      '{intent:"save"}',
      "nul",
      "undefined",
      "NaN",
      '{"a":1}}',
      '{"a":1} {"b":2}',
      "\ufeff{}",
      "\u0000",
      '{"intent":"save","baseRevision":0x1}',
      '{"intent":"save","baseRevision":01}',
      '{"a":"\\ud800"}',
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      '{"intent":"save","intent":"submit"}',
      "1".repeat(400),
      "[".repeat(20_000),
      `{"intent":"save","baseRevision":0,"rubricVersionId":${"[".repeat(5000)}${"]".repeat(5000)}}`,
      `{"intent":"save","notes":"${"x".repeat(20_000)}"}`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v).slice(0, -1)) },
);

export type JsonMutation =
  /** The value at the path removed. */
  | { kind: "delete"; path: string[] }
  /** The value at the path replaced (the path made, if it is missing). */
  | { kind: "set"; path: string[]; value: unknown }
  /** The value at the path wrapped in a list or an object. */
  | { kind: "wrap"; path: string[]; as: "array" | "object" }
  /** A key the schema does not have, at the object at the path (the root for []). */
  | { kind: "add"; path: string[]; key: string; value: unknown };

const JSON_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "extra",
  "id",
  "interviewerId",
  "userId",
  "status",
  "revision",
  "submittedAt",
  "0",
  "",
];

/** A hostile JSON value for a field: wrong types, odd numbers, huge text, prototype-keyed objects. */
const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileJson },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(-0, 0.5, -1, 2 ** 53, 1e21, Number.MAX_VALUE, 99, "1", "", "x".repeat(20_000)),
  },
  { weight: 1, arbitrary: fc.integer() },
);

/** One change to a valid JSON body, at one of `paths` (each a list of keys from the root). */
export function jsonMutation(paths: readonly string[][]): fc.Arbitrary<JsonMutation> {
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...paths) },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), path }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("set" as const), path, value: hostileJsonValue }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("wrap" as const),
        path,
        as: fc.constantFrom("array" as const, "object" as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("add" as const),
        path,
        key: fc.constantFrom(...JSON_KEYS),
        value: hostileJsonValue,
      }),
    },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** A deep copy that keeps own `__proto__` keys as own keys. */
function cloneJson(value: unknown): unknown {
  if (value instanceof RawJson || !isObject(value)) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) withOwn(out, k, cloneJson(v));
  return out;
}

/** The body with the mutations applied in turn, on a copy. */
export function mutateJson(value: unknown, mutations: readonly JsonMutation[]): unknown {
  let root = cloneJson(value);
  for (const m of mutations) {
    const copy = m.kind === "set" || m.kind === "add" ? cloneJson(m.value) : undefined;
    if (m.path.length === 0) {
      if (m.kind === "set") root = copy;
      else if (m.kind === "wrap") root = m.as === "array" ? [root] : { value: root };
      else if (m.kind === "add" && isObject(root) && !Array.isArray(root)) withOwn(root, m.key, copy);
      else if (m.kind === "delete") root = undefined;
      continue;
    }
    // Walk to the parent, making objects where the path is missing (a set on a missing field adds it).
    let node: unknown = root;
    for (const key of m.path.slice(0, -1)) {
      if (!isObject(node)) break;
      if (!isObject(node[key]) && m.kind === "set") withOwn(node, key, {});
      node = node[key];
    }
    if (!isObject(node)) continue;
    const last = m.path[m.path.length - 1];
    if (m.kind === "delete") {
      if (Array.isArray(node) && /^\d+$/.test(last)) node.splice(Number(last), 1);
      else delete node[last];
    } else if (m.kind === "set") {
      if (Array.isArray(node) && /^\d+$/.test(last)) node[Number(last)] = copy;
      else withOwn(node, last, copy);
    } else if (m.kind === "wrap") {
      if (Object.hasOwn(node, last)) withOwn(node, last, m.as === "array" ? [node[last]] : { value: node[last] });
    } else {
      const target = node[last];
      if (isObject(target) && !Array.isArray(target)) withOwn(target, m.key, copy);
      else if (Array.isArray(target)) target.push(copy);
    }
  }
  return root;
}

/** "$NAME" strings anywhere in the body replaced by tokens.$NAME() (a revision read when sending). */
export function resolveJson(value: unknown, tokens: Record<string, () => unknown>): unknown {
  if (typeof value === "string") return Object.hasOwn(tokens, value) ? tokens[value]() : value;
  if (value instanceof RawJson || !isObject(value)) return value;
  if (Array.isArray(value)) return value.map((v) => resolveJson(v, tokens));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) withOwn(out, k, resolveJson(v, tokens));
  return out;
}

/** The text sent: a RawJson as it is, anything else through JSON.stringify (nothing for undefined). */
export function toJsonText(body: unknown): string {
  if (body instanceof RawJson) return body.text;
  return JSON.stringify(body) ?? "";
}

/** A JSON POST to `path` on http://localhost, as the autosave fetcher sends it. */
export function jsonRequest(path: string, body: string, cookie?: string): Request {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}

// ---------------------------------------------------------------- form helpers

/** A form's values (the rubric editor's, say) as the dotted field names a plain post sends. */
export function flattenForm(value: Record<string, unknown>, prefix = ""): Pairs {
  const out: Pairs = [];
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v === null || v === undefined || v === false) continue;
    if (v === true) out.push([name, "on"]);
    else if (Array.isArray(v))
      v.forEach((item, i) =>
        item !== null && typeof item === "object"
          ? out.push(...flattenForm(item as Record<string, unknown>, `${name}.${i}`))
          : out.push([`${name}.${i}`, String(item)]),
      );
    else if (typeof v === "object") out.push(...flattenForm(v as Record<string, unknown>, name));
    else out.push([name, String(v)]);
  }
  return out;
}

export function toFormData(pairs: Pairs): FormData {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  return form;
}

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
