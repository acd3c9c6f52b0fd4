import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

// Inputs of `remix build`: when any is newer than the server bundle, the build is stale.
const INPUTS = ["app", "db", "remix.config.js", "package-lock.json", "tsconfig.json"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The mode the server bundle was built in: `npm run dev` leaves a development build behind. */
function builtMode(serverBuild: string): string | null {
  return /\bvar mode = "(\w+)"/.exec(readFileSync(serverBuild, "utf8"))?.[1] ?? null;
}

export function isBuildStale(root: string, serverBuild: string): boolean {
  if (!existsSync(serverBuild) || !existsSync(join(root, "public/build"))) return true;
  if (builtMode(serverBuild) === "development") return true;
  const built = statSync(serverBuild).mtimeMs;
  return INPUTS.map((p) => join(root, p)).some((p) => existsSync(p) && newestMtime(p) > built);
}
