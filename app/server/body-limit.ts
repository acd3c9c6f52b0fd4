// Refuses request bodies over a size limit with 413, without buffering the bodies it lets through:
// Remix reads the request stream itself, after this middleware.
import type { RequestHandler, Response } from "express";

export const MAX_BODY_BYTES = 1024 * 1024;

function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

export function tooLargeMessage(limit: number): string {
  return `Request body too large: the limit is ${describeBytes(limit)}.`;
}

/** What a reader of a refused body (the Remix action) sees instead of the rest of it. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(limit: number) {
    super(tooLargeMessage(limit));
    this.name = "BodyTooLargeError";
  }
}

const refused = new WeakSet<Response>();

/**
 * Whether this response was answered with 413 by the body limit. A handler that was already
 * reading the body then fails, and can no longer answer: its error is expected, not a fault.
 */
export function refusedForSize(res: Response): boolean {
  return refused.has(res);
}

function sendTooLarge(res: Response, limit: number): void {
  refused.add(res);
  if (res.headersSent) return;
  // The rest of the body is unwanted: close the connection instead of reading it to reuse the connection.
  res
    .status(413)
    .set({ Connection: "close", "Cache-Control": "no-store" })
    .type("text/plain")
    .send(tooLargeMessage(limit));
}

/**
 * Express middleware limiting request bodies to `limit` bytes (1 MB by default):
 * - a Content-Length over the limit is refused with 413 at once, before any of the body is read
 *   (Node's parser never delivers more than the Content-Length, and refuses malformed ones);
 * - a body without one (chunked) is counted as it streams past; when it grows over the limit the
 *   client gets 413 and the request stream is destroyed with a BodyTooLargeError, so whoever reads
 *   it sees an error and never a truncated body that looks complete.
 *
 * Counting uses a 'data' listener added before any reader's, and pauses the stream again at once
 * (a 'data' listener would otherwise start it flowing before the reader is there). Readers that
 * pipe, resume or pull (Remix's stream adapter resumes when it wants data) are unaffected; one that
 * only adds a 'data' listener must call resume(), as after any pause().
 */
export function limitRequestBody(limit = MAX_BODY_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (Number(declared) > limit) return sendTooLarge(res, limit);
      return next();
    }
    if (req.headers["transfer-encoding"] === undefined) return next(); // no body at all

    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return;
      req.off("data", count);
      sendTooLarge(res, limit);
      // At once, so the stream can no longer end normally: its reader gets this error instead.
      req.destroy(new BodyTooLargeError(limit));
    };
    req.on("data", count);
    req.pause();
    next();
  };
}
