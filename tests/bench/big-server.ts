// The server the autosave, interference and dashboard sections measure: the real built server
// (`npm start`'s entry, app/server/start.ts, a child process on 127.0.0.1) on the large database of
// big-database.ts in a temporary folder, with the event-loop probe (event-loop-probe.mjs) preloaded
// through NODE_OPTIONS, 50 interviewers and one lead signed in. Built and started once per bench run
// by whichever of those sections runs first (bigServer), stopped at the end via context.defer.
//
// Children are started in a process group of their own (detached) and stopped by signalling the
// group: the tsx CLI runs the server in a node child of its own, which a SIGKILL to tsx alone
// would leave running. SIGTERM first (tsx relays it, the server exits), SIGKILL to the group after
// 5 s, and a SIGKILL to the group if the bench process exits with the child still up.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { isBuildStale } from "../../app/server/build-freshness";
import { freePort, type RunningServer } from "../support/server-process";
import type { AutosaveFixture, BenchInterviewer } from "./autosave-section";
import type { BenchContext } from "./bench-kit";
import { BIG_SIZE, type BigDatabase } from "./big-database";
import { buildOrCopyBigDatabase } from "./big-database-cache";

export const SEATS = 50;
const SESSION_SECRET = "bench-big-server-session-secret";
const SERVER_SCRIPT = "app/server/start.ts";

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

export interface GroupProcess {
  child: ChildProcess;
  output(): string;
  /** True while the child has not exited. */
  alive(): boolean;
  /** SIGTERM to the process group, SIGKILL to it after `graceMs`; resolves once the child has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Spawns `command` in a process group of its own, output captured (never on the bench's stdout). */
export function spawnGroup(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): GroupProcess {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.on("exit", onExit);
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    alive,
    stop: async (signal = "SIGTERM", graceMs = 5_000) => {
      if (child.pid === undefined) return;
      killGroup(signal);
      const killer = setTimeout(() => killGroup("SIGKILL"), graceMs);
      await exited;
      // tsx has gone; its node child may take a moment longer.
      for (let k = 0; k < 50 && groupAlive(); k++) await new Promise((done) => setTimeout(done, 100));
      if (groupAlive()) killGroup("SIGKILL");
      clearTimeout(killer);
      process.off("exit", onExit);
    },
  };
}

/** Waits until the child's output includes `text`; fails if it exits first or `timeoutMs` passes. */
export function waitForOutput(
  processGroup: GroupProcess,
  text: string,
  what: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((ready, fail) => {
    const { child } = processGroup;
    const check = () => {
      if (!processGroup.output().includes(text)) return;
      finish();
      ready();
    };
    const exit = (code: number | null) => {
      finish();
      fail(new Error(`${what} exited with ${code}:\n${processGroup.output().slice(-4000)}`));
    };
    const timer = setTimeout(() => {
      finish();
      fail(new Error(`${what} did not start in ${timeoutMs / 1000} s:\n${processGroup.output().slice(-4000)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      child.stdout!.off("data", check);
      child.stderr!.off("data", check);
      child.off("exit", exit);
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.once("exit", exit);
    check();
  });
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

export interface EventLoopReading {
  max_ms: number | null;
  p99_ms: number | null;
  p50_ms: number | null;
  mean_ms: number | null;
  min_ms: number | null;
  count: number;
  /** Event-loop utilisation (0–1) since the reset. */
  elu: number;
  seconds: number;
  /** CPU time of the server's main thread since the reset (Linux only, 10 ms ticks). */
  main_cpu_ms: number | null;
  /** CPU time of the whole server process (main thread, calibration worker, libuv threads) since the reset. */
  process_cpu_ms: number;
}

/** "utilisation 0.53, main thread on CPU 38% of the time, process 140%": a busy loop vs a starved one. */
export function describeEventLoop(reading: EventLoopReading): string {
  const share = (ms: number) => `${Math.round((ms / (reading.seconds * 1000)) * 100)}%`;
  return (
    `p99 ${reading.p99_ms} ms, loop utilisation ${reading.elu}` +
    (reading.main_cpu_ms === null ? "" : `, main thread on CPU ${share(reading.main_cpu_ms)} of the time`) +
    `, whole process ${share(reading.process_cpu_ms)} of one core`
  );
}

/** The side channel of event-loop-probe.mjs in the server process. */
export interface EventLoopProbe {
  reset(): Promise<void>;
  read(): Promise<EventLoopReading>;
}

function probeClient(port: number): EventLoopProbe {
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`event-loop probe ${path} answered ${res.status}`);
    return res.json();
  };
  return {
    reset: async () => void (await get("/reset")),
    read: async () => (await get("/read")) as EventLoopReading,
  };
}

export interface BigServer extends AutosaveFixture {
  big: BigDatabase;
  lead: { email: string; cookie: string };
  /** Null when the probe did not start in the server (its port taken): no event-loop figures then. */
  probe: EventLoopProbe | null;
}

const servers = new WeakMap<BenchContext, Promise<BigServer>>();

/**
 * The run's large database and server, built and started on first use; stopped when the run ends.
 * `extra` adds preloaded modules (NODE_OPTIONS --import) and environment (profile-dashboard.ts's profiler).
 */
export function bigServer(
  context: BenchContext,
  extra: { imports?: string[]; env?: Record<string, string> } = {},
): Promise<BigServer> {
  let server = servers.get(context);
  if (!server) {
    server = startBigServer(context, extra);
    servers.set(context, server);
    const started = server;
    context.defer(async () => {
      const running = await started.catch(() => null);
      if (running) {
        context.log("bench: stopping the server…");
        await running.stop();
      }
    });
  }
  return server;
}

async function startBigServer(
  context: BenchContext,
  extra: { imports?: string[]; env?: Record<string, string> },
): Promise<BigServer> {
  ensureCurrentBuild(context);
  const databasePath = join(context.tempDir(), "big.db");
  context.log(
    `bench: building the large database: ${BIG_SIZE.scorecards.toLocaleString("en-US")} submitted scorecards, ${BIG_SIZE.interviewers} interviewers, ` +
      `${BIG_SIZE.candidates.toLocaleString("en-US")} candidates, drafts on ${BIG_SIZE.draftInterviews} later interviews…`,
  );
  const big = await buildOrCopyBigDatabase(databasePath, { seats: SEATS });
  const c = big.counts;
  context.log(
    `bench: built in ${(big.buildMs / 1000).toFixed(1)} s, ${(big.bytes / 1048576).toFixed(0)} MB: ${c.users} users, ${c.candidates} candidates, ` +
      `${c.submitted} submitted + ${c.drafts} draft scorecards, ${c.ratings} ratings (${c.submittedRatings} submitted), ${c.redFlags} red flags, ${c.auditRows} audit rows`,
  );
  const probePort = await freePort();
  const probeUrl = pathToFileURL(join(context.root, "tests/bench/event-loop-probe.mjs")).href;
  const imports = [probeUrl, ...(extra.imports ?? [])].map((url) => `--import=${url}`);
  const nodeOptions = [process.env.NODE_OPTIONS, ...imports].filter(Boolean).join(" ");
  context.log("bench: starting the built server on it…");
  const started = performance.now();
  const server = await startAppServer(context.root, databasePath, {
    SESSION_SECRET,
    SEED_DEMO: "0",
    NODE_OPTIONS: nodeOptions,
    BENCH_EVENT_LOOP_PORT: String(probePort),
    BENCH_EVENT_LOOP_SCRIPT: SERVER_SCRIPT,
    ...extra.env,
  });
  try {
    context.log(
      `bench: server up in ${((performance.now() - started) / 1000).toFixed(1)} s at ${server.url}; signing in ${big.seats.length} interviewers and a lead…`,
    );
    let probe: EventLoopProbe | null = probeClient(probePort);
    try {
      await probe.read();
    } catch (error) {
      context.log(`bench: warning: the event-loop probe does not answer (${String(error)}); no event-loop figures`);
      probe = null;
    }
    const interviewers: BenchInterviewer[] = [];
    for (const seat of big.seats)
      interviewers.push({ ...seat, cookie: await signIn(server.url, seat.email, big.password) });
    const lead = { email: big.leads[0].email, cookie: await signIn(server.url, big.leads[0].email, big.password) };
    return {
      databasePath,
      server,
      url: server.url,
      rubricVersionId: big.rubricVersionId,
      interviewers,
      stop: () => server.stop("SIGTERM"),
      big,
      lead,
      probe,
    };
  } catch (error) {
    await server.stop("SIGTERM");
    throw error;
  }
}
