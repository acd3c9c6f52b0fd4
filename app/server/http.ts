import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { limitRequestBody, MAX_BODY_BYTES, refusedForSize } from "./body-limit";
import type { AnswerAutosave } from "~/utils/scorecard-autosave.server";
import { answerAutosaves } from "./autosave-front";
import { createAssetCompressor } from "./compressed-assets";
import { refuseCrossSiteRequests } from "./cross-site";
import { readJsonDataBodies } from "./json-body";

export interface AppOptions {
  /**
   * Express's "trust proxy" setting: only when set are X-Forwarded-Host and X-Forwarded-Proto
   * believed. Off by default; set it (e.g. to "loopback" or a hop count) behind a reverse proxy.
   */
  trustProxy?: boolean | number | string | string[];
  /** The largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Handed to every loader and action as `context`. */
  loadContext?: AppLoadContext;
}

/**
 * A route that answers without reading the body (a sign-out, a refusal) leaves it unread, and a
 * kept-alive connection then stalls on the next request until it is reset: read it to the end.
 */
function drainUnreadBodies(req: Request, res: Response, next: NextFunction) {
  res.on("finish", () => {
    if (req.complete || req.destroyed) return;
    // Remix's body stream pauses the request whenever its own unread queue is full: detach it.
    req.removeAllListeners("data");
    req.resume();
  });
  next();
}

/** The methods the app answers: pages (GET, HEAD) and form posts (POST). No route uses another. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

/** TRACE, OPTIONS, PUT, PROPFIND…: 405 with the Allow header, before any route runs (not a 500). */
function refuseOtherMethods(req: Request, res: Response, next: NextFunction) {
  if (METHODS.has(req.method)) return next();
  res
    .status(405)
    .set("Allow", [...METHODS].join(", "))
    .type("text/plain")
    .send("Method not allowed");
}

// What every loader and action gets as `context`, declared once, here where it is built.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, for the inline scripts Remix renders. */
    cspNonce?: string;
    /** The client's IP address (Express's req.ip: X-Forwarded-For only with TRUST_PROXY). */
    clientAddress?: string;
    /**
     * A fetcher's JSON post (`?_data=`), its body already read as text by the HTTP front
     * (json-body.ts): the request's own body stream is then empty. Undefined for any other request.
     */
    bodyText?: string;
  }
}

/** A fresh nonce per response: scripts run only from this origin or with this response's nonce. */
function makeNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

const nonceOf = (_req: IncomingMessage, res: ServerResponse) =>
  `'nonce-${(res as Response).locals.cspNonce as string}'`;

/**
 * helmet's headers. The CSP allows scripts from this origin and Remix's inline scripts carrying the
 * nonce, never 'unsafe-inline' scripts; styles may be inline because recharts (and React's `style`
 * props) set style attributes. No framing at all (frame-ancestors 'none', X-Frame-Options DENY).
 * upgrade-insecure-requests is left out: the app is also served over plain http (localhost, or
 * behind a TLS proxy that talks http to it), where it would break every asset.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", nonceOf],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      // `npm run dev` reloads the page through the Remix dev server's websocket.
      connectSrc: process.env.NODE_ENV === "development" ? ["'self'", "ws://localhost:*"] : ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      scriptSrcAttr: ["'none'"],
    },
  },
  xFrameOptions: { action: "deny" },
  referrerPolicy: { policy: "same-origin" },
});

/**
 * Pages, loader data and public/ files compressed on the fly (brotli or gzip, as the client
 * accepts; zlib runs on the thread pool). Not form posts and autosaves: an action answers a few
 * hundred bytes of JSON or a redirect, which compression would cost more than it saves, and
 * skipping the middleware entirely keeps the autosave path free of its per-response wrapping.
 * The build's assets come compressed from createAssetCompressor (compression leaves an answer
 * that already has a Content-Encoding alone). The app streams nothing (no SSE, no deferred data),
 * so buffering by the compressor delays no partial answer.
 */
function compressResponses() {
  const compress = compression();
  return (req: Request, res: Response, next: NextFunction) =>
    req.method === "POST" ? next() : compress(req, res, next);
}

/**
 * The HTTP front of the app: methods other than GET, HEAD and POST get 405; cross-site state-changing requests are refused (403) and oversized
 * bodies cut off (413) before anything else; then the scorecard's autosave (autosave-front.ts), static
 * assets, and every other request to Remix.
 */
export function createApp(build: ServerBuild, options: AppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(drainUnreadBodies);
  app.use(refuseOtherMethods);
  app.use(makeNonce);
  app.use(securityHeaders);
  app.use(refuseCrossSiteRequests());
  app.use(limitRequestBody(options.maxBodyBytes ?? MAX_BODY_BYTES));
  app.use(readJsonDataBodies);
  // The scorecard's autosave, without Remix's routing; every other request goes on (autosave-front.ts).
  app.use(answerAutosaves((build.entry.module as { answerAutosave?: AnswerAutosave }).answerAutosave));
  app.use(compressResponses());
  // Fingerprinted by the Remix build, so they can be cached for good.
  const assets = createAssetCompressor("public/build", { cacheControl: "public, max-age=31536000, immutable" });
  app.use("/build", assets.middleware);
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  const remix = createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      ...options.loadContext,
      clientAddress: req.ip ?? "",
      cspNonce: res.locals.cspNonce as string,
      bodyText: res.locals.bodyText as string | undefined,
    }),
  });
  app.all("*", (req, res, next) =>
    // After a 413 mid-body the action fails reading it and Remix cannot send its answer: expected.
    remix(req, res, (error?: unknown) => (refusedForSize(res) ? undefined : next(error))),
  );
  return app;
}
