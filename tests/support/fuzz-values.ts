// Seeds and hostile values for the fuzz tests (see fuzz-kit.ts): text, numbers and ids no form expects.
import { createHash } from "node:crypto";
import fc from "fast-check";

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
export function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}
