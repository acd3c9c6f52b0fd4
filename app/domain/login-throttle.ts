// The sign-in throttling rule, pure: given when an account's recent sign-in attempts failed and
// what time it is, may another attempt be checked, and if not, for how long must it wait?

export interface LoginThrottlePolicy {
  /** How far back failed attempts count. */
  windowMs: number;
  /** Failed attempts within the window after which further attempts are refused. */
  maxFailures: number;
}

/** 5 failed sign-ins for one account within 15 minutes, then wait. */
export const LOGIN_THROTTLE: LoginThrottlePolicy = { windowMs: 15 * 60_000, maxFailures: 5 };

export type LoginThrottleDecision =
  | { allowed: true; failuresInWindow: number }
  | { allowed: false; failuresInWindow: number; retryAt: Date; retryAfterSeconds: number };

const time = (t: Date | string) => (typeof t === "string" ? Date.parse(t) : t.getTime());

/** Failed attempts at or before this instant no longer count. */
export function windowStart(now: Date, policy: LoginThrottlePolicy = LOGIN_THROTTLE): Date {
  return new Date(now.getTime() - policy.windowMs);
}

/**
 * Decides on a sign-in attempt from the times of the account's failed attempts (any order; those
 * older than the window are ignored, so callers may pass more than the window).
 * When refused, `retryAt` is the moment enough failures have left the window for one more attempt:
 * the (maxFailures)-th most recent failure plus the window.
 */
export function decideLoginAttempt(
  failures: readonly (Date | string)[],
  now: Date,
  policy: LoginThrottlePolicy = LOGIN_THROTTLE,
): LoginThrottleDecision {
  const from = windowStart(now, policy).getTime();
  const recent = failures
    .map(time)
    .filter((t) => t > from)
    .sort((a, b) => b - a);
  if (recent.length < policy.maxFailures) return { allowed: true, failuresInWindow: recent.length };
  const retryAt = new Date(recent[policy.maxFailures - 1] + policy.windowMs);
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return { allowed: false, failuresInWindow: recent.length, retryAt, retryAfterSeconds };
}

/** What a refused sign-in is told, e.g. "… Try again in 12 minutes." (rounded up, never "0"). */
export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins for this account. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
