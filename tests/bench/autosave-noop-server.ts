// The framework floor of the "autosave" bench section: the real Remix build served by the app's own
// createApp (the same express app, middleware and Remix request handler as `npm start`), plus one
// resource route whose action does nothing. Run as a child process by autosave-floors.ts:
//   PORT=... NODE_ENV=production tsx tests/bench/autosave-noop-server.ts
// Prints "listening on PORT" once it accepts connections.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { json, type ServerBuild } from "@remix-run/node";

import { createApp } from "../../app/server/http";
import { NOOP_PATH, NOOP_ROUTE_ID } from "./noop-route";

const root = resolve(import.meta.dirname, "../..");
process.chdir(root); // express.static serves public/ relative to the working directory, as in `npm start`

const real = (await import(pathToFileURL(resolve(root, "build/index.js")).href)) as ServerBuild;

// A classic-compiler ServerBuild is the build module's namespace; its `routes` is a plain record of
// { id, parentId, path, index, caseSensitive, module }. A copy of the build with one more entry is
// a build Remix serves like any other: createRequestHandler derives its route tree from `routes`.
// No default export and no ErrorBoundary: a resource route, so Remix calls the action and returns
// its Response as it is (no parent loaders, no document render).
const noopModule = { action: () => json({ ok: true }) };
const build: ServerBuild = {
  ...real,
  routes: {
    ...real.routes,
    [NOOP_ROUTE_ID]: {
      id: NOOP_ROUTE_ID,
      parentId: "root",
      path: NOOP_PATH.slice(1),
      index: undefined,
      caseSensitive: undefined,
      module: noopModule as unknown as ServerBuild["routes"][string]["module"],
    },
  },
};

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("PORT must be set");
const server = createApp(build).listen(port, "127.0.0.1", () => console.log(`listening on ${port}`));
process.once("SIGTERM", () => {
  server.closeAllConnections();
  process.exit(0);
});
