import { z } from "zod/v3";

// Helpers every form shares (admin, scorecard, practice). A plain HTML post ("dimensions.0.anchors.1.text", a repeated
// "panel") becomes the nested object the schemas read, so every admin form also works without
// JavaScript; react-hook-form hands the same schemas the same shape (its field names are paths).

const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);
/** Numeric path segments up to 99 are list positions; a larger one is refused as a list. */
const INDEX = /^\d{1,2}$/;

type Node = Record<string, unknown>;

function place(node: Node, parts: string[], value: string) {
  const [head, ...rest] = parts;
  if (rest.length === 0) {
    const existing = node[head];
    if (existing === undefined) node[head] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === "string") node[head] = [existing, value];
    return;
  }
  let child = node[head];
  if (typeof child !== "object" || child === null || Array.isArray(child)) node[head] = child = Object.create(null);
  place(child as Node, rest, value);
}

/** Objects whose keys are all small indexes become lists, in index order. */
function toLists(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: Node = {};
  for (const key of keys) converted[key] = toLists((value as Node)[key]);
  if (keys.length > 0 && keys.every((k) => INDEX.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => converted[String(k)]);
  }
  return converted;
}

export function formDataToObject(form: FormData): Record<string, unknown> {
  // Null-prototype while building: a field named "__proto__.x" must not reach Object.prototype.
  const root: Node = Object.create(null);
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const parts = name.split(".");
    if (parts.some((p) => p === "" || FORBIDDEN.has(p))) continue;
    place(root, parts, value);
  }
  return toLists(root) as Record<string, unknown>;
}

/**
 * A checkbox group: absent or unticked is [], one tick is a string, several are a list (a JSON body
 * sends the list). Repeated ticks count once; `max` bounds the list before its items are read.
 */
export const checkedList = <T extends z.ZodTypeAny>(item: T, max = 1000) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === false || v === "") return [];
    const list = Array.isArray(v) ? v : [v];
    // Anything but text (a "panel.x=…" post nests an object here) goes on unchanged, to be refused.
    return list.every((item) => typeof item === "string") ? [...new Set(list)] : v;
  }, z.array(item).max(max));

/** A lone checkbox: "on" from a plain post, true from react-hook-form. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A number typed into an input (a string) or set by the form (a number); blank is missing. */
export const wholeNumber = (messages: { required: string; invalid?: string }) =>
  z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v.trim()) : v),
    z
      .number({ required_error: messages.required, invalid_type_error: messages.invalid ?? messages.required })
      .int("Whole numbers only"),
  );

/** A numeric id posted as a string, e.g. a <select>'s value. */
export const idField = (message: string) =>
  z
    .union([z.string(), z.number()], { errorMap: () => ({ message }) })
    .transform((v) => String(v).trim())
    .refine((v) => /^\d{1,12}$/.test(v) && Number(v) > 0, message)
    .transform(Number);
