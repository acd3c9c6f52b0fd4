import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

/** The HTTP front of the app: static assets, then every other request to Remix. */
export function createApp(build: ServerBuild) {
  const app = express();
  app.disable("x-powered-by");
  // Fingerprinted by the Remix build, so they can be cached for good.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  return app;
}
