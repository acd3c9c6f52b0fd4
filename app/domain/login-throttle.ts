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
export function windowStart(now: Date, policy: Pick<LoginThrottlePolicy, "windowMs"> = LOGIN_THROTTLE): Date {
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

/**
 * Who a sign-in is throttled against. A guesser should be slowed without handing them the power to
 * lock the real owner out, so failures are counted three ways (each within the window):
 * - per client and account (`perClientAccount`): one client guessing one account's password is
 *   stopped after 5 failures — that client only; the owner signs in from another client.
 * - per client (`perClient`), over all accounts: one client spraying guesses across accounts is
 *   stopped after 10, wherever they land (20 guesses over 5 accounts hit it).
 * - per account, counting only failures from clients that never signed in to it successfully
 *   (`perAccountFromUnknownClients`): many clients guessing one account together (distributed
 *   guessing) are stopped after 10 in all. A client the owner has signed in from before is
 *   exempt from this count and this limit, so even then the owner gets in from a known device; one
 *   guesser alone (at most 5 failures) cannot trigger it.
 * A "client" is the request's IP address (believed from X-Forwarded-For only with TRUST_PROXY).
 */
export interface SignInThrottlePolicy {
  windowMs: number;
  perClientAccount: number;
  perClient: number;
  perAccountFromUnknownClients: number;
}

export const SIGN_IN_THROTTLE: SignInThrottlePolicy = {
  windowMs: LOGIN_THROTTLE.windowMs,
  perClientAccount: 5,
  perClient: 10,
  perAccountFromUnknownClients: 10,
};

/** The failure times each rule counts, and whether this client has signed in to the account before. */
export interface SignInHistory {
  clientAccountFailures: readonly (Date | string)[];
  clientFailures: readonly (Date | string)[];
  accountFailuresFromUnknownClients: readonly (Date | string)[];
  clientKnown: boolean;
}

export type SignInDecision =
  | { allowed: true }
  | { allowed: false; rule: "client_account" | "client" | "account"; retryAt: Date; retryAfterSeconds: number };

/** Applies the three rules; when several refuse, the one that frees up last decides the wait. */
export function decideSignIn(
  history: SignInHistory,
  now: Date,
  policy: SignInThrottlePolicy = SIGN_IN_THROTTLE,
): SignInDecision {
  const rules = [
    { rule: "client_account" as const, failures: history.clientAccountFailures, maxFailures: policy.perClientAccount },
    { rule: "client" as const, failures: history.clientFailures, maxFailures: policy.perClient },
    ...(history.clientKnown
      ? []
      : [
          {
            rule: "account" as const,
            failures: history.accountFailuresFromUnknownClients,
            maxFailures: policy.perAccountFromUnknownClients,
          },
        ]),
  ];
  let refusal: SignInDecision = { allowed: true };
  for (const { rule, failures, maxFailures } of rules) {
    const decision = decideLoginAttempt(failures, now, { windowMs: policy.windowMs, maxFailures });
    if (!decision.allowed && (refusal.allowed || decision.retryAt > refusal.retryAt)) {
      refusal = { allowed: false, rule, retryAt: decision.retryAt, retryAfterSeconds: decision.retryAfterSeconds };
    }
  }
  return refusal;
}

/** What a refused sign-in is told, e.g. "… Try again in 12 minutes." (rounded up, never "0"). */
export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
