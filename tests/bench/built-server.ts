// The real built server (`npm start`'s entry, app/server/start.ts) as a child process on 127.0.0.1,
// and signing in to it: what the autosave fixture and the large database's server (big-server.ts)
// both start.
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

import { isBuildStale } from "../../app/server/build-freshness";
import { freePort, type RunningServer } from "../support/server-process";
import type { BenchContext } from "./bench-kit";
import { spawnGroup, waitForOutput } from "./process-group";

export const SERVER_SCRIPT = "app/server/start.ts";

/** Rebuilds a missing or stale build, its output on stderr (stdout is the report's under --json). */
export function ensureCurrentBuild(context: BenchContext): void {
  const serverBuild = join(context.root, "build/index.js");
  // Stale only: with --build the js section has just rebuilt.
  if (!isBuildStale(context.root, serverBuild)) return;
  context.log("bench: the build is missing or older than the source: running remix build…");
  const result = spawnSync(join(context.root, "node_modules/.bin/remix"), ["build"], {
    cwd: context.root,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", 2, 2],
  });
  if (result.status !== 0) throw new Error("remix build failed");
}

/**
 * The real server (`tsx app/server/start.ts`, production, 127.0.0.1) on `databasePath`, in a process
 * group of its own. `env` is added to its environment.
 */
export async function startAppServer(
  root: string,
  databasePath: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const group = spawnGroup(resolve(root, "node_modules/.bin/tsx"), [SERVER_SCRIPT], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      ...env,
    },
  });
  try {
    await waitForOutput(group, "is running at", "the server", 120_000);
  } catch (error) {
    await group.stop("SIGKILL");
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child: group.child,
    output: group.output,
    stop: (signal) => group.stop(signal),
  };
}

export async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
    signal: AbortSignal.timeout(120_000), // patient: the machine may be busy with other work
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie)
    throw new Error(`sign-in of ${email} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return cookie;
}
