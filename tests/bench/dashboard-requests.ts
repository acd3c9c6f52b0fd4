// What the dashboard sections send and write: a lead's GET (timed, its body read whole), the
// overview's two URLs, and the audit rows that make the server see newer data.
import Database from "better-sqlite3";

import type { DATA_ACTIONS } from "../../app/models/dashboard-snapshot.server";

/** The overview page, whole: root, calibration and calibration._index loaders, then the SSR render. */
export const DASHBOARD_DOCUMENT = "/calibration";
/** The overview loader alone, as a client-side navigation fetches it. */
export const DASHBOARD_DATA = "/calibration?_data=routes%2Fcalibration._index";

/** An import of nothing: a data change (DATA_ACTIONS) that is not a newer scorecard. */
const BUMP_ACTION: (typeof DATA_ACTIONS)[number] = "ratings.imported";

export async function leadGet(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, {
    headers: { Cookie: cookie },
    redirect: "manual",
    signal: AbortSignal.timeout(120_000),
  });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - start, status: res.status, bytes: body.byteLength };
}

/** One audit row, written beside the running server (which holds the database open: hence the busy timeout). */
function writeAuditRow(databasePath: string, action: string, detail: object): void {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("insert into audit_log (action, entity, detail) values (?, 'bench', ?)").run(
      action,
      JSON.stringify(detail),
    );
  } finally {
    db.close();
  }
}

/**
 * A new data version: what every submit, amendment or import does, without changing a rating. The
 * action must be one the dashboard counts (DATA_ACTIONS): an earlier "bench.data_version" row was
 * not, so the interference windows never started with the computation they describe.
 */
export function bumpDataVersion(databasePath: string): void {
  writeAuditRow(databasePath, BUMP_ACTION, { at: Date.now(), count: 0 });
}

/** A submit as the scorecard action records it (its audit row): a newer scorecard for the dashboard. */
export function recordSubmit(databasePath: string): void {
  writeAuditRow(databasePath, "scorecard.submitted", { at: Date.now() });
}
