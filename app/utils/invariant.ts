/**
 * Throws a Response (caught by the route's error boundary) when `condition` is falsy, and narrows
 * the type when it holds — the Epic Stack's `invariantResponse`. Used for "this must exist, or 404"
 * instead of hand-written `throw new Response(...)` and `!` after a lookup. Defaults to 400.
 */
export function invariantResponse(
  condition: unknown,
  message: string | (() => string),
  responseInit?: ResponseInit,
): asserts condition {
  if (!condition) {
    throw new Response(typeof message === "function" ? message() : message, { status: 400, ...responseInit });
  }
}

/** The common case: the record is missing, or the user may not know it exists. */
export function invariantFound(condition: unknown): asserts condition {
  invariantResponse(condition, "Not found", { status: 404 });
}
