// One raw HTTP request, with full control of the headers (fetch adds and forbids some).
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTP request with full control of the headers (fetch adds and forbids some). `chunks` are
 * written one by one without a Content-Length, so they go chunked. Resolves on the response even
 * if the server closed the connection while the body was still being sent.
 */
export function send(
  base: string,
  method: string,
  path: string,
  opts: {
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: (string | Buffer)[];
    leaveOpen?: boolean;
  } = {},
): Promise<Reply> {
  return new Promise((done, fail) => {
    let answered = false;
    const req = httpRequest(`${base}${path}`, { method, headers: opts.headers, agent: false }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, text }));
      res.on("error", () => done({ status: res.statusCode!, headers: res.headers, text }));
      if (opts.leaveOpen) res.on("end", () => req.destroy());
    });
    req.on("error", (error) => {
      if (!answered) fail(error);
    });
    if (opts.chunks) {
      const chunks = [...opts.chunks];
      const writeMore = () => {
        while (chunks.length) {
          if (req.destroyed) return;
          if (!req.write(chunks.shift()!)) return void req.once("drain", writeMore);
        }
        req.end();
      };
      writeMore();
    } else if (opts.leaveOpen) {
      if (opts.body !== undefined) req.write(opts.body);
    } else {
      req.end(opts.body);
    }
  });
}
