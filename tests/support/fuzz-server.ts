// The real HTTP front (app/server/http.ts) with the real Remix build, in-process on a free port,
// over this test file's own database (as security.test.ts runs it).
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "~/server/http";
import { ensureBuild } from "./server-process";

/** `adapt`: the build as served, e.g. with one of its entry's exports replaced. */
export async function startBuiltApp(
  adapt: (build: ServerBuild) => ServerBuild = (build) => build,
): Promise<{ base: string; close: () => Promise<void> }> {
  ensureBuild();
  const build = (await import(/* @vite-ignore */ pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  const server: Server = createApp(adapt(build)).listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
