// Where a place in the built browser bundle (public/build, minified) comes from in the source, through
// the build's source maps when there are any (`npx remix build --sourcemap`; the .map files stay in
// public/build, which is not committed). Shared by the typing profilers.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SourceMap } from "node:module";

export interface BuildPlace {
  /** The source file (node_modules/… or app/…) and 1-based line, or the bundle's path without a map. */
  file: string;
  line: number;
  /** The original identifier at that place, when the map names one. */
  name: string | null;
  /** The source line's text, when the map carries the sources. */
  text: string | null;
}

/** A locator over the build in `root`: (url, 0-based line, 0-based column) → source place, or null outside /build/. */
export function buildSourceLocator(root: string) {
  const maps = new Map<string, SourceMap | null>();
  return (url: string, lineNumber: number, columnNumber: number): BuildPlace | null => {
    const path = url.replace(/^https?:\/\/[^/]+/, "");
    if (!path.startsWith("/build/")) return null;
    if (!maps.has(path)) {
      const file = join(root, "public", `${path}.map`);
      maps.set(path, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, "utf8"))) : null);
    }
    const map = maps.get(path);
    if (!map) return { file: path, line: lineNumber + 1, name: null, text: null };
    const entry = map.findEntry(lineNumber, columnNumber) as {
      originalSource?: string;
      originalLine?: number;
      name?: string;
    };
    const payload = map.payload as { sources: string[]; sourcesContent?: (string | null)[] };
    const index = entry.originalSource ? payload.sources.indexOf(entry.originalSource) : -1;
    const content = index >= 0 ? payload.sourcesContent?.[index] : null;
    return {
      file: (entry.originalSource ?? path).replace(/^.*?(node_modules\/|app\/)/, "$1"),
      line: (entry.originalLine ?? lineNumber) + 1,
      name: entry.name ?? null,
      text: content ? (content.split("\n")[entry.originalLine ?? 0]?.trim() ?? null) : null,
    };
  };
}
