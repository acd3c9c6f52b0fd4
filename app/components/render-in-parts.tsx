import { createContext, Suspense, useContext, type ReactNode } from "react";

// A document is rendered on the server's main thread, which also answers every autosave. React
// renders a whole document in one task unless a part of it suspends: at 100,000 scorecards the
// calibration overview (300 interviewers in the filter bar, the action list's links) was one task
// of tens of ms, and every autosave that arrived meanwhile waited for it. A <RenderPart> lets the
// event loop turn once before its children render, so the document is rendered in several tasks
// with requests answered in between. The entry (app/entry.server.tsx) waits for the whole document
// (onAllReady) before sending it, so the HTML is the same as in one task: each part is inline, in
// a Suspense boundary's markers, and works without JavaScript. In the browser, and in any render
// without a provider, a part renders its children at once.

/** One document request's turns: `next()` resolves one event-loop turn after the previous part's turn. */
export interface RenderTurns {
  taken: Set<string>;
  /** False once the render has taken `budgetMs`: the parts left render at once. */
  yielding(): boolean;
  next(): Promise<void>;
}

/**
 * How long a render may keep handing turns away. On an overloaded server each turn waits behind
 * every request queued meanwhile: the document must still be whole well before the entry's abort
 * (5 s), so after this the parts left render in the task that reaches them.
 */
export const TURN_BUDGET_MS = 1000;

const TurnsContext = createContext<RenderTurns | null>(null);

export const RenderTurnsProvider = TurnsContext.Provider;

/**
 * Turns for one render, taken one after another (not all at once: parts that suspended on the same
 * turn would all be rendered again in the same task). `schedule` runs a callback on a later turn
 * of the event loop (the server passes setImmediate).
 */
export function createRenderTurns(
  schedule: (callback: () => void) => void,
  budgetMs: number = TURN_BUDGET_MS,
): RenderTurns {
  let last = Promise.resolve();
  const until = Date.now() + budgetMs;
  return {
    taken: new Set(),
    yielding: () => Date.now() < until,
    next() {
      last = last.then(() => new Promise<void>((resume) => schedule(resume)));
      return last;
    },
  };
}

function Turn({ name, children }: { name: string; children: ReactNode }) {
  const turns = useContext(TurnsContext);
  if (turns && !turns.taken.has(name) && turns.yielding()) {
    turns.taken.add(name);
    // React's way to wait during a render: the part renders again once this settles.
    throw turns.next();
  }
  return <>{children}</>;
}

/** Children rendered on a later turn of the server's event loop (`name`: unique within the document). */
export function RenderPart({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Suspense fallback={null}>
      <Turn name={name}>{children}</Turn>
    </Suspense>
  );
}
