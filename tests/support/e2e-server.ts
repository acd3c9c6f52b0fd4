// Global setup of the browser tests: the built app on a throwaway database with the demo data.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureBuild, startServer } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
  }
}

export default async function setup(project: TestProject) {
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), "panel-scorecard-e2e-"));
  const databasePath = join(dir, "e2e.db");
  const server = await startServer({ databasePath, env: { SESSION_SECRET: "e2e-secret" } });
  project.provide("baseURL", server.url);
  project.provide("databasePath", databasePath);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
