import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { NextFunction, Request, Response } from "express";

// The fingerprinted build (public/build) served compressed: each file is compressed on its first
// request, once per process, on the libuv thread pool (never on the event loop), and kept in
// memory. (Not all at start-up: on a busy 2-core machine that queued the first sign-ins' password
// hashing behind the compression on the thread pool.) A file never
// changes under its name, so the compressed copy never goes stale. Brotli at quality 9 (11 takes
// ~20x longer for ~7% less: 4 s for the largest chunk, too long to make a first visitor wait) and
// gzip at level 9 for clients without brotli. Requests without Accept-Encoding, and files that do
// not compress (images, fonts), fall through to express.static.

const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".map", ".json", ".svg", ".txt", ".html"]);
type Encoding = "br" | "gzip";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface Compressed {
  body: Buffer;
  etag: string;
}

function compress(data: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === "br"
    ? brotli(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      })
    : gzipAsync(data, { level: 9 });
}

export interface AssetCompressor {
  /** Express middleware for the folder's URL prefix (mount it with app.use(prefix, ...)). */
  middleware(req: Request, res: Response, next: NextFunction): void;
}

export function createAssetCompressor(folder: string, opts: { cacheControl: string }): AssetCompressor {
  const root = resolve(folder);
  const cache = new Map<string, Promise<Compressed | null>>();

  /** The compressed file, or null when there is no such file. */
  const compressed = (file: string, encoding: Encoding) => {
    const key = `${encoding}:${file}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = readFile(file).then(
        async (data) => {
          const body = await compress(data, encoding);
          return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
        },
        () => null,
      );
      // A missing file is not remembered: a rebuild (npm run dev) may add it.
      entry.then((found) => found ?? cache.delete(key)).catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  };

  const fileOf = (path: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return null;
    }
    if (decoded.includes("\0")) return null;
    const file = resolve(root, `.${decoded}`);
    return file.startsWith(root + sep) && COMPRESSIBLE.has(extname(file)) ? file : null;
  };

  return {
    middleware(req, res, next) {
      if ((req.method !== "GET" && req.method !== "HEAD") || !req.headers["accept-encoding"]) return next();
      const file = fileOf(req.path);
      // Brotli whenever it is accepted at all: browsers list gzip first ("gzip, deflate, br, zstd")
      // at the same weight, and a plain negotiation would then pick gzip.
      const encoding: Encoding | false = !file
        ? false
        : req.acceptsEncodings("br")
          ? "br"
          : req.acceptsEncodings("gzip")
            ? "gzip"
            : false;
      if (!file || !encoding) return next();
      compressed(file, encoding).then((found) => {
        if (!found) return next();
        res.vary("Accept-Encoding");
        res.type(extname(file));
        res.set({
          "Content-Encoding": encoding,
          "Content-Length": String(found.body.length),
          "Cache-Control": opts.cacheControl,
          ETag: found.etag,
        });
        if (req.fresh) return void res.status(304).end();
        res.status(200).end(req.method === "HEAD" ? undefined : found.body);
      }, next);
    },
  };
}
