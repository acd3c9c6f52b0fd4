// JSON bodies for the fuzz tests (see fuzz-kit.ts): hostile values, broken JSON text, and valid bodies mutated.
import fc from "fast-check";
import { SCRIPT, hostileString, withOwn } from "./fuzz-values";

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
