import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** The nice value the dashboard's compute threads run at (0 is the main thread's; 19 the lowest). */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's CPU priority, and only its own. The server's main thread answers
 * every autosave; the dashboard's compute threads may take seconds of CPU. On 2 cores, with both
 * compute threads busy, the main thread waited for a time slice behind them (in the bench's paced
 * window it was on CPU 17% of the time while runnable 32%, and its event loop stalled 319 ms). At
 * nice 10 a compute thread gets about a tenth of a contended core, all of an idle one.
 *
 * Linux only: a thread's id, read from /proc/thread-self, is a pid to setpriority(2), which then
 * applies to that thread alone. Elsewhere nothing changes (the computation is the same, only
 * scheduled as before).
 */
export function runInBackground(): boolean {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}
