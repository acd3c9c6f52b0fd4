import { and, desc, eq, gt, lt } from "drizzle-orm";
import { getDb, writeTransaction } from "../../db/client";
import { loginAttempts } from "../../db/schema";
import { decideLoginAttempt, LOGIN_THROTTLE, windowStart, type LoginThrottlePolicy } from "~/domain/login-throttle";

/** Attempts are kept a day (far longer than the window), then pruned as sign-ins come in. */
const RETENTION_MS = 86_400_000;
/** Every account's old rows, not only the signing-in one's, are pruned at most this often. */
const FULL_PRUNE_EVERY_MS = 3_600_000;
let lastFullPrune = 0;

export type SignInAttempt =
  | { allowed: true; attemptId: number }
  | { allowed: false; retryAt: Date; retryAfterSeconds: number };

/** Accounts are throttled by email as typed, trimmed and lower-cased, whether or not it exists. */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Asks to check one sign-in for this email. Refused while the account has too many recent failed
 * attempts; otherwise the attempt is recorded at once as failed, and only `recordSignInSuccess`
 * turns it into a success once the password has checked out.
 *
 * Counting and recording happen in one BEGIN IMMEDIATE transaction, so concurrent attempts are
 * serialised: a burst of parallel guesses cannot all see "4 failures so far" and all be checked.
 * (Recording only after the slow password check would leave exactly that gap.) An attempt that is
 * refused is not recorded: it checked no password, and so it does not push the wait further out.
 */
export function beginSignInAttempt(email: string, now = new Date(), policy: LoginThrottlePolicy = LOGIN_THROTTLE): SignInAttempt {
  const key = throttleKey(email);
  return writeTransaction((db) => {
    const cutoff = new Date(now.getTime() - RETENTION_MS).toISOString();
    if (now.getTime() - lastFullPrune >= FULL_PRUNE_EVERY_MS) {
      db.delete(loginAttempts).where(lt(loginAttempts.at, cutoff)).run();
      lastFullPrune = now.getTime();
    } else {
      db.delete(loginAttempts).where(and(eq(loginAttempts.email, key), lt(loginAttempts.at, cutoff))).run();
    }

    // Only the most recent `maxFailures` failures can decide anything; the (email, at) index serves this.
    const failures = db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, key), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, windowStart(now, policy).toISOString())))
      .orderBy(desc(loginAttempts.at))
      .limit(policy.maxFailures)
      .all();
    const decision = decideLoginAttempt(
      failures.map((f) => f.at),
      now,
      policy,
    );
    if (!decision.allowed) return { allowed: false, retryAt: decision.retryAt, retryAfterSeconds: decision.retryAfterSeconds };

    const attempt = db
      .insert(loginAttempts)
      .values({ email: key, succeeded: false, at: now.toISOString() })
      .returning({ id: loginAttempts.id })
      .get();
    return { allowed: true, attemptId: attempt.id };
  });
}

/** The password checked out: the attempt no longer counts as a failure. Earlier failures stay. */
export function recordSignInSuccess(attemptId: number): void {
  getDb().update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
}
