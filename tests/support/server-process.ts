// Starts the real server (`npm start`'s entry) as a child process, for browser and crash tests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { isBuildStale } from "../../app/server/build-freshness";

const root = resolve(import.meta.dirname, "../..");

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Builds once up front, so a server start never races a build. */
export function ensureBuild(): void {
  if (!isBuildStale(root, resolve(root, "build/index.js"))) return;
  // Vitest sets NODE_ENV=test, which would make a development build.
  const env = { ...process.env, NODE_ENV: "production" as const };
  const result = spawnSync(resolve(root, "node_modules/.bin/remix"), ["build"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) throw new Error("remix build failed");
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on("error", fail);
  });
}

export async function startServer(opts: {
  databasePath: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  // One process, not the tsx wrapper and a child: a SIGKILL must reach the server itself.
  // NODE_ENV left unset, as `npm start` is run (it then runs in production mode but may seed the
  // demo); pass NODE_ENV=production in opts.env for a deployment's start, which never seeds it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_PATH: opts.databasePath,
    ...opts.env,
  };
  if (opts.env?.NODE_ENV === undefined) delete (env as Record<string, string | undefined>).NODE_ENV;
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (output.includes("is running at")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
