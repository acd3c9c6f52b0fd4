// Form posts for the fuzz tests (see fuzz-kit.ts): a valid post mutated, or fields at random, sent
// in any encoding a client might use.
import fc from "fast-check";
import { SCRIPT, hostileString, withOwn } from "./fuzz-values";

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
