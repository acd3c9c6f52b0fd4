// The autosave action under load on a fixture's server (autosave-fixture.ts, big-server.ts): each
// interviewer's seat at the revision the database holds, a warm-up, then the measured run.
import Database from "better-sqlite3";

import type { AutosaveFixture, BenchInterviewer } from "./autosave-fixture";
import { runInterviewerLoad, withCpu, type LoadResult, type Seat } from "./interviewer-load";
import { assertAlive } from "./process-group";

export const WARMUP_SECONDS = 3;
export const MEASURE_SECONDS = 10;

/** The autosave's data request, as the scorecard page's fetcher sends it. */
export const AUTOSAVE_DATA_PARAM = "_data=routes%2Finterviews.%24interviewId.scorecard";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

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
 * Each interviewer's seat at its stored revision (from the database, not the last run's replies:
 * see storedRevisions): on the scorecard's autosave with their session, or on `floorPath` (a floor
 * server, which has no sessions).
 */
export async function seatsNow(
  fixture: Pick<AutosaveFixture, "databasePath" | "interviewers">,
  floorPath?: (i: BenchInterviewer) => string,
): Promise<Seat[]> {
  const revisions = await storedRevisions(fixture.databasePath, fixture.interviewers);
  return fixture.interviewers.map((i, k): Seat =>
    floorPath
      ? { path: floorPath(i), revision: revisions[k] }
      : {
          path: `/interviews/${i.interviewId}/scorecard?${AUTOSAVE_DATA_PARAM}`,
          cookie: i.cookie,
          revision: revisions[k],
        },
  );
}

/**
 * Warm-up, then the measured run, of the autosave action against the fixture's server. `before`
 * is awaited right before the measured run starts and `after` right after it ends (e.g. to reset and read the
 * server's event-loop probe).
 */
export async function loadAutosave(
  fixture: AutosaveFixture,
  opts: { seconds?: number; warmupSeconds?: number; before?: () => Promise<void>; after?: () => Promise<void> } = {},
): Promise<LoadResult> {
  const runningSince = Date.now() - 600_000;
  const common = { rubricVersionId: fixture.rubricVersionId, runningSince };
  if ((opts.warmupSeconds ?? WARMUP_SECONDS) > 0) {
    await runInterviewerLoad(fixture.url, await seatsNow(fixture), {
      ...common,
      seconds: opts.warmupSeconds ?? WARMUP_SECONDS,
    });
  }
  const seats = await seatsNow(fixture);
  await opts.before?.();
  const result = await withCpu(fixture.server.child.pid, () =>
    runInterviewerLoad(fixture.url, seats, { ...common, seconds: opts.seconds ?? MEASURE_SECONDS }),
  );
  await opts.after?.();
  assertAlive(fixture.server.child, fixture.server.output);
  return result;
}
