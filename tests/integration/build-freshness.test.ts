// `npm start` rebuilds when the build is missing, older than the source, or left behind by `npm run dev`.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isBuildStale } from "~/server/build-freshness";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function checkout(mode: string): string {
  root = mkdtempSync(join(tmpdir(), "build-freshness-"));
  mkdirSync(join(root, "app"));
  mkdirSync(join(root, "build"));
  mkdirSync(join(root, "public/build"), { recursive: true });
  writeFileSync(join(root, "app/root.tsx"), "export default null;\n");
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, "app/root.tsx"), past, past);
  utimesSync(join(root, "app"), past, past);
  const serverBuild = join(root, "build/index.js");
  writeFileSync(serverBuild, `var mode = "${mode}", assetsBuildDirectory = "public/build";\n`);
  return serverBuild;
}

describe("isBuildStale", () => {
  it("keeps a production build newer than its source", () => {
    const serverBuild = checkout("production");
    expect(isBuildStale(root, serverBuild)).toBe(false);
  });

  it("rebuilds a development build, however new", () => {
    const serverBuild = checkout("development");
    expect(isBuildStale(root, serverBuild)).toBe(true);
  });

  it("rebuilds when a source file is newer than the build", () => {
    const serverBuild = checkout("production");
    writeFileSync(join(root, "app/root.tsx"), "export default 1;\n");
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, "app/root.tsx"), future, future);
    expect(isBuildStale(root, serverBuild)).toBe(true);
  });

  it("rebuilds when there is no build", () => {
    const serverBuild = checkout("production");
    rmSync(serverBuild);
    expect(isBuildStale(root, serverBuild)).toBe(true);
  });
});
