// A running server with signed-in interviewers, each alone on an upcoming interview of their own:
// what the autosave load needs. The bench's sections use the large database's (big-server.ts);
// startAutosaveFixture starts one on a small database of its own (the demo organisation plus the
// interviewers), for profiling by hand (profile-autosave.ts).
import { join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

import { hashPassword } from "../../app/models/password.server";
import { openDatabase } from "~db/client";
import * as t from "~db/schema";
import { DEMO_PASSWORD, seedDemo } from "~/seed/demo.server";
import type { RunningServer } from "../support/server-process";
import type { BenchContext } from "./bench-kit";
import { ensureCurrentBuild, signIn, startAppServer } from "./built-server";

/** Signed-in interviewers of a fixture: the autosave load's connections. */
export const SEATS = 50;
const SESSION_SECRET = "bench-autosave-session-secret";

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
 * Starts the real built server on a fresh database with `count` interviewers (SEATS by
 * default), all signed in. `serverEnv` is added to the server's environment (e.g. NODE_OPTIONS to
 * profile it).
 */
export async function startAutosaveFixture(
  context: BenchContext,
  opts: { count?: number; serverEnv?: Record<string, string> } = {},
): Promise<AutosaveFixture> {
  const count = opts.count ?? SEATS;
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
