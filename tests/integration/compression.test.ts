// Compressed responses (issue #16) on the real HTTP front with the built app: the build's
// JavaScript and the pages come back brotli- or gzip-encoded when the client asks, with exactly
// the same content once decompressed, and unencoded when it does not ask; an autosave's small
// JSON reply is never compressed.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";
import { startBuiltApp } from "../support/fuzz-server";

let app: Awaited<ReturnType<typeof startBuiltApp>>;
let scripts: string[];

beforeAll(async () => {
  app = await startBuiltApp();
  const build = (await import(/* @vite-ignore */ pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  scripts = [build.assets.url, build.assets.entry.module, ...build.assets.entry.imports];
}, 300_000);
afterAll(() => app?.close());

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request; the body as the bytes received (no decompression). */
function fetchRaw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<RawReply>((done, fail) => {
    const req = httpRequest(
      `${app.base}${path}`,
      { method: opts.method ?? "GET", headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on("error", fail);
    req.end(opts.body);
  });
}

const decode = (reply: RawReply) =>
  reply.headers["content-encoding"] === "br"
    ? brotliDecompressSync(reply.body)
    : reply.headers["content-encoding"] === "gzip"
      ? gunzipSync(reply.body)
      : reply.body;
const CHROMIUM = "gzip, deflate, br, zstd";

describe("compressed responses", () => {
  it("the build's JavaScript: brotli for a browser, gzip without brotli, plain when not asked; same bytes", async () => {
    expect(scripts.length).toBeGreaterThan(1);
    for (const url of scripts) {
      const file = readFileSync(resolve("public", `.${url}`));
      const br = await fetchRaw(url, { headers: { "Accept-Encoding": CHROMIUM } });
      expect(br.status).toBe(200);
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers["content-type"]).toMatch(/javascript/);
      expect(br.headers.vary).toMatch(/Accept-Encoding/i);
      expect(br.headers["cache-control"]).toMatch(/immutable/);
      expect(Number(br.headers["content-length"])).toBe(br.body.length);
      if (file.length > 2000) expect(br.body.length).toBeLessThan(file.length / 2);
      expect(decode(br).equals(file)).toBe(true);

      const gz = await fetchRaw(url, { headers: { "Accept-Encoding": "gzip" } });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(decode(gz).equals(file)).toBe(true);

      const plain = await fetchRaw(url);
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.equals(file)).toBe(true);
    }
  });

  it("a revalidation with the ETag gets a 304, and a missing asset is still a 404", async () => {
    const first = await fetchRaw(scripts[1], { headers: { "Accept-Encoding": "br" } });
    const again = await fetchRaw(scripts[1], {
      headers: { "Accept-Encoding": "br", "If-None-Match": first.headers.etag! },
    });
    expect(again.status).toBe(304);
    const missing = await fetchRaw("/build/_shared/no-such-chunk.js", { headers: { "Accept-Encoding": CHROMIUM } });
    expect(missing.status).toBe(404);
    const outside = await fetchRaw("/build/..%2f..%2fpackage.json", { headers: { "Accept-Encoding": CHROMIUM } });
    expect(outside.status).toBe(404);
    expect(decode(outside).toString("utf8")).not.toContain('"name": "panel-scorecard"');
  });

  it("an HTML page: compressed when asked, the same document once decompressed, plain when not asked", async () => {
    // Each response has a fresh CSP nonce; everything else must be identical.
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');
    const br = await fetchRaw("/login", { headers: { "Accept-Encoding": CHROMIUM } });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const gz = await fetchRaw("/login", { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const plain = await fetchRaw("/login");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const html = withoutNonce(plain.body.toString("utf8"));
    expect(html).toContain("<html");
    expect(withoutNonce(decode(br).toString("utf8"))).toBe(html);
    expect(withoutNonce(decode(gz).toString("utf8"))).toBe(html);
  });

  it("an autosave's JSON reply is not compressed, even when the client accepts it", async () => {
    const me = await createUser();
    const interview = createInterview({ panel: [me] });
    const reply = await fetchRaw(
      `/interviews/${interview.id}/scorecard?_data=${encodeURIComponent("routes/interviews.$interviewId.scorecard")}`,
      {
        method: "POST",
        headers: {
          Cookie: await sessionCookieFor(me.id),
          "Content-Type": "application/json",
          "Accept-Encoding": CHROMIUM,
          Origin: app.base,
        },
        body: JSON.stringify({
          intent: "save",
          baseRevision: 0,
          rubricVersionId: 1,
          ratings: { ownership: 3 },
          redFlags: [],
          star: [],
          recommendation: null,
          notes: [],
        }),
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(reply.body.toString("utf8"))).toMatchObject({ autosave: true, kind: "saved", revision: 1 });
  });
});
