// Settings of the HTTP server read from the environment (see the README's configuration table).

/**
 * TRUST_PROXY, as Express's "trust proxy" setting: unset, "", "0" or "false" trusts no proxy (the
 * default: X-Forwarded-* are ignored); "true" trusts every hop; a whole number trusts that many hops;
 * anything else is Express's list form ("loopback", "10.0.0.0/8, 127.0.0.1", …).
 */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0" || text.toLowerCase() === "false") return false;
  if (text.toLowerCase() === "true") return true;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

/**
 * Whether `npm start` may seed the demo organisation: never when NODE_ENV=production was asked for
 * (a production database gets its first admin from `npm run user:create`), and not with SEED_DEMO=0.
 */
export function shouldSeedDemo(env: { NODE_ENV?: string; SEED_DEMO?: string }): boolean {
  return env.NODE_ENV !== "production" && env.SEED_DEMO !== "0";
}
