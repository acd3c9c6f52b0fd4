// Bench section "autosave": the autosave action's throughput and p50/p99 latency under 50
// concurrent signed-in interviewers, each saving their own draft, against the real built server
// (`npm start`'s entry, a child process) on loopback, with autocannon — the server and the large
// database (100,000 submitted scorecards) shared with the interference and dashboard sections
// (big-server.ts). Read beside two floors measured in the same run, each in a child process of its
// own, with the same load:
//   - framework_rps: a bare Remix resource-route action that does nothing, in the real build and the
//     app's own createApp (autosave-noop-server.ts): what express + Remix cost on their own;
//   - raw_rps: a bare node:http handler doing the same SQLite transaction as one autosave
//     (autosave-raw-server.ts): what storage costs on its own.
// Targets (from issue #16, reported, never asserted): p99 under 50 ms, and rps at least 0.9x
// framework_rps. Beside each rps, the server's CPU time per request (its process group's, from
// /proc): on a shared machine rps measures the CPU a server was given, CPU per request what a
// request cost it, so framework_cpu_ms / cpu_ms (autosave.cpu_ratio) is the steadier ratio. Beside them, the server's worst event-loop delay during the measured run
// (event-loop-probe.mjs): the interference section's figure without a dashboard in the way.
//
// The three loads run one after the other, never at once (2 cores: autocannon takes one). Each
// connection is one interviewer: its own session cookie, its own interview, and the baseRevision
// of its previous reply, so a run has no 409s unless something is wrong.
//
// loadAutosave / runInterviewerLoad are exported for other sections (dashboard-section.ts's
// interference loads the dashboard while they run); startAutosaveFixture starts a server on a small
// database of its own (the demo organisation plus the interviewers), for profiling by hand.
import { type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import autocannon from "autocannon";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

import { hashPassword } from "../../app/models/password.server";
import { openDatabase } from "~db/client";
import * as t from "~db/schema";
import { DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";
import { freePort, type RunningServer } from "../support/server-process";
import { round, type BenchContext, type BenchSection, type Figure } from "./bench-kit";
import {
  bigServer,
  describeEventLoop,
  ensureCurrentBuild,
  SEATS,
  signIn,
  spawnGroup,
  startAppServer,
  waitForOutput,
  type EventLoopReading,
} from "./big-server";

/** Connections of the autosave load: the large database's seats (big-server.ts). */
export const INTERVIEWERS = SEATS;
export const WARMUP_SECONDS = 3;
export const MEASURE_SECONDS = 10;
export const TARGET_P99_MS = 50;
/** Issue #16: autosave throughput at least 0.9x the bare Remix action's, in the same run. */
export const TARGET_RATIO = 0.9;

/** The autosave's data request, as the scorecard page's fetcher sends it. */
export const AUTOSAVE_DATA_PARAM = "_data=routes%2Finterviews.%24interviewId.scorecard";
/** The bare Remix action of autosave-noop-server.ts. */
export const NOOP_PATH = "/__bench/noop";

const SESSION_SECRET = "bench-autosave-session-secret";
const DIMENSIONS = ["ownership", "accountability", "repair", "behavioural_change"] as const;
const NOTE_TEXTS = [
  "Named the decision in the first person: shipped the migration without the review the team had agreed, to hit the date. Said so to the manager the same afternoon, before anyone asked. Lost two weeks.",
  "Root cause stated plainly: assumed the other team read the same design doc. Apologised directly to the engineer who took the page at 3am, then wrote the postmortem with them as co-author, not about them.",
  "Change that stuck: a checklist item for every contract change, messages downstream consumers first. Gave a later example where the checklist caught a breaking change. Lesson concrete, not 'communicate more'.",
];

export interface BenchInterviewer {
  userId: number;
  email: string;
  interviewId: number;
  /** The `__session=...` cookie pair of the interviewer's signed-in session. */
  cookie: string;
}

export interface AutosaveFixture {
  databasePath: string;
  server: RunningServer;
  url: string;
  rubricVersionId: number;
  interviewers: BenchInterviewer[];
  /** Stops the server (the temporary directory is the context's to remove). */
  stop(): Promise<void>;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  p97_5Ms: number;
  meanMs: number;
  responses: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** The first connection error's message, if any. */
  firstError: string | null;
  seconds: number;
  /** The server's CPU time (all its processes, user + system) per answered request, in µs; null if unknown. */
  cpuUsPerRequest: number | null;
}

/**
 * CPU seconds used so far by every process of a process group (the servers run in a group of their
 * own: tsx and the node server under it), from /proc (Linux; null elsewhere). On a shared, loaded
 * machine a server's throughput says how much CPU it was given; its CPU time per request says what
 * each request cost it, which the load changes far less.
 */
export function groupCpuSeconds(pgid: number | undefined): number | null {
  if (pgid === undefined) return null;
  let ticks = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // After the command name in parentheses: state, ppid, pgrp, ..., utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return null;
  }
  return ticks / 100; // USER_HZ: 100 on Linux
}

/** Runs `load` and adds the CPU time the server's process group spent per answered request. */
export async function withCpu(pgid: number | undefined, load: () => Promise<LoadResult>): Promise<LoadResult> {
  const before = groupCpuSeconds(pgid);
  const result = await load();
  const after = groupCpuSeconds(pgid);
  const cpuUsPerRequest =
    before === null || after === null || result.responses === 0
      ? null
      : round(((after - before) * 1e6) / result.responses, 0);
  return { ...result, cpuUsPerRequest };
}

/** One connection's identity and state: where it posts, as whom, and the revision it saves on. */
export interface Seat {
  path: string;
  cookie?: string;
  revision: number;
}

/** A scorecard draft as the editor autosaves it: 4 ratings, 2 red flags, STAR, 3 notes of ~200 characters, the timer. */
export function draftBody(baseRevision: number, rubricVersionId: number, runningSince: number): string {
  return JSON.stringify({
    intent: "save",
    baseRevision,
    rubricVersionId,
    ratings: { ownership: 3, accountability: 2 + (baseRevision % 3), repair: 3, behavioural_change: 2 },
    capJustifications: {},
    redFlags: ["passive_voice", "generic_lesson"],
    star: ["situation", "task", "action"],
    recommendation: "yes",
    recommendationJustification:
      "Owned the mistake early and repaired it with the people affected; the change that stuck is specific.",
    // The text changes with every save, as typing does: each upsert really rewrites a note.
    notes: NOTE_TEXTS.map((text, i) => ({
      id: `bench-note-${i + 1}`,
      dimension: DIMENSIONS[i],
      elapsedSeconds: 120 * (i + 1),
      text: `${text} (${baseRevision})`,
    })),
    timer: { elapsedMs: (baseRevision % 3600) * 1000, runningSince },
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A fresh database in `dir`: migrations, the demo organisation, and `count` more interviewers, each
 * alone on the panel of an upcoming interview of their own. All share the demo password.
 */
async function prepareDatabase(root: string, databasePath: string, count: number) {
  const connection = openDatabase(databasePath);
  try {
    migrate(connection.db, { migrationsFolder: join(root, "migrations") });
    await seedDemo(connection.db);
    const version = connection.db
      .select({ id: t.rubricVersions.id })
      .from(t.rubricVersions)
      .orderBy(t.rubricVersions.id)
      .all()
      .at(-1)!;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const seats = connection.sqlite.transaction(() => {
      const out: { userId: number; email: string; interviewId: number }[] = [];
      for (let k = 1; k <= count; k++) {
        const email = `bench-interviewer-${String(k).padStart(2, "0")}@bench.test`;
        const { id: userId } = connection.db
          .insert(t.users)
          .values({ email, name: `Bench Interviewer ${k}`, passwordHash })
          .returning({ id: t.users.id })
          .get();
        connection.db.insert(t.userRoles).values({ userId, role: "interviewer" }).run();
        const candidate = connection.db
          .insert(t.candidates)
          .values({ name: `Bench Candidate ${k}`, targetLevel: "senior" })
          .returning({ id: t.candidates.id })
          .get();
        const interview = connection.db
          .insert(t.interviews)
          .values({ candidateId: candidate.id, rubricVersionId: version.id, variantKey: "default", scheduledAt })
          .returning({ id: t.interviews.id })
          .get();
        connection.db.insert(t.panelAssignments).values({ interviewId: interview.id, interviewerId: userId }).run();
        out.push({ userId, email, interviewId: interview.id });
      }
      return out;
    })();
    return { rubricVersionId: version.id, seats };
  } finally {
    connection.sqlite.close();
  }
}

/**
 * Starts the real built server on a fresh database with `count` interviewers (INTERVIEWERS by
 * default), all signed in. `serverEnv` is added to the server's environment (e.g. NODE_OPTIONS to
 * profile it).
 */
export async function startAutosaveFixture(
  context: BenchContext,
  opts: { count?: number; serverEnv?: Record<string, string> } = {},
): Promise<AutosaveFixture> {
  const count = opts.count ?? INTERVIEWERS;
  ensureCurrentBuild(context);
  const databasePath = join(context.tempDir(), "autosave.db");
  context.log(`autosave: a fresh database with the demo organisation and ${count} interviewers…`);
  const { rubricVersionId, seats } = await prepareDatabase(context.root, databasePath, count);
  const server = await startAppServer(context.root, databasePath, {
    SESSION_SECRET,
    SEED_DEMO: "0",
    ...opts.serverEnv,
  });
  try {
    const interviewers: BenchInterviewer[] = [];
    for (const seat of seats)
      interviewers.push({ ...seat, cookie: await signIn(server.url, seat.email, DEMO_PASSWORD) });
    return { databasePath, server, url: server.url, rubricVersionId, interviewers, stop: () => stopServer(server) };
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

async function stopServer(server: RunningServer): Promise<void> {
  // startAppServer's stop: SIGTERM to the process group, SIGKILL to it after 5 s.
  await server.stop("SIGTERM");
}

/**
 * The stored revision of each interviewer's scorecard (0 before the first save), once it has stopped
 * changing: a run ends with requests cut off in flight, which the server may still commit.
 */
export async function storedRevisions(
  databasePath: string,
  interviewers: readonly BenchInterviewer[],
): Promise<number[]> {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    const row = db.prepare("select revision from scorecards where interview_id = ? and interviewer_id = ?");
    const read = () =>
      interviewers.map((i) => (row.get(i.interviewId, i.userId) as { revision: number } | undefined)?.revision ?? 0);
    let last = read();
    for (let tries = 0; tries < 20; tries++) {
      await sleep(100);
      const now = read();
      if (now.every((revision, k) => revision === last[k])) return now;
      last = now;
    }
    throw new Error("the stored revisions were still changing 2 s after the load stopped");
  } finally {
    db.close();
  }
}

/**
 * Closed-loop load with one connection per seat: each connection sends its seat's draft, reads the
 * revision from the reply (the new one on 200, the stored one on a 409) and sends the next save on
 * it, until `seconds` are up — at once, or with `connectionRate` at that pace (still one in flight).
 */
export async function runInterviewerLoad(
  url: string,
  seats: Seat[],
  opts: {
    seconds: number;
    rubricVersionId: number;
    runningSince: number;
    /** Called once the load has started, with a function that ends it early (the result covers the time run). */
    control?: (stop: () => void) => void;
    /** Saves per second per interviewer; unset: closed loop, each connection saves again as soon as answered. */
    connectionRate?: number;
  },
): Promise<LoadResult> {
  let next = 0;
  const instance = autocannon({
    url,
    connections: seats.length,
    duration: opts.seconds,
    timeout: 10,
    pipelining: 1,
    ...(opts.connectionRate ? { connectionRate: opts.connectionRate } : {}),
    method: "POST",
    setupClient: (client) => {
      const seat = seats[next++ % seats.length];
      const headers: Record<string, string> = { "Content-Type": "application/json" };
      if (seat.cookie) headers.Cookie = seat.cookie;
      client.setRequests([
        {
          setupRequest: (request) => ({
            ...request,
            method: "POST",
            path: seat.path,
            headers: { ...request.headers, ...headers },
            body: draftBody(seat.revision, opts.rubricVersionId, opts.runningSince),
          }),
          onResponse: (status, body) => {
            if (status !== 200 && status !== 409) return;
            try {
              const reply = JSON.parse(body) as { revision?: number; state?: { revision?: number } | null };
              const revision = status === 200 ? reply.revision : reply.state?.revision;
              if (typeof revision === "number") seat.revision = revision;
            } catch {
              // Not JSON (the noop floor answers {"ok":true}; a failure may answer HTML): keep the revision.
            }
          },
        },
      ]);
    },
  });
  let firstError: string | null = null;
  instance.on("reqError", (error: Error) => (firstError ??= error.message));
  opts.control?.(() => instance.stop());
  const result = await instance;
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  return {
    rps: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    p97_5Ms: result.latency.p97_5,
    meanMs: round(result.latency.mean, 2),
    responses: Object.values(statusCounts).reduce((a, b) => a + b, 0),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    firstError,
    seconds: result.duration,
    cpuUsPerRequest: null,
  };
}

/**
 * Warm-up, then the measured run, of the autosave action against the fixture's server. `around`
 * is awaited right before the measured run starts and after it ends (e.g. to reset and read the
 * server's event-loop probe).
 */
export async function loadAutosave(
  fixture: AutosaveFixture,
  opts: { seconds?: number; warmupSeconds?: number; before?: () => Promise<void>; after?: () => Promise<void> } = {},
): Promise<LoadResult> {
  const runningSince = Date.now() - 600_000;
  const seatsNow = async () => {
    // From the database, not the last run's replies (see storedRevisions).
    const revisions = await storedRevisions(fixture.databasePath, fixture.interviewers);
    return fixture.interviewers.map((i, k): Seat => ({
      path: `/interviews/${i.interviewId}/scorecard?${AUTOSAVE_DATA_PARAM}`,
      cookie: i.cookie,
      revision: revisions[k],
    }));
  };
  const common = { rubricVersionId: fixture.rubricVersionId, runningSince };
  if ((opts.warmupSeconds ?? WARMUP_SECONDS) > 0) {
    await runInterviewerLoad(fixture.url, await seatsNow(), {
      ...common,
      seconds: opts.warmupSeconds ?? WARMUP_SECONDS,
    });
  }
  const seats = await seatsNow();
  await opts.before?.();
  const result = await withCpu(fixture.server.child.pid, () =>
    runInterviewerLoad(fixture.url, seats, { ...common, seconds: opts.seconds ?? MEASURE_SECONDS }),
  );
  await opts.after?.();
  assertAlive(fixture.server.child, fixture.server.output);
  return result;
}

/** A server that died under load makes every figure meaningless: say so, with its output. */
export function assertAlive(child: ChildProcess, output: () => string): void {
  if (child.exitCode === null && child.signalCode === null) return;
  throw new Error(`the server under load exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-4000)}`);
}

interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Stops the server; throws if it had already exited (died under load). */
  stop(): Promise<void>;
}

/** Runs a bench server script (tests/bench/*-server.ts) like the app server: tsx, production, loopback, a process group of its own. */
async function startBenchServer(root: string, script: string, env: Record<string, string>): Promise<ChildServer> {
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
    const seatsNow = async () => {
      const revisions = await storedRevisions(fixture.databasePath, fixture.interviewers);
      return fixture.interviewers.map((i, k): Seat => ({ path: pathOf(i), revision: revisions[k] }));
    };
    const common = { rubricVersionId: fixture.rubricVersionId, runningSince };
    context.log(
      `autosave: ${name}: ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s measured, ${fixture.interviewers.length} connections…`,
    );
    await runInterviewerLoad(server.url, await seatsNow(), { ...common, seconds: WARMUP_SECONDS });
    const seats = await seatsNow();
    const result = await withCpu(server.child.pid, () =>
      runInterviewerLoad(server.url, seats, { ...common, seconds: MEASURE_SECONDS }),
    );
    assertAlive(server.child, server.output);
    return result;
  } finally {
    await server.stop().catch((error: unknown) => context.log(`autosave: ${name}: ${String(error)}`));
  }
}

export interface AutosaveBench {
  autosave: LoadResult;
  framework: LoadResult;
  raw: LoadResult;
  /** The server's event-loop delay during the measured autosave run; null without the probe. */
  eventLoop: EventLoopReading | null;
}

/**
 * The three loads, one after another: the bare Remix action, the bare SQLite handler, the autosave
 * action — on the large database and its server (big-server.ts), which the run stops at its end.
 */
export async function benchAutosave(context: BenchContext): Promise<AutosaveBench> {
  const fixture = await bigServer(context);
  const framework = await loadFloor(
    context,
    fixture,
    "framework floor (bare Remix action)",
    "tests/bench/autosave-noop-server.ts",
    {},
    () => NOOP_PATH,
  );
  const raw = await loadFloor(
    context,
    fixture,
    "storage floor (node:http + SQLite)",
    "tests/bench/autosave-raw-server.ts",
    { DATABASE_PATH: fixture.databasePath },
    (i) => `/save?interview=${i.interviewId}&user=${i.userId}`,
  );
  context.log(
    `autosave: the autosave action on the real server: ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s measured, ${fixture.interviewers.length} interviewers…`,
  );
  let eventLoop: EventLoopReading | null = null;
  const autosave = await loadAutosave(fixture, {
    before: async () => void (await fixture.probe?.reset()),
    after: async () => void (eventLoop = (await fixture.probe?.read()) ?? null),
  });
  return { autosave, framework, raw, eventLoop };
}

const cpuMs = (result: LoadResult) => (result.cpuUsPerRequest === null ? null : result.cpuUsPerRequest / 1000);

function describe(result: LoadResult): string {
  const codes = Object.entries(result.statusCounts)
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, n]) => `${n}x${code}`);
  return `${result.non2xx} non-2xx${codes.length ? ` (${codes.join(", ")})` : ""}, ${result.errors} errors, ${result.timeouts} timeouts`;
}

export const autosaveSection: BenchSection = {
  name: "autosave",
  async measure(context) {
    const { autosave, framework, raw, eventLoop } = await benchAutosave(context);
    for (const [name, result] of Object.entries({ autosave, framework, raw })) {
      context.log(
        `autosave: ${name}: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.responses} responses, CPU ${result.cpuUsPerRequest ?? "?"} µs/request, ${describe(result)}`,
      );
      if (result.non2xx > 0 || result.errors > 0) {
        context.log(
          `autosave: warning: ${name} had failures: ${JSON.stringify(result.statusCounts)}${result.firstError ? `; first error: ${result.firstError}` : ""}`,
        );
      }
    }
    const rawRatio = raw.rps > 0 ? round(autosave.rps / raw.rps, 2) : null;
    const load = `${INTERVIEWERS} connections, ${MEASURE_SECONDS} s after ${WARMUP_SECONDS} s warm-up, 100k-scorecard database`;
    const figures: Figure[] = [
      {
        key: "autosave.rps",
        value: autosave.rps,
        unit: "ops/s",
        note: `autosave action, real server, ${load}; ${describe(autosave)}; target >= ${TARGET_RATIO}x framework`,
        baseline: { key: "autosave.framework_rps", ratioKey: "autosave.ratio" },
      },
      { key: "autosave.p50_ms", value: autosave.p50Ms, unit: "ms", note: "autocannon latency p50 (whole ms)" },
      {
        key: "autosave.p99_ms",
        value: autosave.p99Ms,
        unit: "ms",
        note: `autocannon latency p99 (whole ms); target < ${TARGET_P99_MS} ms`,
      },
      {
        key: "autosave.framework_rps",
        value: framework.rps,
        unit: "ops/s",
        note: `bare Remix action (POST ${NOOP_PATH}), createApp + real build; p50 ${framework.p50Ms} / p99 ${framework.p99Ms} ms; ${describe(framework)}`,
      },
      {
        key: "autosave.raw_rps",
        value: raw.rps,
        unit: "ops/s",
        note: `bare node:http + the same SQLite transaction; p50 ${raw.p50Ms} / p99 ${raw.p99Ms} ms; ${describe(raw)}; raw ratio (autosave/raw) ${rawRatio === null ? "n/a" : `${rawRatio.toFixed(2)}x`}`,
      },
      {
        key: "autosave.cpu_ms",
        value: cpuMs(autosave),
        unit: "ms",
        note: "the autosave server's CPU time per answered request (its process group, user + system, from /proc), in the measured run",
      },
      {
        key: "autosave.framework_cpu_ms",
        value: cpuMs(framework),
        unit: "ms",
        note: `the bare Remix action's CPU time per request; its ratio to autosave.cpu_ms is the throughput ratio a machine of its own would show (target >= ${TARGET_RATIO}x), steadier than rps on a loaded machine`,
        baseline: { key: "autosave.cpu_ms", ratioKey: "autosave.cpu_ratio" },
      },
      {
        key: "autosave.event_loop_max_ms",
        value: eventLoop?.max_ms ?? null,
        unit: "ms",
        note: eventLoop
          ? `server's worst event-loop delay in the measured autosave run (perf_hooks, 10 ms resolution: idle reads ~10); ${describeEventLoop(eventLoop)}`
          : "no event-loop probe in the server",
      },
    ];
    return figures;
  },
};
