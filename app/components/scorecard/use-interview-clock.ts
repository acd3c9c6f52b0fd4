import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { NO_TIMING } from "~/domain/scorecard-content";
import { elapsedMs, type ClockState } from "./form-values";

// The interview clock of this interviewer's card: a stopwatch (start, pause, resume) that starts
// once — on the first press of `t` or the first change to the card, whichever comes first — and
// the answer's start and end marks, in seconds on that clock. All of it is saved with the card.
// The clock lives in a store, not in the editor's state: only the timer panel shows it, so the
// first change to the card (which starts the clock) and `t`, `a`, `e` re-render that panel alone.

export interface ClockStore {
  get(): ClockState;
  subscribe(listener: () => void): () => void;
}

/** The clock as the timer panel shows it: it re-renders when the clock changes. */
export function useClockState(store: ClockStore): ClockState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export function useInterviewClock(initial: ClockState, onChange: () => void) {
  const latest = useRef(initial);
  const notify = useRef(onChange);
  notify.current = onChange;
  const [listeners] = useState(() => new Set<() => void>());
  const [store] = useState<ClockStore>(() => ({
    get: () => latest.current,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  }));

  const update = useCallback(
    (next: ClockState, silent = false) => {
      latest.current = next;
      for (const listener of listeners) listener();
      if (!silent) notify.current();
    },
    [listeners],
  );

  const seconds = useCallback((now = Date.now()) => Math.floor(elapsedMs(latest.current.timer, now) / 1000), []);

  const start = (c: ClockState, now: number): ClockState => ({
    timer: { elapsedMs: c.timer.elapsedMs, runningSince: now },
    timing: { ...c.timing, clockStartedAt: c.timing.clockStartedAt ?? now },
  });

  /** The first change to the card starts the clock, so no note is stamped 0:00 for want of a key press. */
  const ensureStarted = useCallback(() => {
    const c = latest.current;
    if (c.timing.clockStartedAt == null && c.timer.runningSince == null && c.timer.elapsedMs === 0)
      update(start(c, Date.now()), true);
  }, [update]);

  const toggle = useCallback(() => {
    const c = latest.current;
    const now = Date.now();
    update(
      c.timer.runningSince
        ? { ...c, timer: { elapsedMs: elapsedMs(c.timer, now), runningSince: null } }
        : start(c, now),
    );
  }, [update]);

  const markAnswerStart = useCallback(() => {
    ensureStarted();
    const c = latest.current;
    update({ ...c, timing: { ...c.timing, answerStartSeconds: seconds(), answerEndSeconds: null } });
  }, [ensureStarted, seconds, update]);

  const markAnswerEnd = useCallback(() => {
    const c = latest.current;
    if (c.timing.answerStartSeconds == null) return;
    update({ ...c, timing: { ...c.timing, answerEndSeconds: Math.max(c.timing.answerStartSeconds, seconds()) } });
  }, [seconds, update]);

  /** Another copy (a merge, a restored local draft) replaces the clock; it is not a new change. */
  const replace = useCallback(
    (next: ClockState) => update({ timer: next.timer, timing: next.timing ?? NO_TIMING }, true),
    [update],
  );

  // One object for the card's life: the memoised parts that take it keep their props.
  return useMemo(
    () => ({ store, latest, seconds, ensureStarted, toggle, markAnswerStart, markAnswerEnd, replace }),
    [store, seconds, ensureStarted, toggle, markAnswerStart, markAnswerEnd, replace],
  );
}

export type InterviewClock = ReturnType<typeof useInterviewClock>;
