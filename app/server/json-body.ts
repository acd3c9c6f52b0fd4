import type { NextFunction, Request, Response } from "express";

// The scorecard's autosave (a fetcher posting JSON to a route's `?_data=` action) arrives every
// second from every interviewer. Read through Remix's request, its body goes node stream -> web
// ReadableStream -> undici's body reader, a chain of promises per chunk that cost more than the
// JSON itself. Here it is read straight off the socket instead, and its text handed to the action
// in the load context (`context.bodyText`); the action still parses and validates it. Only JSON
// data requests: a form post, a document request and any other body stay Remix's to read.

/** A fetcher's JSON submission: POST, `?_data=`, a JSON Content-Type. */
export function isJsonDataPost(req: Request): boolean {
  return (
    req.method === "POST" &&
    (req.headers["content-type"]?.includes("application/json") ?? false) &&
    req.url.includes("_data=")
  );
}

/**
 * Reads a JSON data post's body whole, as UTF-8 text, into `res.locals.bodyText`, then passes on.
 * Runs after limitRequestBody: a body over the limit has been answered with 413 and its stream
 * destroyed, so nothing more is done for it here; nor for a client that went away mid-body.
 */
export function readJsonDataBodies(req: Request, res: Response, next: NextFunction) {
  if (!isJsonDataPost(req) || res.headersSent) return next();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.once("end", () => {
    res.locals.bodyText = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8");
    next();
  });
  // The only errors a request stream has: the body limit's (413 sent already) or the client gone
  // (nobody to answer). Listened to all the same: an unheard 'error' would end the process.
  req.once("error", () => undefined);
  // limitRequestBody pauses a chunked body after adding its counter: start it flowing.
  req.resume();
}
