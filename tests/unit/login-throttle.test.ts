import { describe, expect, it } from "vitest";
import {
  decideLoginAttempt,
  decideSignIn,
  LOGIN_THROTTLE,
  SIGN_IN_THROTTLE,
  throttledMessage,
  windowStart,
} from "~/domain/login-throttle";

const MINUTE = 60_000;
const now = new Date("2025-03-01T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
/** `n` failures, one a minute, the latest `latestAgo` before now. */
const failures = (n: number, latestAgo = 0) => Array.from({ length: n }, (_, i) => ago(latestAgo + i * MINUTE));

describe("sign-in throttling rule", () => {
  it("is 5 failures within 15 minutes", () => {
    expect(LOGIN_THROTTLE).toEqual({ windowMs: 15 * MINUTE, maxFailures: 5 });
    expect(windowStart(now)).toEqual(ago(15 * MINUTE));
  });

  it("allows attempts up to 4 recent failures and refuses from the 5th", () => {
    for (let n = 0; n < 5; n++)
      expect(decideLoginAttempt(failures(n), now)).toEqual({ allowed: true, failuresInWindow: n });
    const refused = decideLoginAttempt(failures(5), now);
    expect(refused.allowed).toBe(false);
    expect(refused.failuresInWindow).toBe(5);
  });

  it("waits until the oldest of the last 5 failures leaves the window", () => {
    // Failures 0, 1, 2, 3, 4 minutes ago: the one 4 minutes ago leaves the window in 11 minutes.
    const decision = decideLoginAttempt(failures(5), now);
    expect(decision).toMatchObject({
      allowed: false,
      retryAt: new Date(now.getTime() + 11 * MINUTE),
      retryAfterSeconds: 11 * 60,
    });
  });

  it("counts only the most recent 5 when there are more, in any order and as ISO strings", () => {
    // 7 failures 0..6 minutes ago, shuffled: the 5th most recent is 4 minutes ago.
    const times = failures(7).map((d) => d.toISOString());
    const shuffled = [times[3], times[6], times[0], times[5], times[1], times[4], times[2]];
    expect(decideLoginAttempt(shuffled, now)).toMatchObject({
      allowed: false,
      failuresInWindow: 7,
      retryAfterSeconds: 11 * 60,
    });
  });

  it("ignores failures older than the window, including one exactly 15 minutes old", () => {
    const old = [ago(15 * MINUTE), ago(16 * MINUTE), ago(3 * 60 * MINUTE)];
    expect(decideLoginAttempt([...failures(4), ...old], now)).toEqual({ allowed: true, failuresInWindow: 4 });
    expect(decideLoginAttempt([...failures(4), ago(15 * MINUTE - 1)], now).allowed).toBe(false);
  });

  it("lets attempts through again once the window has passed (a fake clock moving on)", () => {
    const history = failures(5, 2 * MINUTE); // 2..6 minutes before `now`
    const decisionAt = (t: Date) => decideLoginAttempt(history, t);
    const retryAt = (decisionAt(now) as { retryAt: Date }).retryAt;
    expect(retryAt).toEqual(new Date(now.getTime() + 9 * MINUTE));
    expect(decisionAt(new Date(retryAt.getTime() - 1)).allowed).toBe(false);
    expect(decisionAt(retryAt)).toEqual({ allowed: true, failuresInWindow: 4 });
    expect(decisionAt(new Date(now.getTime() + 20 * MINUTE))).toEqual({ allowed: true, failuresInWindow: 0 });
  });

  it("rounds the wait up to whole seconds and never says 0", () => {
    const justUnder = [ago(15 * MINUTE - 1), ...failures(4)];
    expect(decideLoginAttempt(justUnder, now)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    const fraction = [ago(14 * MINUTE + 30_500), ...failures(4)]; // leaves the window in 29.5 s
    expect(decideLoginAttempt(fraction, now)).toMatchObject({ retryAfterSeconds: 30 });
  });

  it("takes another policy", () => {
    const policy = { windowMs: MINUTE, maxFailures: 2 };
    expect(decideLoginAttempt([ago(1000)], now, policy).allowed).toBe(true);
    expect(decideLoginAttempt([ago(1000), ago(2000)], now, policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 58,
    });
  });
});

describe("the throttled message", () => {
  it("says when to try again, in whole minutes rounded up", () => {
    expect(throttledMessage(11 * 60 + 1)).toBe("Too many failed sign-ins. Try again in 12 minutes.");
    expect(throttledMessage(12 * 60)).toBe("Too many failed sign-ins. Try again in 12 minutes.");
    expect(throttledMessage(61)).toMatch(/Try again in 2 minutes\.$/);
    expect(throttledMessage(60)).toMatch(/Try again in 1 minute\.$/);
    expect(throttledMessage(1)).toMatch(/Try again in 1 minute\.$/);
  });
});

describe("decideSignIn", () => {
  const now = new Date("2026-11-29T12:00:00Z");
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
  const times = (n: number, minutes = 1) => Array.from({ length: n }, () => ago(minutes));
  const none = {
    clientAccountFailures: [],
    clientFailures: [],
    accountFailuresFromUnknownClients: [],
    clientKnown: false,
  };

  it("allows below every limit", () => {
    expect(
      decideSignIn(
        {
          clientAccountFailures: times(4),
          clientFailures: times(9),
          accountFailuresFromUnknownClients: times(9),
          clientKnown: false,
        },
        now,
      ),
    ).toEqual({ allowed: true });
  });

  it("refuses per client and account at 5, per client at 10, per account from unknown clients at 10", () => {
    expect(decideSignIn({ ...none, clientAccountFailures: times(5) }, now)).toMatchObject({
      allowed: false,
      rule: "client_account",
    });
    expect(decideSignIn({ ...none, clientFailures: times(10) }, now)).toMatchObject({ allowed: false, rule: "client" });
    expect(decideSignIn({ ...none, accountFailuresFromUnknownClients: times(10) }, now)).toMatchObject({
      allowed: false,
      rule: "account",
    });
  });

  it("exempts a client the owner signed in from before from the account-wide limit only", () => {
    expect(decideSignIn({ ...none, accountFailuresFromUnknownClients: times(50), clientKnown: true }, now)).toEqual({
      allowed: true,
    });
    expect(decideSignIn({ ...none, clientFailures: times(10), clientKnown: true }, now)).toMatchObject({
      allowed: false,
      rule: "client",
    });
  });

  it("ignores failures older than the window, and waits for the rule that frees up last", () => {
    expect(decideSignIn({ ...none, clientAccountFailures: times(5, 16) }, now)).toEqual({ allowed: true });
    const both = decideSignIn({ ...none, clientAccountFailures: times(5, 10), clientFailures: times(10, 2) }, now);
    expect(both).toMatchObject({ allowed: false, rule: "client", retryAfterSeconds: 13 * 60 });
    expect(SIGN_IN_THROTTLE).toEqual({
      windowMs: 15 * MINUTE,
      perClientAccount: 5,
      perClient: 10,
      perAccountFromUnknownClients: 10,
    });
  });
});
