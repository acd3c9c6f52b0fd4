/**
 * A number that may arrive as text from a plain HTML post. Only strings are converted: Number()
 * on an arbitrary object runs its valueOf/toString (which may throw, or recurse through a deeply
 * nested array), so anything but a string or a number goes to the schema as it is, to be refused.
 */
export function numberFromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value.trim() === "" ? value : Number(value);
}

/** A record id posted as text (or a number): a positive safe integer, else null. */
export function idFromText(value: unknown): number | null {
  const id = numberFromText(value);
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}
