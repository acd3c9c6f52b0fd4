// The WAL checkpointer's thread (wal-checkpointer.ts): a connection of its own that copies the
// WAL's committed pages back into the database file every `intervalMs`, so that no commit on the
// main thread has to (the server's connection runs with wal_autocheckpoint = 0). PASSIVE: it never
// waits for, nor blocks, a reader or a writer; what a long read still needs is copied next time.
// Plain JavaScript: it needs nothing of the app, and starts without tsx's hooks.
import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

const { path, intervalMs } = workerData;
const sqlite = new Database(path, { fileMustExist: true });

function checkpoint() {
  const [result] = sqlite.pragma("wal_checkpoint(PASSIVE)");
  // log: frames in the WAL; checkpointed: frames now in the database file (-1 and -1 outside WAL mode).
  return { log: result.log, checkpointed: result.checkpointed };
}

// Asked for by id (tests, and anyone who needs the pages in the file now): answered with the result.
parentPort.on("message", ({ id }) => parentPort.postMessage({ id, ...checkpoint() }));
checkpoint();
setInterval(checkpoint, intervalMs);
