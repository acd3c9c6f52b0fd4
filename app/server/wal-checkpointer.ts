import { Worker } from "node:worker_threads";
import { DEFAULT_WAL_AUTOCHECKPOINT, setProcessAutocheckpoint } from "~db/client";

// WAL checkpoints off the request path (#16). SQLite checkpoints inside the commit that takes the
// WAL past 1,000 pages: on the server, one autosave in a few hundred then writes the WAL's pages
// back into the database file and fsyncs it on the main thread (tens of ms on a shared disk),
// and every request waits. Here a thread of its own checkpoints every INTERVAL_MS and the process's
// connection never does. Should the thread die, the connection checkpoints for itself again.

/** Often enough that the WAL stays small (50 saves a second add ~500 pages a second). */
const INTERVAL_MS = 1000;

export interface CheckpointResult {
  /** Frames in the WAL when the checkpoint ran. */
  log: number;
  /** Of those, the frames now in the database file. */
  checkpointed: number;
}

export interface WalCheckpointer {
  /** Resolves with the next checkpoint's result (a checkpoint is asked for now). */
  checkpoint(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

// An error from the thread arrives as a plain copy: an SQLite error's message may not survive the crossing.
const describe = (error: unknown) =>
  error instanceof Error && error.message ? error.message : JSON.stringify(error) || String(error);

export function startWalCheckpointer(
  databasePath: string,
  { intervalMs = INTERVAL_MS }: { intervalMs?: number } = {},
): WalCheckpointer {
  const worker = new Worker(new URL("./wal-checkpoint-thread.mjs", import.meta.url), {
    workerData: { path: databasePath, intervalMs },
  });
  worker.unref();
  setProcessAutocheckpoint(0);
  const waiting = new Map<number, (result: CheckpointResult) => void>();
  let next = 0;
  let stopping = false;
  worker.on("message", ({ id, ...result }: CheckpointResult & { id: number }) => {
    waiting.get(id)?.(result);
    waiting.delete(id);
  });
  const exited = new Promise<void>((done) => worker.once("exit", () => done()));
  let failed = false;
  const fail = (error: unknown) => {
    setProcessAutocheckpoint(DEFAULT_WAL_AUTOCHECKPOINT);
    if (!stopping && !failed) console.error(`WAL checkpointer stopped (${describe(error)}); commits checkpoint again.`);
    failed = true;
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`exit code ${code}`)));
  return {
    checkpoint: () =>
      new Promise<CheckpointResult>((resolve, reject) => {
        const id = next++;
        waiting.set(id, resolve);
        worker.postMessage({ id });
        exited.then(() => reject(new Error("the WAL checkpointer has stopped")), reject);
      }),
    stop: async () => {
      stopping = true;
      await worker.terminate();
      await exited;
    },
  };
}
