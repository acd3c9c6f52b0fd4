// The autosave section's two floors, each a bench server script in a child process of its own
// (autosave-noop-server.ts: a bare Remix action; autosave-raw-server.ts: node:http + the same SQLite
// transaction as one autosave), under the same load as the autosave action: the same seats, warm-up
// and measured run.
import type { ChildProcess } from "node:child_process";
import { resolve } from "node:path";

import { freePort } from "../support/server-process";
import type { AutosaveFixture, BenchInterviewer } from "./autosave-fixture";
import { MEASURE_SECONDS, seatsNow, WARMUP_SECONDS } from "./autosave-load";
import type { BenchContext } from "./bench-kit";
import { NOOP_PATH } from "./noop-route";
import { runInterviewerLoad, withCpu, type LoadResult } from "./interviewer-load";
import { assertAlive, spawnGroup, waitForOutput } from "./process-group";

interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Stops the server; throws if it had already exited (died under load). */
  stop(): Promise<void>;
}

/** Runs a bench server script (tests/bench/*-server.ts) like the app server: tsx, production, loopback, a process group of its own. */
export async function startBenchServer(
  root: string,
  script: string,
  env: Record<string, string>,
): Promise<ChildServer> {
  const port = await freePort();
  const group = spawnGroup(resolve(root, "node_modules/.bin/tsx"), [script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...env },
  });
  const stop = async () => {
    const died = group.alive() ? null : group.output();
    await group.stop("SIGTERM");
    if (died !== null) assertAlive(group.child, () => died);
  };
  try {
    await waitForOutput(group, `listening on ${port}`, script, 60_000);
  } catch (error) {
    await group.stop("SIGKILL");
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, child: group.child, stop, output: group.output };
}

async function loadFloor(
  context: BenchContext,
  fixture: AutosaveFixture,
  name: string,
  script: string,
  env: Record<string, string>,
  pathOf: (i: BenchInterviewer) => string,
): Promise<LoadResult> {
  const server = await startBenchServer(context.root, script, env);
  try {
    const runningSince = Date.now() - 600_000;
    const common = { rubricVersionId: fixture.rubricVersionId, runningSince };
    context.log(
      `autosave: ${name}: ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s measured, ${fixture.interviewers.length} connections…`,
    );
    await runInterviewerLoad(server.url, await seatsNow(fixture, pathOf), { ...common, seconds: WARMUP_SECONDS });
    const seats = await seatsNow(fixture, pathOf);
    const result = await withCpu(server.child.pid, () =>
      runInterviewerLoad(server.url, seats, { ...common, seconds: MEASURE_SECONDS }),
    );
    assertAlive(server.child, server.output);
    return result;
  } finally {
    await server.stop().catch((error: unknown) => context.log(`autosave: ${name}: ${String(error)}`));
  }
}

export const NOOP_SERVER_SCRIPT = "tests/bench/autosave-noop-server.ts";

/** The framework floor: a bare Remix resource-route action that does nothing, in the real build and createApp. */
export function loadFrameworkFloor(context: BenchContext, fixture: AutosaveFixture): Promise<LoadResult> {
  return loadFloor(context, fixture, "framework floor (bare Remix action)", NOOP_SERVER_SCRIPT, {}, () => NOOP_PATH);
}

/** The storage floor: a bare node:http handler doing the same SQLite transaction as one autosave. */
export function loadStorageFloor(context: BenchContext, fixture: AutosaveFixture): Promise<LoadResult> {
  return loadFloor(
    context,
    fixture,
    "storage floor (node:http + SQLite)",
    "tests/bench/autosave-raw-server.ts",
    { DATABASE_PATH: fixture.databasePath },
    (i) => `/save?interview=${i.interviewId}&user=${i.userId}`,
  );
}
