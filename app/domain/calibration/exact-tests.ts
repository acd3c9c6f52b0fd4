// Exact tests and intervals for counts (k of n), where a normal approximation would mislead on the
// small numbers a lead's loop sees (2 of 7 scorecards amended, 1 of 5 debriefs against the decision).

// log(n!) memoised: the tests below sum many binomial coefficients.
const logFactorials: number[] = [0];
function lf(n: number): number {
  while (logFactorials.length <= n)
    logFactorials.push(logFactorials[logFactorials.length - 1] + Math.log(logFactorials.length));
  return logFactorials[n];
}

const logChoose = (n: number, k: number) => lf(n) - lf(k) - lf(n - k);

/**
 * P(X >= k) for X ~ Binomial(n, p). Summed outward from the largest term in [k, n] (one exp), each
 * neighbour from the last by the ratio of binomial terms, until the terms no longer change the sum:
 * a Clopper–Pearson interval asks for ~120 tails, and the dashboard for one interval per
 * interviewer and effect, where an exp per term over a few hundred scorecards each took seconds.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.max(k, Math.floor((n + 1) * p)));
  const peak = Math.exp(logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  let sum = peak;
  // Upward: term(x + 1) = term(x) * (n - x) / (x + 1) * odds; the terms only shrink past the mode.
  for (let x = mode, term = peak; x < n; x++) {
    term *= ((n - x) / (x + 1)) * odds;
    if (term <= sum * Number.EPSILON * 0.5) break;
    sum += term;
  }
  // Downward to k (only when the mode is above k): term(x - 1) = term(x) * x / (n - x + 1) / odds.
  for (let x = mode, term = peak; x > k; x--) {
    term *= x / (n - x + 1) / odds;
    if (term <= sum * Number.EPSILON * 0.5) break;
    sum += term;
  }
  return Math.min(1, sum);
}

/** Bisection for the p in (0, 1) where an increasing function of p crosses `target`. */
function solveIncreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Clopper–Pearson exact interval for a proportion k/n (Clopper & Pearson 1934): the p values
 * at which k or more (lower bound) and k or fewer (upper bound) successes have probability α/2.
 * R: binom.test(k, n)$conf.int.
 */
export function clopperPearson(k: number, n: number, level = 0.95): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const alpha = 1 - level;
  const low = k === 0 ? 0 : solveIncreasing((p) => binomialUpperTail(k, n, p), alpha / 2);
  // P(X <= k) = 1 − P(X >= k + 1) decreases in p; solve 1 − that = 1 − α/2.
  const high = k === n ? 1 : solveIncreasing((p) => binomialUpperTail(k + 1, n, p), 1 - alpha / 2);
  return { low, high };
}

/**
 * Fisher's exact test, one-sided: is the first group's rate (k1 of n1) higher than the second's
 * (k2 of n2)? The probability, with the margins fixed, of a first-group count of k1 or more
 * (hypergeometric). R: fisher.test(matrix(c(k1, n1 - k1, k2, n2 - k2), 2), alternative = "greater").
 */
export function fisherExactGreater(k1: number, n1: number, k2: number, n2: number): number {
  const successes = k1 + k2;
  const total = n1 + n2;
  if (n1 === 0 || n2 === 0) return 1;
  const top = Math.min(n1, successes);
  const logDenominator = logChoose(total, n1);
  let p = 0;
  for (let x = k1; x <= top; x++) {
    if (successes - x > n2) continue;
    p += Math.exp(logChoose(successes, x) + logChoose(total - successes, n1 - x) - logDenominator);
  }
  return Math.min(1, p);
}
