// How long a session lasts is a rule of the session rows (user.server.ts prunes and checks by it),
// read from the environment; it lives with the models so they need nothing from app/utils.

/** A whole number of at least 1 from the environment, or the default; anything else stops the start. */
function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${name} must be a whole number of at least 1, not "${text}"`);
  return Number(text);
}

/**
 * How long a session lasts: it ends after SESSION_IDLE_MINUTES without a request (default 120, so
 * a laptop left signed in is not open for days) and in any case SESSION_MAX_DAYS after sign-in
 * (default 14).
 */
export function sessionLifetime(): { idleMs: number; maxMs: number } {
  // Asked on every signed-in request: parsed again only when the environment's text changes.
  const idle = process.env.SESSION_IDLE_MINUTES;
  const max = process.env.SESSION_MAX_DAYS;
  if (last && last.idle === idle && last.max === max) return last.lifetime;
  const lifetime = Object.freeze({
    idleMs: positiveInteger("SESSION_IDLE_MINUTES", 120) * 60_000,
    maxMs: positiveInteger("SESSION_MAX_DAYS", 14) * 86_400_000,
  });
  last = { idle, max, lifetime };
  return lifetime;
}

let last: { idle?: string; max?: string; lifetime: { idleMs: number; maxMs: number } } | undefined;
