// Bench section "wire": the JavaScript bytes a browser actually receives for each page of the
// "js" section (js-size-section.ts's PAGES and manifest walk), from the app's real HTTP front
// (createApp with the real build, in this process on a free loopback port) asked as Chromium
// asks: Accept-Encoding "gzip, deflate, br, zstd". The body bytes of each script as received
// (compressed), summed per page; read beside the js section's offline gzip estimate of the same
// files (js_kb_gz.<page>). Headers are not counted. Each script is fetched twice and the second
// answer counted: the server compresses a file on its first request (or at start-up), so the
// first may still be in flight on a cold server; both are the same bytes.
import { once } from "node:events";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

import { createApp } from "../../app/server/http";
import { round, type BenchSection, type Figure } from "./bench-kit";
import { ensureCurrentBuild } from "./built-server";
import { PAGES, readManifest, scriptsOf } from "./js-size-section";

const CHROMIUM_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

function bytesReceived(base: string, url: string): Promise<{ bytes: number; encoding: string; status: number }> {
  return new Promise((done, fail) => {
    const req = request(`${base}${url}`, { headers: { "Accept-Encoding": CHROMIUM_ACCEPT_ENCODING } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () =>
        done({ bytes, encoding: String(res.headers["content-encoding"] ?? "identity"), status: res.statusCode! }),
      );
    });
    req.on("error", fail);
    req.end();
  });
}

export const jsWireSection: BenchSection = {
  name: "wire",
  async measure(context) {
    ensureCurrentBuild(context);
    const previous = process.cwd();
    process.chdir(context.root); // createApp serves public/ relative to the working directory, as npm start does
    const build = (await import(pathToFileURL(join(context.root, "build/index.js")).href)) as ServerBuild;
    const server = createApp(build).listen(0, "127.0.0.1");
    try {
      await once(server, "listening");
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const manifest = readManifest(context.root);
      const figures: Figure[] = [];
      for (const { name, routeId } of PAGES) {
        const urls = scriptsOf(manifest, routeId);
        let bytes = 0;
        const encodings = new Set<string>();
        for (const url of urls ?? []) {
          await bytesReceived(base, url);
          const answer = await bytesReceived(base, url);
          if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}`);
          bytes += answer.bytes;
          encodings.add(answer.encoding);
        }
        figures.push({
          key: `js_kb_wire.${name}`,
          value: urls === null ? null : round(bytes / 1024, 1),
          unit: "kB",
          note:
            urls === null
              ? `${routeId} not built`
              : `${urls.length} scripts as received with Accept-Encoding "${CHROMIUM_ACCEPT_ENCODING}" (${[...encodings].join(", ")}), body bytes`,
          baseline: { key: `js_kb_gz.${name}`, ratioKey: `js_wire_vs_gz.${name}` },
        });
      }
      context.log(
        `wire: ${figures.map((f) => `${f.key.slice("js_kb_wire.".length)} ${f.value ?? "n/a"} kB`).join(", ")} received`,
      );
      return figures;
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      process.chdir(previous);
    }
  },
};
