// The server the autosave, interference and dashboard sections measure: the real built server
// (`npm start`'s entry, app/server/start.ts, a child process on 127.0.0.1) on the large database of
// big-database.ts in a temporary folder, with the event-loop probe (event-loop-probe.mjs) preloaded
// through NODE_OPTIONS, 50 interviewers and one lead signed in. Built and started once per bench run
// by whichever of those sections runs first (bigServer), stopped at the end via context.defer.
// The server's children and how they are stopped: process-group.ts; starting the built server:
// built-server.ts; the event-loop probe's client: event-loop-probe-client.ts.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { freePort } from "../support/server-process";
import { SEATS, type AutosaveFixture, type BenchInterviewer } from "./autosave-fixture";
import type { BenchContext } from "./bench-kit";
import { BIG_SIZE, type BigDatabase } from "./big-database";
import { buildOrCopyBigDatabase } from "./big-database-cache";
import { ensureCurrentBuild, SERVER_SCRIPT, signIn, startAppServer } from "./built-server";
import { probeClient, type EventLoopProbe } from "./event-loop-probe-client";

const SESSION_SECRET = "bench-big-server-session-secret";

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
