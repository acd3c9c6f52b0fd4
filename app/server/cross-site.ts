// Refuses state-changing requests that a browser sent on behalf of another site (CSRF), from the
// headers browsers set and pages cannot forge: Origin and Sec-Fetch-Site.
import type { Request, RequestHandler } from "express";

/** Request headers as Node gives them (lower-case names) or as a fetch `Headers`. */
export type RequestHeaders = Headers | Record<string, string | string[] | undefined>;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function header(headers: RequestHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Whether `origin` (an Origin header) is this very host: same host name and port. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const from = new URL(origin);
    // An Origin header is a bare serialized origin; "null" (opaque), lists and paths are not ours.
    if (from.origin !== origin.trim().toLowerCase() || (from.protocol !== "http:" && from.protocol !== "https:"))
      return false;
    // The Host header read with the origin's scheme, so default ports compare equal ("h" == "h:443").
    const own = new URL(`${from.protocol}//${host}`);
    if (own.username || own.password || own.pathname !== "/" || own.search || own.hash) return false;
    return from.host === own.host;
  } catch {
    return false;
  }
}

/**
 * True when a state-changing request (any method but GET, HEAD and OPTIONS) comes from another
 * site: its Origin names another host than `host` (the request's own Host), or its
 * Sec-Fetch-Site is `cross-site`, or it is `same-site` (a sibling subdomain) without an Origin
 * that is this host. Requests with neither header (curl, old browsers, no-JS clients that omit
 * them) pass: browsers always send Origin on cross-origin POSTs, so a missing one is not a browser
 * being used against us. The scheme is not compared: behind a TLS-terminating proxy the request
 * arrives over http while the page's origin is https.
 */
export function isCrossSiteRequest(method: string, headers: RequestHeaders, host: string | undefined): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const origin = header(headers, "origin");
  const ownOrigin = origin === undefined ? undefined : isOwnOrigin(origin, host);
  if (ownOrigin === false) return true;
  const site = header(headers, "sec-fetch-site")?.trim().toLowerCase();
  if (site === "cross-site") return true;
  if (site === "same-site" && ownOrigin !== true) return true;
  return false;
}

/** Whether the app trusts X-Forwarded-* from this request's peer (the express "trust proxy" setting). */
function trustsProxy(req: Request): boolean {
  const trust = req.app.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  return trust ? trust(req.socket.remoteAddress, 0) : false;
}

/** The host (with port) the client addressed: X-Forwarded-Host only from a trusted proxy. */
export function requestHost(req: Request): string | undefined {
  const forwarded = trustsProxy(req) ? header(req.headers, "x-forwarded-host")?.split(",")[0].trim() : undefined;
  return forwarded || req.headers.host;
}

export const CROSS_SITE_MESSAGE =
  "Cross-site request refused: this can only be submitted from Panel Scorecard's own pages.";

/**
 * Express middleware: answers cross-site state-changing requests with 403 before anything else
 * runs. Remix 2's own origin check would answer them with a bare 500 after routing.
 *
 * An X-Forwarded-Host the app does not trust is removed, so that the Remix request URL and Remix's
 * own origin check see the same host this check did (both read X-Forwarded-Host unconditionally).
 */
export function refuseCrossSiteRequests(): RequestHandler {
  return (req, res, next) => {
    if (req.headers["x-forwarded-host"] !== undefined && !trustsProxy(req)) delete req.headers["x-forwarded-host"];
    if (!isCrossSiteRequest(req.method, req.headers, requestHost(req))) return next();
    res.status(403).type("text/plain").set("Cache-Control", "no-store").send(CROSS_SITE_MESSAGE);
  };
}
