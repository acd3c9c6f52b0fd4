import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import { limitRequestBody, MAX_BODY_BYTES, refusedForSize } from "./body-limit";
import { refuseCrossSiteRequests } from "./cross-site";

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
  res.status(405).set("Allow", [...METHODS].join(", ")).type("text/plain").send("Method not allowed");
}

/**
 * The HTTP front of the app: methods other than GET, HEAD and POST get 405; cross-site state-changing requests are refused (403) and oversized
 * bodies cut off (413) before anything else; then static assets; then every other request to Remix.
 */
export function createApp(build: ServerBuild, options: AppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(drainUnreadBodies);
  app.use(refuseOtherMethods);
  app.use(refuseCrossSiteRequests());
  app.use(limitRequestBody(options.maxBodyBytes ?? MAX_BODY_BYTES));
  // Fingerprinted by the Remix build, so they can be cached for good.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  const remix = createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ ...options.loadContext, clientAddress: req.ip ?? "" }) });
  app.all("*", (req, res, next) =>
    // After a 413 mid-body the action fails reading it and Remix cannot send its answer: expected.
    remix(req, res, (error?: unknown) => (refusedForSize(res) ? undefined : next(error))),
  );
  return app;
}
