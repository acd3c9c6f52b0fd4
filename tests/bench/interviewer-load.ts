// The autosave load itself: autocannon with one connection per seat, each posting its seat's draft on
// the revision of its previous reply (so a run has no 409s unless something is wrong), closed loop
// (the paced load is paced-load.ts); and the server's CPU time per answered request beside it. Which
// server, which seats and how long: autosave-load.ts (the app's autosave) and autosave-floors.ts.
import autocannon from "autocannon";

import { round } from "./bench-kit";
import { groupCpuSeconds } from "./process-group";

const DIMENSIONS = ["ownership", "accountability", "repair", "behavioural_change"] as const;
const NOTE_TEXTS = [
  "Named the decision in the first person: shipped the migration without the review the team had agreed, to hit the date. Said so to the manager the same afternoon, before anyone asked. Lost two weeks.",
  "Root cause stated plainly: assumed the other team read the same design doc. Apologised directly to the engineer who took the page at 3am, then wrote the postmortem with them as co-author, not about them.",
  "Change that stuck: a checklist item for every contract change, messages downstream consumers first. Gave a later example where the checklist caught a breaking change. Lesson concrete, not 'communicate more'.",
];

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
  /** The same for its processes' main threads only (where JavaScript handles requests), in µs; null if unknown. */
  mainThreadCpuUsPerRequest?: number | null;
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

/**
 * Closed-loop load with one connection per seat: each connection sends its seat's draft, reads the
 * revision from the reply (the new one on 200, the stored one on a 409) and sends the next save on
 * it at once, until `seconds` are up. (Paced loads: paced-load.ts; autocannon's connectionRate
 * would put every connection's saves in the same instant each second.)
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
  },
): Promise<LoadResult> {
  let next = 0;
  const instance = autocannon({
    url,
    connections: seats.length,
    duration: opts.seconds,
    timeout: 10,
    pipelining: 1,
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

/** Runs `load` and adds the CPU time the server's process group spent per answered request. */
export async function withCpu(pgid: number | undefined, load: () => Promise<LoadResult>): Promise<LoadResult> {
  const read = () => [groupCpuSeconds(pgid), groupCpuSeconds(pgid, { mainThreads: true })];
  const before = read();
  const result = await load();
  const after = read();
  const perRequest = (k: number) =>
    before[k] === null || after[k] === null || result.responses === 0
      ? null
      : round(((after[k]! - before[k]!) * 1e6) / result.responses, 0);
  return { ...result, cpuUsPerRequest: perRequest(0), mainThreadCpuUsPerRequest: perRequest(1) };
}
