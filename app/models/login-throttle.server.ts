import { and, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "~db/client";
import { loginAttempts } from "~db/schema";
import { decideSignIn, SIGN_IN_THROTTLE, windowStart, type SignInThrottlePolicy } from "~/domain/login-throttle";

/** Failed attempts are kept a day (far longer than the window), then pruned as sign-ins come in. */
const RETENTION_MS = 86_400_000;
/** Successes are kept longer: they are how a client the owner uses is recognised (see decideSignIn). */
const KNOWN_CLIENT_MS = 30 * 86_400_000;
/** Every account's old rows, not only the signing-in one's, are pruned at most this often. */
const FULL_PRUNE_EVERY_MS = 3_600_000;
let lastFullPrune = 0;

export type SignInAttempt =
  { allowed: true; attemptId: number } | { allowed: false; retryAt: Date; retryAfterSeconds: number };

/** Accounts are throttled by email as typed, trimmed and lower-cased, whether or not it exists. */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Asks to check one sign-in for this email from this client (its IP address; '' if unknown).
 * Refused while decideSignIn's rules say so; otherwise the attempt is recorded at once as failed,
 * and only `recordSignInSuccess` turns it into a success once the password has checked out.
 *
 * Counting and recording happen in one BEGIN IMMEDIATE transaction, so concurrent attempts are
 * serialised: a burst of parallel guesses cannot all see "4 failures so far" and all be checked.
 * (Recording only after the slow password check would leave exactly that gap.) An attempt that is
 * refused is not recorded: it checked no password, and so it does not push the wait further out.
 */
export function beginSignInAttempt(
  attempt: { email: string; client: string },
  now = new Date(),
  policy: SignInThrottlePolicy = SIGN_IN_THROTTLE,
): SignInAttempt {
  const email = throttleKey(attempt.email);
  const client = attempt.client;
  return writeTransaction((db) => {
    const failedBefore = new Date(now.getTime() - RETENTION_MS).toISOString();
    const succeededBefore = new Date(now.getTime() - KNOWN_CLIENT_MS).toISOString();
    const old = (scope?: ReturnType<typeof eq>) =>
      and(
        scope,
        sql`(${loginAttempts.succeeded} = 0 and ${loginAttempts.at} < ${failedBefore}) or ${loginAttempts.at} < ${succeededBefore}`,
      );
    if (now.getTime() - lastFullPrune >= FULL_PRUNE_EVERY_MS) {
      db.delete(loginAttempts).where(old()).run();
      lastFullPrune = now.getTime();
    } else {
      db.delete(loginAttempts)
        .where(old(eq(loginAttempts.email, email)))
        .run();
    }

    const since = windowStart(now, policy).toISOString();
    const failed = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since));
    const times = (where: ReturnType<typeof and>, limit: number) =>
      db
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(where)
        .orderBy(desc(loginAttempts.at))
        .limit(limit)
        .all()
        .map((r) => r.at);
    // Clients that have signed in to this account: their failures are the owner's typos, not guessing.
    const known = sql`(select k.client from ${loginAttempts} k where k.email = ${email} and k.succeeded = 1)`;
    const decision = decideSignIn(
      {
        clientAccountFailures: times(
          and(failed, eq(loginAttempts.email, email), eq(loginAttempts.client, client)),
          policy.perClientAccount,
        ),
        clientFailures: times(and(failed, eq(loginAttempts.client, client)), policy.perClient),
        accountFailuresFromUnknownClients: times(
          and(failed, eq(loginAttempts.email, email), sql`${loginAttempts.client} not in ${known}`),
          policy.perAccountFromUnknownClients,
        ),
        clientKnown: db.get<{ n: number }>(sql`select count(*) as n from ${known} where client = ${client}`)!.n > 0,
      },
      now,
      policy,
    );
    if (!decision.allowed)
      return { allowed: false, retryAt: decision.retryAt, retryAfterSeconds: decision.retryAfterSeconds };

    const row = db
      .insert(loginAttempts)
      .values({ email, client, succeeded: false, at: now.toISOString() })
      .returning({ id: loginAttempts.id })
      .get();
    return { allowed: true, attemptId: row.id };
  });
}

/** The password checked out: the attempt no longer counts as a failure. Earlier failures stay. */
export function recordSignInSuccess(attemptId: number): void {
  getDb().update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
}
