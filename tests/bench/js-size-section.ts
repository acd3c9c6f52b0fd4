// Bench section "js": the gzipped JavaScript a page loads, from the Remix (classic compiler) build
// manifest, public/build/manifest-*.js. Each file is gzipped on its own (as a server sends it) and
// the sizes summed; each page is read against "bare" (entry + root): what it adds to the shell every
// page pays. Two figures per page:
// - js_kb_gz.<page>: what the page loads before it runs, the scripts its HTML names: the manifest
//   itself, the entry module and its imports, and the module and imports of every route from root
//   down to the page's route.
// - js_kb_gz_all.<page>: that plus every chunk its code can fetch later by import() (and what those
//   chunks import), followed to the end. A page need not fetch them all, but the scorecard preloads
//   every one of its own once it is up (preload-parts.ts) and the overview draws its chart as it
//   comes into view, so a chunk moved out of the first figure still shows here.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { isBuildStale } from "../../app/server/build-freshness";
import { round, type BenchContext, type BenchSection, type Figure } from "./bench-kit";

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
export interface RemixManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
  url: string;
}

/** The pages measured: a name and the route id it renders (null: the shell alone). */
export const PAGES: readonly { name: string; routeId: string | null }[] = [
  { name: "bare", routeId: null },
  { name: "scorecard", routeId: "routes/interviews.$interviewId.scorecard" },
  { name: "interviews", routeId: "routes/interviews._index" },
  // The dashboard's overview: routes/calibration._index under its parent routes/calibration.
  { name: "calibration", routeId: "routes/calibration._index" },
];

export function ensureBuild(context: BenchContext): void {
  const missing = !existsSync(join(context.root, "public/build"));
  // A stale build is rebuilt too: the server sections of the same run would rebuild it before
  // loading it, and every figure of a run should be of the same code.
  const stale = !missing && isBuildStale(context.root, join(context.root, "build/index.js"));
  if (!missing && !stale && !context.build) return;
  context.log(
    `js: ${missing ? "public/build is missing: " : stale ? "the build is older than the source: " : ""}running remix build…`,
  );
  // Vitest or a shell may have set NODE_ENV; the figures are for the production build.
  const result = spawnSync(join(context.root, "node_modules/.bin/remix"), ["build"], {
    cwd: context.root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", 2, 2], // the build's output goes to stderr: stdout is the report's
  });
  if (result.status !== 0) throw new Error("remix build failed");
}

/** The newest public/build/manifest-*.js, parsed. */
export function readManifest(root: string): RemixManifest {
  const dir = join(root, "public/build");
  const newest = readdirSync(dir)
    .filter((name) => /^manifest-[A-Za-z0-9]+\.js$/.test(name))
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0];
  if (!newest) throw new Error(`no manifest-*.js in ${dir}`);
  const text = readFileSync(join(dir, newest.name), "utf8");
  const json = text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "");
  return JSON.parse(json) as RemixManifest;
}

/** Every script URL a page of `routeId` loads (null: entry and root only), or null when the route is not built. */
export function scriptsOf(manifest: RemixManifest, routeId: string | null): string[] | null {
  const chain: ManifestRoute[] = [];
  let id: string | undefined = routeId ?? "root";
  while (id !== undefined) {
    const route: ManifestRoute | undefined = manifest.routes[id];
    if (!route) return null;
    chain.unshift(route);
    id = route.parentId;
  }
  const urls = [manifest.url, manifest.entry.module, ...(manifest.entry.imports ?? [])];
  for (const route of chain) urls.push(route.module, ...(route.imports ?? []));
  return [...new Set(urls)];
}

const BUILD_URL = /(?:from\s*|import\s*\(?\s*)"(\/build\/[^"]+\.js)"/g;

/** The chunks the scripts `urls` can fetch later by import(), with their own imports, not among `urls`. */
export function laterScriptsOf(root: string, urls: readonly string[]): string[] {
  const seen = new Set(urls);
  const later: string[] = [];
  const visit = (url: string) => {
    for (const match of readFileSync(join(root, "public", url), "utf8").matchAll(BUILD_URL)) {
      if (seen.has(match[1])) continue;
      seen.add(match[1]);
      later.push(match[1]);
      visit(match[1]);
    }
  };
  // The manifest names every route's module as data ("module":"/build/…"), which BUILD_URL does not match.
  urls.forEach(visit);
  return later;
}

/** Gzipped kB of the page's scripts, each file gzipped on its own. */
export function gzippedKb(root: string, urls: readonly string[]): number {
  let bytes = 0;
  for (const url of urls) bytes += gzipSync(readFileSync(join(root, "public", url))).length;
  return bytes / 1024;
}

export const jsSizeSection: BenchSection = {
  name: "js",
  async measure(context) {
    ensureBuild(context);
    const manifest = readManifest(context.root);
    return PAGES.flatMap(({ name, routeId }): Figure[] => {
      const urls = scriptsOf(manifest, routeId);
      if (urls === null) context.log(`js: route "${routeId}" is not in the build manifest: ${name} is null`);
      const later = urls === null ? [] : laterScriptsOf(context.root, urls);
      const notBuilt = `${routeId} not built`;
      return [
        {
          key: `js_kb_gz.${name}`,
          value: urls === null ? null : round(gzippedKb(context.root, urls), 1),
          unit: "kB",
          note:
            urls === null
              ? notBuilt
              : `${urls.length} files${routeId ? `, ${routeId}` : ", manifest + entry + root"}, before it runs`,
          baseline: routeId === null ? undefined : { key: "js_kb_gz.bare", ratioKey: `js_vs_bare.${name}` },
        },
        {
          key: `js_kb_gz_all.${name}`,
          value: urls === null ? null : round(gzippedKb(context.root, [...urls, ...later]), 1),
          unit: "kB",
          note: urls === null ? notBuilt : `those and ${later.length} chunks it can import() later`,
          baseline: routeId === null ? undefined : { key: "js_kb_gz_all.bare", ratioKey: `js_all_vs_bare.${name}` },
        },
      ];
    });
  },
};
